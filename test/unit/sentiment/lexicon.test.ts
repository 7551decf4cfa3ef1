import { describe, expect, it } from 'vitest';
import { analyseLexicon } from '../../../src/domain/sentiment/index.js';

const label = (text: string, question?: string) => analyseLexicon(text, question).label;

describe('praise and complaint idioms', () => {
  it.each([
    "Can't fault the team",
    'Could not fault the nurses',
    'No complaints at all',
    'Nothing was too much trouble',
    "Couldn't have asked for better care",
    'The chemo unit is second to none',
    'The nurse went above and beyond',
  ])('"%s" is positive', (text) => {
    expect(label(text)).toBe('positive');
  });
  it.each([
    'Still waiting for an appointment',
    'No one called back about the biopsy',
    'I had to chase the referral twice',
    'They lost my results',
  ])('"%s" is negative', (text) => {
    expect(label(text)).toBe('negative');
  });
  it('reports which idiom it saw', () => {
    expect(analyseLexicon("Can't fault them").cues).toContain('idiom:cant_fault');
  });
});

describe('negation scope', () => {
  it('flips the words it governs', () => {
    expect(label('The staff were not helpful')).toBe('negative');
    expect(label('It was not bad')).toBe('positive');
  });
  it('ends at punctuation', () => {
    const analysis = analyseLexicon('Not ideal, the nurses were lovely');
    expect(analysis.label).toBe('positive');
    expect(analysis.clauses.flatMap((c) => c.words.filter((_, i) => c.negated[i]))).not.toContain('lovely');
  });
  it('does not treat "not only" as a negation', () => {
    expect(label('Not only kind but also quick')).toBe('positive');
  });
});

describe('clinical words', () => {
  it('do not make praise negative', () => {
    expect(label('I was diagnosed with terminal cancer and the palliative team were wonderful')).toBe('positive');
    expect(label('In a lot of pain after the biopsy but the nurses were amazing')).toBe('positive');
  });
  it('carry no sentiment on their own', () => {
    expect(analyseLexicon('Chemotherapy and radiotherapy for the tumour').score).toBe(0);
  });
});

describe('test-result language', () => {
  it('reads a clear or negative result as good news', () => {
    expect(label('The scan was clear')).toBe('positive');
    expect(label('My results came back negative')).toBe('positive');
    expect(label('Got the all clear today')).toBe('positive');
  });
  it('reads "tested positive" as neither praise nor complaint', () => {
    expect(label('Tested positive for BRCA')).toBe('neutral');
  });
});

describe('sarcasm', () => {
  it('turns a short "Great." after a complaint into a complaint', () => {
    const analysis = analyseLexicon('Waited four hours and no one called back. Great.');
    expect(analysis.cues).toContain('sarcasm');
    expect(analysis.label).toBe('negative');
  });
  it('leaves sincere praise alone', () => {
    const analysis = analyseLexicon('The staff were great. Brilliant, thanks.');
    expect(analysis.cues).not.toContain('sarcasm');
    expect(analysis.label).toBe('positive');
  });
});

describe('question context for bare answers', () => {
  it('"Nothing" is praise for "what could be better" and a complaint for "what was good"', () => {
    expect(label('Nothing.', 'What could we do better?')).toBe('positive');
    expect(label('Nothing', 'How could we improve?')).toBe('positive');
    expect(label('Nothing', 'What was good?')).toBe('negative');
  });
  it('"Everything" / "All of it" flip the other way', () => {
    expect(label('Everything', 'What was good?')).toBe('positive');
    expect(label('All of it', 'What was good?')).toBe('positive');
    expect(label('Everything', 'What could we do better?')).toBe('negative');
  });
  it('"N/A" with no prompt is neutral', () => {
    expect(label('N/A')).toBe('neutral');
  });
  it('a suggestion answering "how could we improve" leans negative', () => {
    expect(label('More staff', 'How could we improve?')).toBe('negative');
  });
});
