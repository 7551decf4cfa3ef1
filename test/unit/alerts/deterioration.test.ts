import { describe, expect, it } from 'vitest';
import { findDeterioration } from '../../../src/alerts/divergence/deterioration.js';
import { divergenceAlert } from '../../../src/alerts/divergence/divergence-alerts.js';
import { divergenceOptionsSchema } from '../../../src/alerts/divergence/divergence-options.js';
import type { AggregateCounts } from '../../../src/storage/store.js';
import { cell, months } from './divergence-fixtures.js';

const options = divergenceOptionsSchema.parse({});
const AS_OF = '2024-09';
const THEME = 'waiting_times';

/** Ten trusts steady at 60% positive: none of them may alert. */
const steady: AggregateCounts[] = Array.from({ length: 10 }, (_, i) =>
  months(`R${String(i).padStart(2, '0')}`, THEME, AS_OF, 9, { n: 10, positive: 6 }),
).flat();

/** A trust with `before` per month for six months, then `after` per month for the last three. */
function trust(
  odsCode: string,
  before: { n: number; positive: number },
  after: { n: number; positive: number },
): AggregateCounts[] {
  return [...months(odsCode, THEME, '2024-06', 6, before), ...months(odsCode, THEME, AS_OF, 3, after)];
}

describe('deterioration rule', () => {
  it('alerts on a credible drop between the last 3 months and the 6 before, with the counts as evidence', () => {
    const counts = [...steady, ...trust('RDT', { n: 10, positive: 6 }, { n: 10, positive: 2 })];
    const [finding, ...rest] = findDeterioration(counts, AS_OF, options);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'deteriorating',
      odsCode: 'RDT',
      theme: THEME,
      period: AS_OF,
      evidence: {
        recent: { periodFrom: '2024-07', periodTo: '2024-09', n: 30, positive: 6, negative: 24 },
        baseline: { periodFrom: '2024-01', periodTo: '2024-06', n: 60, positive: 36, negative: 24 },
      },
    });
    const { recent, baseline, probability } = finding!.evidence;
    expect(probability).toBeGreaterThanOrEqual(0.95);
    expect(probability).toBeLessThanOrEqual(1);
    // A trust against its own past: the posterior sits near the raw 20%, its interval below the baseline.
    expect(recent.share.mean).toBeCloseTo(6.5 / 31, 10);
    expect(recent.share.upper).toBeLessThan(baseline!.share.mean);
    expect(recent.share.lower).toBeLessThan(recent.share.mean);
  });

  it('never alerts from small numbers, however steep the drop', () => {
    const tiny = trust('RSM', { n: 10, positive: 8 }, { n: 6, positive: 0 }); // 18 recent comments
    expect(findDeterioration([...steady, ...tiny], AS_OF, options)).toEqual([]);
    const enough = trust('RSM', { n: 10, positive: 8 }, { n: 7, positive: 0 }); // 21
    expect(findDeterioration([...steady, ...enough], AS_OF, options).map((f) => f.odsCode)).toEqual(['RSM']);
    expect(findDeterioration([...steady, ...enough], AS_OF, { ...options, minComments: 22 })).toEqual([]);
  });

  it('stays quiet for a steady trust, an improving one, and a drop smaller than the minimum difference', () => {
    const counts = [
      ...steady,
      ...trust('RUP', { n: 10, positive: 3 }, { n: 10, positive: 8 }),
      // 60% → 57% on many comments: credible perhaps, but under 5 points.
      ...trust('RMI', { n: 200, positive: 120 }, { n: 200, positive: 114 }),
    ];
    expect(findDeterioration(counts, AS_OF, options)).toEqual([]);
  });

  it('looks only at trust × theme rows of the window, not at tumour-group or all-theme rows', () => {
    const groupRows = trust('RGR', { n: 10, positive: 6 }, { n: 10, positive: 0 }).map((c) => ({
      ...c,
      tumourGroup: 'sarcoma' as const,
    }));
    const allThemes = trust('RAL', { n: 10, positive: 6 }, { n: 10, positive: 0 }).map((c) => ({
      ...c,
      theme: 'all' as const,
    }));
    // A drop that ended before the recent window is not a drop in it.
    const earlier = [
      ...months('ROL', THEME, '2023-12', 6, { n: 10, positive: 6 }),
      ...trust('ROL', { n: 10, positive: 1 }, { n: 10, positive: 1 }),
    ];
    expect(findDeterioration([...steady, ...groupRows, ...allThemes, ...earlier], AS_OF, options)).toEqual([]);
  });

  it('needs a stricter credibility to be more sure', () => {
    const counts = [...steady, ...trust('RDT', { n: 10, positive: 6 }, { n: 8, positive: 2 })];
    const [finding] = findDeterioration(counts, AS_OF, { ...options, credibility: 0.9 });
    expect(finding).toBeDefined();
    const stricter = findDeterioration(counts, AS_OF, { ...options, credibility: 0.999_999 });
    expect(stricter).toEqual([]);
  });

  it('becomes an alert keyed by trust, theme and month, with a sentence a person can check', () => {
    const counts = [...steady, ...trust('RDT', { n: 10, positive: 6 }, { n: 10, positive: 2 })];
    const [finding] = findDeterioration(counts, AS_OF, options);
    const alert = divergenceAlert(finding!, {
      trustName: 'Synthetic NHS Trust',
      commentIds: Array.from({ length: 25 }, (_, i) => `sample:c${i}`),
      createdAt: '2024-10-01T09:45:00.000Z',
    });
    expect(alert).toMatchObject({
      type: 'divergence',
      kind: 'deteriorating',
      odsCode: 'RDT',
      theme: THEME,
      period: AS_OF,
    });
    expect(alert.evidence?.commentIds).toHaveLength(20);
    expect(alert.evidenceText).toMatch(
      /fell from 6\d% \(n=60, 2024-01\.\.2024-06\) to \d\d% \(n=30, 2024-07\.\.2024-09\)/,
    );
    const again = divergenceAlert(finding!, { trustName: null, commentIds: [], createdAt: '2024-10-01T10:45:00.000Z' });
    expect(again.id).toBe(alert.id);
  });

  it('rejects a malformed period', () => {
    expect(() => findDeterioration([cell('R1', THEME, '2024-01', 1, 1)], '2024-13', options)).toThrow(/YYYY-MM/);
  });
});
