import { describe, expect, it } from 'vitest';
import {
  classificationReport,
  fftSentimentToLabel,
  parseCriticalityCsv,
  parseFftFrameworkCsv,
  TrainingDataError,
} from '../../../src/domain/sentiment/index.js';

describe('parseFftFrameworkCsv', () => {
  it('reads labelled answers and skips unlabelled or empty ones', () => {
    const csv = [
      'Comment ID,Trust,Respondent ID,FFT question,FFT answer,Comment sentiment,Other',
      'A - Q1,T,1,What was good?,"Kind staff, thank you",1,',
      'A - Q2,T,1,"What could we\ndo better?",Parking,4,',
      'B - Q1,T,2,What was good?,,2,',
      'C - Q1,T,3,What was good?,Fine,,',
      'D - Q1,T,4,What was good?,Odd label,9,',
    ].join('\n');
    expect(parseFftFrameworkCsv(csv)).toEqual([
      { commentId: 'A - Q1', respondentId: '1', question: 'What was good?', text: 'Kind staff, thank you', label: 1 },
      { commentId: 'A - Q2', respondentId: '1', question: 'What could we\ndo better?', text: 'Parking', label: 4 },
    ]);
  });
  it('names the missing columns', () => {
    expect(() => parseFftFrameworkCsv('Comment ID,FFT answer\nx,y\n')).toThrow(TrainingDataError);
    expect(() => parseFftFrameworkCsv('Comment ID,FFT answer\nx,y\n')).toThrow(/Respondent ID/);
  });
  it('maps 1–2 / 3 / 4–5 to positive / neutral / negative', () => {
    expect([1, 2, 3, 4, 5].map((l) => fftSentimentToLabel(l as 1))).toEqual([
      'positive',
      'positive',
      'neutral',
      'negative',
      'negative',
    ]);
  });
});

describe('parseCriticalityCsv', () => {
  it('keeps ±1…5, drops 0 and junk', () => {
    const csv =
      'code,feedback,criticality,row_index\nx,Good,3,0\nx,Bad,-2,1\nx,Unrated,0,2\nx,Junk,-o,3\nx,Also junk,NA,4\n';
    expect(parseCriticalityCsv(csv)).toEqual([
      { id: '0', text: 'Good', negative: false },
      { id: '1', text: 'Bad', negative: true },
    ]);
  });
});

describe('classificationReport', () => {
  it('computes accuracy, recall and macro-F1', () => {
    const report = classificationReport([0, 0, 1, 1], [0, 1, 1, 1], 2);
    expect(report.accuracy).toBe(0.75);
    expect(report.recall).toEqual([0.5, 1]);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
    expect(report.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });
});
