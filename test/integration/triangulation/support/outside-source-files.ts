/**
 * Synthetic published files (no real figures) for triangulating with FFT and complaints: a CPES year in the
 * current layout, a raw FFT monthly submission and a KO41a long table, all drawn from one latent trust
 * effect made of two parts: FFT rises with one and complaints fall with the other, so each carries
 * something of what the survey's small All Cancers samples know only roughly that the other does not
 * (were both to read the same part, the far larger FFT would leave complaints nothing to add, and the
 * calibration would rightly give them no weight). One trust's FFT and complaints can be pushed either
 * way to test direction.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../../../src/domain/random.js';

export const SURVEY_YEAR = 2018;
export const TRUSTS = Array.from({ length: 90 }, (_, i) => `RX${String(i + 1).padStart(2, '0')}`);
/**
 * The trust whose outside figures the tests push. A small trust: every one of its groups is suppressed,
 * so its pushed figures move its own readings, not the calibration that published groups elsewhere fit.
 */
export const TARGET = TRUSTS[0]!;
/** Largest suppressed cell: CPES publishes 21 respondents and more. */
const SUPPRESSED_MAX = 20;
/** 2018 question numbers, so the theme crosswalk links them to KO41a subject areas. */
const QUESTIONS = [2, 8, 17, 20, 25, 41];
const GROUPS = [
  { name: 'Breast', offset: 0.4, respondents: [45, 30] },
  { name: 'Lung', offset: 0, respondents: [22, 15] },
  { name: 'Sarcoma', offset: -0.2, respondents: [6, 8] },
  { name: 'Skin', offset: 0.2, respondents: [10, 25] },
] as const;
const SUBJECTS = [
  'Waiting times',
  'Communications',
  'Privacy, dignity and wellbeing',
  'Patient care including nutrition/hydration',
  'Appointments including delays and cancellations',
];
const MONTHS = [
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
  'JANUARY',
  'FEBRUARY',
  'MARCH',
];

const expit = (x: number) => 1 / (1 + Math.exp(-x));

class Draws {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  uniformInt(from: number, span: number): number {
    return from + Math.floor(this.next() * (span + 1));
  }
  normal(sd: number): number {
    return sd * Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }
}

interface Trust {
  code: string;
  /** The part of the trust's effect (log-odds) FFT reads, and the part complaints read. */
  fftPart: number;
  complaintPart: number;
  patients: number;
  /** True share positive (pp) of each tumour group's questions, keyed by the group's CPES name. */
  truth: Map<string, number[]>;
}

function drawTrusts(draws: Draws): Trust[] {
  return TRUSTS.map((code) => ({
    code,
    fftPart: draws.normal(0.3),
    complaintPart: draws.normal(0.3),
    patients: 0,
    truth: new Map(),
  }));
}

function cpesCsv(draws: Draws, trusts: Trust[]): string {
  const lines = [
    'Survey Year,Level,Organisation Code,Organisation Name,Cancer Type,Question Number,Number of Respondents,Score',
  ];
  const sizes = trusts.map((trust) =>
    GROUPS.map((g) => {
      const size = draws.uniformInt(g.respondents[0], g.respondents[1]);
      return trust.code === TARGET ? Math.min(size, SUPPRESSED_MAX) : size;
    }),
  );
  for (const q of QUESTIONS) {
    const england = GROUPS.map(() => ({ n: 0, k: 0 }));
    trusts.forEach((trust, t) => {
      let n = 0;
      let k = 0;
      GROUPS.forEach((group, g) => {
        const size = sizes[t]![g]!;
        const share = expit(1 + group.offset + q * 0.01 + trust.fftPart + trust.complaintPart + draws.normal(0.1));
        trust.truth.set(group.name, [...(trust.truth.get(group.name) ?? []), 100 * share]);
        const positive = draws.binomial(size, share);
        n += size;
        k += positive;
        england[g]!.n += size;
        england[g]!.k += positive;
        if (size >= 21) lines.push(row('NHS Trust', trust.code, group.name, q, size, positive));
      });
      trust.patients = Math.max(trust.patients, n);
      lines.push(row('NHS Trust', trust.code, 'All Cancers', q, n, k));
    });
    for (const [g, group] of GROUPS.entries()) {
      lines.push(row('National', 'ENG', group.name, q, england[g]!.n, england[g]!.k));
    }
    const all = england.reduce((a, e) => ({ n: a.n + e.n, k: a.k + e.k }), { n: 0, k: 0 });
    lines.push(row('National', 'ENG', 'All Cancers', q, all.n, all.k));
  }
  return `${lines.join('\n')}\n`;
}

function row(level: string, code: string, group: string, q: number, n: number, k: number): string {
  return `${SURVEY_YEAR},${level},${code},Synthetic ${code},${group},Q${q},${n},${Math.round((100 * k) / n)}`;
}

/** How far the target trust's FFT (log-odds) and complaints (log rate) are pushed: +1 better, −1 worse. */
export type Push = -1 | 0 | 1;

function fftCsv(seed: number, trusts: Trust[], startYear: number, push: Push): string {
  const lines = [
    'Yearnumber,Periodname,Org code,Org name,Parent org code,Parent name,1 Very Good SUM,2 Good SUM,3 Neither good nor poor SUM,4 Poor SUM,5 Very poor SUM,6 Dont Know SUM,Total Responses,Total Eligible,Response Rate',
  ];
  const yearnumber = `${startYear}_${String((startYear + 1) % 100).padStart(2, '0')}`;
  trusts.forEach((trust, t) => {
    const draws = new Draws(seed * 1000 + t);
    const shift = trust.code === TARGET ? 1.5 * push : 0;
    for (const month of MONTHS) {
      const total = draws.uniformInt(150, 100);
      const positive = draws.binomial(total, expit(2 + trust.fftPart + shift));
      const veryGood = Math.round(positive * 0.7);
      const rest = total - positive;
      const neither = Math.floor(rest / 3);
      const poor = Math.floor(rest / 3);
      const veryPoor = rest - neither - poor;
      const counts = [veryGood, positive - veryGood, neither, poor, veryPoor, 0];
      lines.push(
        `${yearnumber},${month},${trust.code},Synthetic ${trust.code},QXX,Synthetic ICB,${counts.join(',')},${total},${total * 4},0.25`,
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

function complaintsCsv(seed: number, trusts: Trust[], financialYear: string, push: Push): string {
  const lines = ['Period,Org Code,Org Name,Subject Area,Number of Complaints'];
  trusts.forEach((trust, t) => {
    const draws = new Draws(seed * 1000 + t);
    const shift = trust.code === TARGET ? -1.2 * push : 0;
    for (const quarter of [1, 2, 3, 4]) {
      for (const subject of SUBJECTS) {
        const count = draws.poisson(trust.patients * 0.05 * Math.exp(-trust.complaintPart + shift));
        lines.push(`${financialYear} Q${quarter},${trust.code},Synthetic ${trust.code},"${subject}",${count}`);
      }
    }
  });
  return `${lines.join('\n')}\n`;
}

export interface OutsideSourceFiles {
  cpes: string;
  /** FFT and KO41a of the survey's window: April 2018 to March 2019, financial year 2018-19. */
  fft(push: Push): string;
  complaints(push: Push): string;
  /** FFT and KO41a two years earlier: outside the window, so they must change nothing. */
  earlierFft: string;
  earlierComplaints: string;
  /** A trust's true overall share positive (pp) for a tumour group (`sarcoma`): what estimates aim at. */
  truth(odsCode: string, group: string): number;
}

/** Writes the files into `dir`; the same seed gives the same files. */
export function writeOutsideSourceFiles(dir: string, seed = 7): OutsideSourceFiles {
  const draws = new Draws(seed);
  const trusts = drawTrusts(draws);
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cpes = write('cpes.csv', cpesCsv(draws, trusts));
  // Each trust draws from its own stream, so a pushed file differs from the plain one only at the target.
  return {
    cpes,
    fft: (push) => write(`fft-${push}.csv`, fftCsv(seed + 1, trusts, SURVEY_YEAR, push)),
    complaints: (push) => write(`ko41a-${push}.csv`, complaintsCsv(seed + 2, trusts, '2018-19', push)),
    earlierFft: write('fft-earlier.csv', fftCsv(seed + 3, trusts, SURVEY_YEAR - 2, 0)),
    earlierComplaints: write('ko41a-earlier.csv', complaintsCsv(seed + 4, trusts, '2016-17', 0)),
    truth(odsCode, group) {
      const name = GROUPS.find((g) => g.name.toLowerCase() === group)!.name;
      const shares = trusts.find((t) => t.code === odsCode)!.truth.get(name)!;
      return shares.reduce((a, s) => a + s, 0) / shares.length;
    },
  };
}
