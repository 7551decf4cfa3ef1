/**
 * Triangulation validated by simulation: a seeded synthetic NHS (trusts, tumour groups, themes and a
 * latent true experience) publishes CPES with suppression, FFT, complaints and public comments; each
 * suppressed CPES cell is then estimated from the survey alone, from comments alone, and triangulated,
 * and scored against the truth (RMSE, 95% interval coverage), overall and by tumour group.
 *
 *   tsx bench/eval-triangulation.ts [--seed 1 | --seed 1-5] [--strength 1] [--volume 30] [--trusts 120] [--json]
 */
import { parseArgs } from 'node:util';
import {
  evaluateTriangulation,
  METHODS,
  type Method,
  type TriangulationEvaluation,
} from '../src/domain/triangulation/simulation/evaluate-triangulation.js';

const LABELS: Record<Method, string> = {
  survey: 'survey only (CPES estimator)',
  comments: 'comments only (calibrated)',
  survey_fft_complaints: 'survey + FFT + complaints',
  triangulated: 'triangulated (+ comments)',
};

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    strength: { type: 'string', default: '1' },
    volume: { type: 'string', default: '30' },
    trusts: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
  },
});

function parseSeeds(text: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to < from) throw new Error(`--seed range must ascend, got ${text}`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  if (!/^\d+$/.test(text)) throw new Error(`--seed takes a whole number or a range like 1-5, got ${text}`);
  return [Number(text)];
}

const seeds = parseSeeds(args.seed!);
const commentStrength = Number(args.strength);
const commentVolume = Number(args.volume);
const trusts = Number(args.trusts);

const pad = (s: string, n: number) => s.padEnd(n);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function printSeed(r: TriangulationEvaluation, seconds: number): void {
  console.log(`\nseed ${r.seed}: ${r.cells} suppressed cells with respondents (${seconds.toFixed(1)} s)`);
  console.log(pad('method', 32) + 'RMSE (pp)'.padStart(10) + 'coverage'.padStart(10) + 'width'.padStart(8));
  for (const m of METHODS) {
    const s = r.overall[m];
    console.log(
      pad(LABELS[m], 32) +
        s.rmse.toFixed(2).padStart(10) +
        pct(s.coverage).padStart(10) +
        s.meanWidth.toFixed(1).padStart(8),
    );
  }
  console.log(
    `\n${pad('tumour group', 16)}${'cells'.padStart(6)}${METHODS.map((m) => m.slice(0, 10).padStart(11)).join('')}   coverage: survey  triang.`,
  );
  for (const [g, t] of Object.entries(r.byTumourGroup).sort()) {
    console.log(
      pad(g, 16) +
        String(t!.cells).padStart(6) +
        METHODS.map((m) => t![m].rmse.toFixed(2).padStart(11)).join('') +
        pct(t!.survey.coverage).padStart(17) +
        pct(t!.triangulated.coverage).padStart(9),
    );
  }
  console.log("\noutside signals, calibrated on the survey prior's error (leave one trust out):");
  for (const [set, c] of Object.entries(r.sources)) {
    const held = c.heldOut;
    console.log(
      `  ${pad(set, 9)} held-out scale ${c.scale.toFixed(2)} (t ${c.scaleTRatio.toFixed(1)}); prior error variance ${held.errorVariance.toFixed(4)} -> ${held.residualVariance.toFixed(4)} after signals (${held.blocks} published blocks)`,
    );
    for (const [name, f] of Object.entries(c.features)) {
      console.log(
        `    ${pad(name, 18)} kept in ${pct(f.keptShare).padStart(6)} of fits, effect ${f.effect.toFixed(3).padStart(7)}, median t ${f.tRatio.toFixed(1)}`,
      );
    }
  }
}

const started = performance.now();
const results: TriangulationEvaluation[] = [];
console.log(
  `Synthetic NHS: ${trusts} trusts, comment strength ${commentStrength}, volume ${commentVolume} per 100 respondents; truth = each cell's true share positive`,
);
for (const seed of seeds) {
  const t0 = performance.now();
  const r = evaluateTriangulation({ seed, commentStrength, commentVolume, trusts });
  results.push(r);
  printSeed(r, (performance.now() - t0) / 1000);
}
if (results.length > 1) {
  console.log(`\nall seeds: RMSE (pp) / coverage`);
  console.log(pad('seed', 6) + METHODS.map((m) => m.padStart(24)).join('') + '   triangulated best?');
  for (const r of results) {
    const best = METHODS.filter((m) => m !== 'triangulated').every(
      (m) => r.overall.triangulated.rmse < r.overall[m].rmse,
    );
    console.log(
      pad(String(r.seed), 6) +
        METHODS.map((m) => `${r.overall[m].rmse.toFixed(2)} / ${pct(r.overall[m].coverage)}`.padStart(24)).join('') +
        (best ? '   yes' : '   no'),
    );
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${seconds.toFixed(1)} s`);
if (args.json) {
  console.log(
    JSON.stringify({
      evaluation: 'triangulation-simulation',
      options: { seeds, commentStrength, commentVolume, trusts },
      seconds: Number(seconds.toFixed(2)),
      results,
    }),
  );
}
