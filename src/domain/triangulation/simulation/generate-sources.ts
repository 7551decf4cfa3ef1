import { THEMES, type ThemeId, type ThemeSentiment, TUMOUR_GROUPS, type TumourGroupId } from '../../model.js';
import { latentKey } from './cell-keys.js';
import type { Sampler } from './sampler.js';
import { type FftMonth, publishFftMonth } from './suppression.js';
import type { SyntheticTrust } from './synthetic-nhs.js';
import type { ResolvedSyntheticNhsOptions } from './synthetic-nhs-options.js';

/** What the outside sources are drawn from: the trusts and their latent experience. */
export interface SourceInputs {
  sampler: Sampler;
  options: ResolvedSyntheticNhsOptions;
  trusts: SyntheticTrust[];
  latent: Map<string, number>;
}

/** A year's complaints about one trust's care of one tumour group (through its specialties). */
export interface ComplaintCount {
  odsCode: string;
  tumourGroup: TumourGroupId;
  /** Patients treated in the year: published activity, known for every group. */
  patients: number;
  complaints: number;
}

/** A public comment, already analysed: its trust, tumour group and per-theme sentiment. */
export interface SyntheticComment {
  odsCode: string;
  tumourGroup: TumourGroupId;
  themes: ThemeSentiment[];
}

const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** A trust's experience over all its patients and themes: what trust-wide sources (FFT) reflect. */
function trustWide(trust: SyntheticTrust, latent: Map<string, number>): number {
  let sum = 0;
  let weight = 0;
  for (const g of TUMOUR_GROUPS) {
    const n = trust.groupRespondents.get(g)!;
    for (const theme of THEMES) sum += n * latent.get(latentKey(trust.odsCode, g, theme))!;
    weight += n * THEMES.length;
  }
  return weight > 0 ? sum / weight : 0;
}

/**
 * Twelve months of FFT for each trust's cancer services: responses scale with the trust's size, and the
 * share positive follows the trust's overall experience plus an FFT-specific trust bias (how and where
 * cards are handed out). Small months are published as `*`.
 */
export function generateFft({ sampler, options, trusts, latent }: SourceInputs): FftMonth[] {
  const months: FftMonth[] = [];
  for (const trust of trusts) {
    const bias = sampler.normal(0, 0.3);
    const level = 2.5 + trustWide(trust, latent) + bias;
    for (let m = 1; m <= 12; m++) {
      const responses = sampler.poisson(trust.respondents / 40);
      const positive = sampler.binomial(responses, expit(level + sampler.normal(0, 0.15)));
      const period = `2018-${String(m).padStart(2, '0')}`;
      months.push(publishFftMonth(trust.odsCode, period, responses, positive, options.fftMinimumResponses));
    }
  }
  return months;
}

/**
 * Complaints per trust × tumour group: about 3 per 100 patients a year, more where experience is worse,
 * times a baseline that differs by specialty and a trust × group factor unrelated to experience.
 */
export function generateComplaints({ sampler, trusts, latent }: SourceInputs): ComplaintCount[] {
  const propensity = new Map(TUMOUR_GROUPS.map((g) => [g, sampler.normal(0, 0.3)]));
  const out: ComplaintCount[] = [];
  for (const trust of trusts) {
    for (const g of TUMOUR_GROUPS) {
      const respondents = trust.groupRespondents.get(g)!;
      // CPES reaches about 60% of patients treated.
      const patients = respondents > 0 ? Math.round((respondents / 0.6) * sampler.logNormal(1, 0.1)) : 0;
      const experience = THEMES.reduce((a, t) => a + latent.get(latentKey(trust.odsCode, g, t))!, 0) / THEMES.length;
      const rate = 0.03 * Math.exp(-experience + propensity.get(g)! + sampler.normal(0, 0.3));
      out.push({ odsCode: trust.odsCode, tumourGroup: g, patients, complaints: sampler.poisson(patients * rate) });
    }
  }
  return out;
}

/** Comment log-odds of a positive theme sentiment at zero latent experience: the web is less positive than CPES. */
const COMMENT_BASE = 0.3;

/**
 * Public comments: a trust gets `commentVolume` per 100 respondents, each about one tumour group (drawn
 * by the trust's case mix) and one to three themes. A theme's sentiment is positive with log-odds
 * base + latent experience + a trust bias + a cell bias; the biases' sd is the truth's sd over
 * `commentStrength`, split evenly between the two.
 */
export function generateComments({ sampler, options, trusts, latent }: SourceInputs): SyntheticComment[] {
  const truthSd = Math.sqrt(
    1.25 * options.groupSd ** 2 +
      options.trustSd ** 2 +
      options.trustThemeSd ** 2 +
      options.interactionSd ** 2 +
      options.cellSd ** 2,
  );
  const biasSd = truthSd / options.commentStrength / Math.SQRT2;
  const comments: SyntheticComment[] = [];
  for (const trust of trusts) {
    const trustBias = sampler.normal(0, biasSd);
    const cellBias = new Map<string, number>();
    const weights = TUMOUR_GROUPS.map((g) => trust.groupRespondents.get(g)!);
    const count = sampler.poisson((options.commentVolume * trust.respondents) / 100);
    for (let c = 0; c < count; c++) {
      const group = TUMOUR_GROUPS[sampler.pick(weights)]!;
      const u = sampler.next();
      const themeCount = 1 + (u < 0.5 ? 1 : 0) + (u < 0.2 ? 1 : 0);
      const chosen = new Set<ThemeId>();
      while (chosen.size < themeCount) chosen.add(THEMES[Math.floor(sampler.next() * THEMES.length)]!);
      const themes: ThemeSentiment[] = [...chosen].map((id) => {
        const key = latentKey(trust.odsCode, group, id);
        let bias = cellBias.get(key);
        if (bias === undefined) {
          bias = sampler.normal(0, biasSd);
          cellBias.set(key, bias);
        }
        const positive = sampler.next() < expit(COMMENT_BASE + latent.get(key)! + trustBias + bias);
        return { id, sentiment: positive ? 'positive' : 'negative' };
      });
      comments.push({ odsCode: trust.odsCode, tumourGroup: group, themes });
    }
  }
  return comments;
}
