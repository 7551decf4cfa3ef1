/**
 * Sentiment evaluation: AFINN (`sentiment`), natural's analyser, the CareVoice lexicon alone and the shipped
 * CareVoice model, side by side on the held-out FFT split (3 classes) and on two criticality sets (negative
 * vs not): the held-out part of phase 1 (its training part trains the model) and all of Care Opinion (never
 * trained on), leaving out every comment whose text is in a training split. Also comments/s per scorer.
 * Usage: tsx bench/eval-sentiment.ts [--data DIR] [--model FILE] [--json]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  argValue,
  CARE_OPINION_FILE,
  readCriticality,
  readFftSplit,
  readPhase1Split,
} from '../scripts/sentiment-data.js';
import { sharedDataDir, shippedFile } from '../src/config/paths.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../src/domain/model.js';
import {
  analyseLexicon,
  type ClassificationReport,
  classificationReport,
  fftSentimentToLabel,
  loadSentimentModel,
} from '../src/domain/sentiment/index.js';
import { textKey } from '../src/domain/text/normalise.js';

interface Example {
  text: string;
  question?: string | undefined;
}
type Scorer = (example: Example) => SentimentLabel;

const require = createRequire(import.meta.url);
const AfinnSentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };
const { SentimentAnalyzer } = { SentimentAnalyzer: require('natural/lib/natural/sentiment/SentimentAnalyzer.js') } as {
  SentimentAnalyzer: new (
    language: string,
    stemmer: unknown,
    type: string,
  ) => { getSentiment(words: string[]): number };
};
const { PorterStemmer } = { PorterStemmer: require('natural/lib/natural/stemmers/porter_stemmer.js') };
const { WordTokenizer } = require('natural/lib/natural/tokenizers/regexp_tokenizer.js') as {
  WordTokenizer: new () => { tokenize(text: string): string[] };
};

function bySign(x: number): SentimentLabel {
  return x > 0 ? 'positive' : x < 0 ? 'negative' : 'neutral';
}

function buildScorers(modelPath: string): { scorers: Record<string, Scorer>; loadMs: number } {
  const afinn = new AfinnSentiment();
  const analyser = new SentimentAnalyzer('English', PorterStemmer, 'afinn');
  const tokenizer = new WordTokenizer();
  const started = performance.now();
  const model = loadSentimentModel(JSON.parse(readFileSync(modelPath, 'utf8')));
  const loadMs = performance.now() - started;
  return {
    loadMs,
    scorers: {
      'sentiment (AFINN)': (e) => bySign(afinn.analyze(e.text).score),
      'natural (afinn)': (e) => bySign(analyser.getSentiment(tokenizer.tokenize(e.text))),
      'CareVoice lexicon': (e) => analyseLexicon(e.text, e.question).label,
      CareVoice: (e) => model.score(e.text, e.question).label,
    },
  };
}

/** Comments per second over repeated passes of at least half a second (after one warm-up pass). */
function throughput(scorer: Scorer, examples: readonly Example[]): number {
  for (const e of examples) scorer(e);
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 500) {
    for (const e of examples) scorer(e);
    n += examples.length;
  }
  return n / ((performance.now() - started) / 1000);
}

function twoClass(report: ClassificationReport): { accuracy: number; macroF1: number; n: number } {
  return { accuracy: report.accuracy, macroF1: report.macroF1, n: report.n };
}

function main(): void {
  const args = process.argv.slice(2);
  const dataDir = argValue(args, '--data') ?? sharedDataDir();
  const modelPath = argValue(args, '--model') ?? shippedFile('models/sentiment-model.json');
  const split = readFftSplit(dataDir);
  const phase1 = readPhase1Split(dataDir, split);
  const seen = new Set([...split.train, ...phase1.train].map((r) => textKey(r.text)));
  const fftTest: Example[] = split.test.map((r) => ({ text: r.text, question: r.question }));
  const fftTruth = split.test.map((r) => SENTIMENT_LABELS.indexOf(fftSentimentToLabel(r.label)));
  const criticality = [phase1.test, readCriticality(dataDir, CARE_OPINION_FILE).rows].map((all) => {
    const rows = all.filter((r) => !seen.has(textKey(r.text)));
    return { examples: rows.map((r) => ({ text: r.text })), truth: rows.map((r) => (r.negative ? 1 : 0)) };
  });
  const { scorers, loadMs } = buildScorers(modelPath);
  const results: Record<string, unknown> = {};
  const lines: string[] = [];
  const f = (x: number | undefined) => (x ?? 0).toFixed(3).padStart(7);
  lines.push(
    `FFT held out: n=${fftTest.length}; phase 1 held-out part: n=${criticality[0]?.truth.length}; Care Opinion: n=${criticality[1]?.truth.length}`,
  );
  lines.push(
    `${'scorer'.padEnd(18)} | ${'FFT acc'.padStart(7)} ${'mF1'.padStart(7)} ${'rec-neg'.padStart(7)} ${'rec-neu'.padStart(7)} ${'rec-pos'.padStart(7)} | ` +
      `${'ph1 acc'.padStart(7)} ${'mF1'.padStart(7)} | ${'CO acc'.padStart(7)} ${'mF1'.padStart(7)} | ${'comments/s'.padStart(10)}`,
  );
  for (const [name, scorer] of Object.entries(scorers)) {
    const fft = classificationReport(
      fftTruth,
      fftTest.map((e) => SENTIMENT_LABELS.indexOf(scorer(e))),
      3,
    );
    const binary = criticality.map((c) =>
      twoClass(
        classificationReport(
          c.truth,
          c.examples.map((e) => (scorer(e) === 'negative' ? 1 : 0)),
          2,
        ),
      ),
    );
    const speed = throughput(scorer, fftTest);
    lines.push(
      `${name.padEnd(18)} | ${f(fft.accuracy)} ${f(fft.macroF1)} ${f(fft.recall[0])} ${f(fft.recall[1])} ${f(fft.recall[2])} | ` +
        `${f(binary[0]?.accuracy)} ${f(binary[0]?.macroF1)} | ${f(binary[1]?.accuracy)} ${f(binary[1]?.macroF1)} | ` +
        `${String(Math.round(speed)).padStart(10)}`,
    );
    results[name] = {
      fft3: {
        n: fft.n,
        accuracy: fft.accuracy,
        macroF1: fft.macroF1,
        recall: { negative: fft.recall[0], neutral: fft.recall[1], positive: fft.recall[2] },
      },
      phase1Binary: binary[0],
      careOpinionBinary: binary[1],
      commentsPerSecond: Math.round(speed),
    };
  }
  const json = args.includes('--json');
  console.log(lines.join('\n'));
  console.log(
    `model load ${loadMs.toFixed(0)} ms; criticality sets: negative = criticality <= -1, 0 and junk dropped, ` +
      'texts of the FFT and phase-1 training parts left out',
  );
  if (json) console.log(JSON.stringify({ benchmark: 'eval-sentiment', modelLoadMs: Math.round(loadMs), results }));
}

main();
