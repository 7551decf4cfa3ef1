import { THEMES, type ThemeId, TUMOUR_GROUPS, type TumourGroupId } from '../../model.js';
import type { CpesScore } from '../cpes-score.js';
import { expitPp } from '../logit.js';
import { wilsonInterval } from '../observed-cell.js';
import { cellKey, latentKey } from './cell-keys.js';
import {
  type ComplaintCount,
  generateComments,
  generateComplaints,
  generateFft,
  type SyntheticComment,
} from './generate-sources.js';
import { Sampler } from './sampler.js';
import { type FftMonth, isCpesCellSuppressed } from './suppression.js';
import {
  type ResolvedSyntheticNhsOptions,
  resolveSyntheticNhsOptions,
  type SyntheticNhsOptions,
} from './synthetic-nhs-options.js';

/** England's case mix of CPES respondents (close to 2018's), in `TUMOUR_GROUPS` order. */
const NATIONAL_MIX: Record<TumourGroupId, number> = {
  brain_cns: 0.01,
  breast: 0.19,
  colorectal: 0.1,
  gynaecological: 0.05,
  haematological: 0.15,
  head_and_neck: 0.04,
  lung: 0.07,
  prostate: 0.09,
  sarcoma: 0.01,
  skin: 0.03,
  upper_gi: 0.05,
  urological: 0.1,
  other: 0.11,
};

/** Chance that a trust treats none of a group's patients (specialist services sit in fewer trusts). */
const NOT_TREATED: Partial<Record<TumourGroupId, number>> = {
  brain_cns: 0.5,
  sarcoma: 0.6,
  head_and_neck: 0.3,
  skin: 0.15,
  upper_gi: 0.15,
  gynaecological: 0.1,
};

/** How much trusts' case mixes vary around England's (Dirichlet concentration). */
const MIX_CONCENTRATION = 30;

export interface SyntheticTrust {
  odsCode: string;
  /** CPES respondents across all groups. */
  respondents: number;
  /** Respondents per tumour group (0 where the trust does not treat the group). */
  groupRespondents: Map<TumourGroupId, number>;
}

/** One survey question per theme, numbered from 1 in `THEMES` order. */
export interface SyntheticQuestion {
  question: number;
  theme: ThemeId;
}

/** A synthetic NHS: the hidden truth, and everything a publisher would release about it. */
export interface SyntheticNhs {
  options: ResolvedSyntheticNhsOptions;
  trusts: SyntheticTrust[];
  questions: SyntheticQuestion[];
  /**
   * Latent experience per trust × group × theme: log-odds departure from the question's national level
   * (group effect + trust effect + trust × theme + trust × group + trust × group × theme).
   */
  latent: Map<string, number>;
  /** Every trust × group × question cell's true percentage positive (the estimand). */
  truth: Map<string, number>;
  /** Every cell's respondents, suppressed ones included: for evaluation only, never for estimation. */
  respondents: Map<string, number>;
  /** Every answered cell's realised percentage positive (unrounded): what the survey would have shown. */
  realised: Map<string, number>;
  /** CPES results as published: national and trust rows, suppressed cells absent. */
  cpes: CpesScore[];
  fft: FftMonth[];
  complaints: ComplaintCount[];
  comments: SyntheticComment[];
}

const oneDecimal = (x: number) => Math.round(10 * x) / 10;

function drawTrusts(sampler: Sampler, options: ResolvedSyntheticNhsOptions): SyntheticTrust[] {
  const trusts: SyntheticTrust[] = [];
  for (let t = 0; t < options.trusts; t++) {
    const respondents = Math.max(60, Math.round(sampler.logNormal(options.medianRespondents, 0.6)));
    const weights = TUMOUR_GROUPS.map((g) =>
      sampler.next() < (NOT_TREATED[g] ?? 0.02) ? 0 : sampler.gamma(MIX_CONCENTRATION * NATIONAL_MIX[g]),
    );
    // Multinomial split by sequential binomials.
    const groupRespondents = new Map<TumourGroupId, number>();
    let left = respondents;
    let weightLeft = weights.reduce((a, b) => a + b, 0);
    for (const [i, g] of TUMOUR_GROUPS.entries()) {
      const n = weightLeft > 0 ? sampler.binomial(left, Math.min(1, weights[i]! / weightLeft)) : 0;
      groupRespondents.set(g, n);
      left -= n;
      weightLeft -= weights[i]!;
    }
    trusts.push({ odsCode: `S${String(t + 1).padStart(3, '0')}`, respondents, groupRespondents });
  }
  return trusts;
}

/** Builds a synthetic NHS from a seed: the same options always give the same NHS. */
export function generateSyntheticNhs(input: SyntheticNhsOptions = {}): SyntheticNhs {
  const options = resolveSyntheticNhsOptions(input);
  const sampler = new Sampler(options.seed);
  const questions = THEMES.map((theme, i) => ({ question: i + 1, theme }));
  const questionLevel = questions.map(() => sampler.normal(1.5, 0.45));
  const answerRate = questions.map(() => 0.55 + 0.45 * sampler.next());
  // National group effects differ by theme around the group's own level.
  const groupTheme = new Map<string, number>();
  for (const g of TUMOUR_GROUPS) {
    const level = sampler.normal(0, options.groupSd);
    for (const theme of THEMES) groupTheme.set(`${g}|${theme}`, level + sampler.normal(0, options.groupSd / 2));
  }
  const trusts = drawTrusts(sampler, options);
  const latent = new Map<string, number>();
  for (const trust of trusts) {
    const trustEffect = sampler.normal(0, options.trustSd);
    const trustTheme = THEMES.map(() => sampler.normal(0, options.trustThemeSd));
    for (const g of TUMOUR_GROUPS) {
      const interaction = sampler.normal(0, options.interactionSd);
      for (const [i, theme] of THEMES.entries()) {
        const cell = sampler.normal(0, options.cellSd);
        latent.set(
          latentKey(trust.odsCode, g, theme),
          groupTheme.get(`${g}|${theme}`)! + trustEffect + trustTheme[i]! + interaction + cell,
        );
      }
    }
  }
  const truth = new Map<string, number>();
  const respondents = new Map<string, number>();
  const realised = new Map<string, number>();
  const cpes: CpesScore[] = [];
  for (const { question, theme } of questions) {
    const national = new Map<TumourGroupId | 'all', { n: number; k: number }>();
    const add = (g: TumourGroupId | 'all', n: number, k: number) => {
      const sum = national.get(g) ?? { n: 0, k: 0 };
      national.set(g, { n: sum.n + n, k: sum.k + k });
    };
    for (const trust of trusts) {
      let allN = 0;
      let allK = 0;
      for (const g of TUMOUR_GROUPS) {
        const p = expitPp(questionLevel[question - 1]! + latent.get(latentKey(trust.odsCode, g, theme))!);
        const key = cellKey(trust.odsCode, g, question);
        truth.set(key, p);
        const n = sampler.binomial(trust.groupRespondents.get(g)!, answerRate[question - 1]!);
        const k = sampler.binomial(n, p / 100);
        respondents.set(key, n);
        if (n > 0) realised.set(key, (100 * k) / n);
        allN += n;
        allK += k;
        add(g, n, k);
        if (n > 0 && !isCpesCellSuppressed(n, options.suppressionThreshold)) {
          cpes.push({
            odsCode: trust.odsCode,
            tumourGroup: g,
            question,
            respondents: n,
            score: Math.round((100 * k) / n),
          });
        }
      }
      add('all', allN, allK);
      if (allN > 0 && !isCpesCellSuppressed(allN, options.suppressionThreshold)) {
        const score = (100 * allK) / allN;
        const ci = wilsonInterval(score, allN);
        cpes.push({
          odsCode: trust.odsCode,
          tumourGroup: 'all',
          question,
          respondents: allN,
          score: Math.round(score),
          ciLower: oneDecimal(ci.lower),
          ciUpper: oneDecimal(ci.upper),
        });
      }
    }
    for (const [g, { n, k }] of national) {
      if (n > 0)
        cpes.push({ odsCode: null, tumourGroup: g, question, respondents: n, score: Math.round((100 * k) / n) });
    }
  }
  const sources = { sampler, options, trusts, latent };
  return {
    options,
    trusts,
    questions,
    latent,
    truth,
    respondents,
    realised,
    cpes,
    fft: generateFft(sources),
    complaints: generateComplaints(sources),
    comments: generateComments(sources),
  };
}
