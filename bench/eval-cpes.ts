/**
 * Validates the suppressed-cell estimator on real CPES 2018 results (unadjusted, Q1–Q58).
 *
 * Each published trust × tumour group is hidden entirely (every question and respondent number, as
 * suppression does); its questions are then estimated from what would still be published, and scored
 * against the published values. Hyper-parameters are fitted by cross-validation over trusts: a trust's
 * cells are estimated with parameters fitted on the other folds only.
 *
 *   tsx bench/eval-cpes.ts [--data DIR] [--folds 5] [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDataDir } from '../src/config/paths.js';
import type { TumourGroupId } from '../src/domain/model.js';
import { recoverScore } from '../src/domain/triangulation/all-cancers-score.js';
import { calibrateIntervalInflation } from '../src/domain/triangulation/calibrate.js';
import {
  buildCpesTable,
  type CpesTable,
  nationalGroups,
  publishedGroups,
  withGroupHidden,
} from '../src/domain/triangulation/cpes-table.js';
import { estimateTumourGroup } from '../src/domain/triangulation/estimate-tumour-group.js';
import { expitPp, logitPp } from '../src/domain/triangulation/logit.js';
import { fitParameters, type TriangulationParameters } from '../src/domain/triangulation/parameters.js';
import type { QuestionContext } from '../src/domain/triangulation/question-context.js';
import { type Estimand, resolveOptions } from '../src/domain/triangulation/triangulation-options.js';
import { trustContexts } from '../src/domain/triangulation/trust-contexts.js';
import { parseCpes2018Csv } from '../src/import/cpes/parse-cpes-2018.js';

const METHODS = ['national', 'trust_all', 'additive', 'residual', 'residual_ci', 'blend', 'model'] as const;
type Method = (typeof METHODS)[number];
const LABELS: Record<Method, string> = {
  national: 'national group score',
  trust_all: "trust's All Cancers score",
  additive: 'additive trust + group (logit)',
  residual: 'residual (published scores)',
  residual_ci: 'residual (CI-refined All Cancers)',
  blend: 'blend: additive + residual',
  model: 'model (empirical Bayes)',
};

interface Tally {
  n: number;
  squared: Record<Method, number>;
  covered: number;
  width: number;
}

const newTally = (): Tally => ({
  n: 0,
  squared: Object.fromEntries(METHODS.map((m) => [m, 0])) as Record<Method, number>,
  covered: 0,
  width: 0,
});

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: sharedDataDir() },
    folds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const folds = Number(args.folds);
if (!Number.isInteger(folds) || folds < 2) throw new Error(`--folds must be a whole number ≥ 2, got ${args.folds}`);

const started = performance.now();
const scores = parseCpes2018Csv(readFileSync(join(args.data!, 'cpes-2018-trust-results.csv'), 'utf8'));
const table = buildCpesTable(scores);
const trusts = [...table.trusts.keys()].sort();
/** Small published cells at 100%: why a cell's binomial draw is drawn on the percentage scale. */
const smallAtTop = { cells: 0, atTop: 0 };
for (const byQuestion of table.trusts.values()) {
  for (const cells of byQuestion.values()) {
    for (const cell of cells.groups.values()) {
      if (cell.respondents > 41) continue;
      smallAtTop.cells++;
      if (cell.score >= 100) smallAtTop.atTop++;
    }
  }
}
const options = resolveOptions();

/** Additive baseline: England's group score moved by the trust's raw All Cancers departure from England. */
function additive(context: QuestionContext, group: TumourGroupId): number {
  const national = context.national.groups.get(group)!.score;
  const nationalAll = context.national.all?.score;
  if (!context.allCancers || nationalAll === undefined) return national;
  return expitPp(logitPp(national) + logitPp(context.allCancers.score) - logitPp(nationalAll));
}

/** The plain residual from published whole-number scores, with its rounding variance; undefined when unusable. */
function plainResidual(context: QuestionContext, refined: boolean): { score: number; variance: number } | undefined {
  const all = context.allCancers;
  const n = context.poolRespondents;
  if (!all || n < options.minResidualRespondents) return undefined;
  const allScore = refined ? recoverScore(all, options) : { score: all.score, roundingVariance: 1 / 12 };
  let total = all.respondents * allScore.score;
  let squares = all.respondents ** 2 * allScore.roundingVariance;
  for (const c of context.published) {
    total -= c.respondents * c.score;
    squares += c.respondents ** 2 / 12;
  }
  return { score: total / n, variance: squares / n ** 2 };
}

/** Mean squared error (pp²) of the additive baseline on training trusts' published cells: its prior variance in the blend. */
function additiveVariance(training: string[]): number {
  let sum = 0;
  let n = 0;
  for (const ods of training) {
    for (const context of trustContexts(table, ods, options).values()) {
      for (const cell of context.published) {
        sum += (additive(context, cell.tumourGroup) - cell.score) ** 2;
        n++;
      }
    }
  }
  return sum / n;
}

const overall = newTally();
const byGroup = new Map<TumourGroupId, Tally>();
const fitted: TriangulationParameters[] = [];
let residualFallbacks = 0;

function evaluateTrust(data: CpesTable, ods: string, params: TriangulationParameters, blendVariance: number): void {
  for (const group of publishedGroups(data, ods)) {
    const hidden = withGroupHidden(data, ods, group);
    const contexts = trustContexts(hidden, ods, options, group, params.suppressedSizeFactor);
    const estimates = estimateTumourGroup(
      hidden,
      { odsCode: ods, tumourGroup: group, targetWasSuppressed: false },
      params,
    );
    const tally = byGroup.get(group) ?? newTally();
    byGroup.set(group, tally);
    for (const estimate of estimates) {
      const truth = data.trusts.get(ods)?.get(estimate.question)?.groups.get(group);
      const context = contexts.get(estimate.question);
      if (!truth || !context) continue;
      const add = additive(context, group);
      const plain = plainResidual(context, false);
      const refined = plainResidual(context, true);
      if (!plain) residualFallbacks++;
      const blend = plain
        ? (add / blendVariance + plain.score / plain.variance) / (1 / blendVariance + 1 / plain.variance)
        : add;
      const predictions: Record<Method, number> = {
        national: context.national.groups.get(group)!.score,
        trust_all: context.allCancers?.score ?? context.national.groups.get(group)!.score,
        additive: add,
        residual: plain?.score ?? add,
        residual_ci: refined?.score ?? add,
        blend,
        model: estimate.score,
      };
      for (const t of [overall, tally]) {
        t.n++;
        for (const m of METHODS) t.squared[m] += (predictions[m] - truth.score) ** 2;
        if (truth.score >= estimate.lower && truth.score <= estimate.upper) t.covered++;
        t.width += estimate.upper - estimate.lower;
      }
    }
  }
}

/**
 * The cells a trust did not publish (suppressed, or a group it had no patients in) have no published
 * value to score, but their intervals show what each estimand means: `survey_cell` adds the binomial
 * draw of the few respondents the cell may have had; `experience` (what the service shows) is the
 * trust's underlying share for the group.
 */
const unpublishedWidths = new Map<TumourGroupId, Record<Estimand, { cells: number; width: number }>>();

function tallyUnpublishedWidths(ods: string, params: TriangulationParameters): void {
  for (const group of nationalGroups(table)) {
    const tally = unpublishedWidths.get(group) ?? {
      survey_cell: { cells: 0, width: 0 },
      experience: { cells: 0, width: 0 },
    };
    for (const estimand of ['survey_cell', 'experience'] as const) {
      for (const e of estimateTumourGroup(table, { odsCode: ods, tumourGroup: group }, params, { estimand })) {
        if (e.kind !== 'estimated') continue;
        tally[estimand].cells++;
        tally[estimand].width += e.upper - e.lower;
      }
    }
    if (tally.experience.cells > 0) unpublishedWidths.set(group, tally);
  }
}

for (let f = 0; f < folds; f++) {
  const held = trusts.filter((_, i) => i % folds === f);
  const training = trusts.filter((_, i) => i % folds !== f);
  // Inflation is calibrated on every training trust, as the service calibrates on every trust.
  const params = calibrateIntervalInflation(table, training, fitParameters(table, training));
  fitted.push(params);
  const blendVariance = additiveVariance(training);
  for (const ods of held) {
    evaluateTrust(table, ods, params, blendVariance);
    tallyUnpublishedWidths(ods, params);
  }
}
const seconds = (performance.now() - started) / 1000;

const rmse = (t: Tally, m: Method) => Math.sqrt(t.squared[m] / t.n);
const summary = (t: Tally) => ({
  cells: t.n,
  rmse: Object.fromEntries(METHODS.map((m) => [m, Number(rmse(t, m).toFixed(3))])),
  coverage: Number((t.covered / t.n).toFixed(4)),
  meanIntervalWidth: Number((t.width / t.n).toFixed(2)),
});
const groups = [...byGroup.keys()].sort();

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, d = 2) => x.toFixed(d).padStart(7);
console.log(
  `CPES 2018, unadjusted Q1–Q58: ${overall.n} hidden cells from ${trusts.length} trusts, ${folds}-fold CV over trusts\n`,
);
console.log(pad('RMSE (pp)', 36) + 'overall');
for (const m of METHODS) console.log(pad(LABELS[m], 36) + num(rmse(overall, m)));
console.log(
  `\nmodel 95% interval coverage ${((100 * overall.covered) / overall.n).toFixed(1)}%, mean width ${(overall.width / overall.n).toFixed(1)} pp`,
);
console.log(`(residual unusable for ${residualFallbacks} cells: baselines fall back to additive there)`);
console.log(
  `published group cells with 21–41 respondents scoring 100%: ${smallAtTop.atTop} of ${smallAtTop.cells} (${((100 * smallAtTop.atTop) / smallAtTop.cells).toFixed(1)}%), which a log-odds interval never reaches\n`,
);
const cols: Method[] = ['national', 'trust_all', 'additive', 'residual', 'blend', 'model'];
console.log(
  pad('tumour group', 16) + pad('cells', 7) + cols.map((c) => c.padStart(10)).join('') + '  coverage   width',
);
for (const g of groups) {
  const t = byGroup.get(g)!;
  console.log(
    pad(g, 16) +
      pad(String(t.n), 7) +
      cols.map((c) => rmse(t, c).toFixed(2).padStart(10)).join('') +
      `${((100 * t.covered) / t.n).toFixed(1).padStart(9)}%${(t.width / t.n).toFixed(1).padStart(8)}`,
  );
}
const meanWidth = (t: { cells: number; width: number }) => (t.cells > 0 ? t.width / t.cells : 0);
console.log(
  '\ncells a trust did not publish (suppressed, or no patients; nothing to score them against): mean 95% interval width, pp',
);
console.log(pad('tumour group', 16) + pad('cells', 7) + 'as surveyed'.padStart(12) + 'experience'.padStart(12));
for (const [g, t] of unpublishedWidths) {
  console.log(
    pad(g, 16) +
      pad(String(t.experience.cells), 7) +
      meanWidth(t.survey_cell).toFixed(1).padStart(12) +
      meanWidth(t.experience).toFixed(1).padStart(12),
  );
}
console.log('\nfitted hyper-parameters per fold (log-odds scale):');
for (const [i, p] of fitted.entries()) {
  console.log(
    `  fold ${i + 1}: loading ${p.trustLoading.toFixed(3)}, group-effect var ${p.groupEffectVariance.toFixed(4)}, cell var ${p.cellVariance.toFixed(4)}, size factor ${p.suppressedSizeFactor.toFixed(3)}, size variation ${p.sizeVariation.toFixed(3)}, size dispersion ${p.sizeDispersion.toFixed(2)}, interval inflation ${p.intervalInflation.toFixed(2)}`,
  );
}
console.log(`\n${seconds.toFixed(1)} s`);
if (args.json) {
  console.log(
    JSON.stringify({
      evaluation: 'cpes-2018-suppressed-cells',
      folds,
      seconds: Number(seconds.toFixed(2)),
      overall: summary(overall),
      byTumourGroup: Object.fromEntries(groups.map((g) => [g, summary(byGroup.get(g)!)])),
      parameters: fitted,
      smallCellsAt100: smallAtTop,
      unpublishedWidths: Object.fromEntries(
        [...unpublishedWidths].map(([g, t]) => [
          g,
          { cells: t.experience.cells, surveyCell: meanWidth(t.survey_cell), experience: meanWidth(t.experience) },
        ]),
      ),
    }),
  );
}
