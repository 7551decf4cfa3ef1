import { describe, expect, it } from 'vitest';
import { cellKey } from '../../../../src/domain/triangulation/simulation/cell-keys.js';
import { isCpesCellSuppressed, publishFftMonth } from '../../../../src/domain/triangulation/simulation/suppression.js';
import { generateSyntheticNhs } from '../../../../src/domain/triangulation/simulation/synthetic-nhs.js';

// A small NHS keeps the suite fast; the rules do not depend on its size.
const small = { trusts: 12, medianRespondents: 150 };

describe('generateSyntheticNhs', () => {
  it('builds the same NHS from the same seed, and a different one from another seed', () => {
    const a = generateSyntheticNhs({ ...small, seed: 7 });
    const b = generateSyntheticNhs({ ...small, seed: 7 });
    const c = generateSyntheticNhs({ ...small, seed: 8 });
    expect(b.cpes).toEqual(a.cpes);
    expect(b.fft).toEqual(a.fft);
    expect(b.complaints).toEqual(a.complaints);
    expect(b.comments).toEqual(a.comments);
    expect([...b.truth]).toEqual([...a.truth]);
    expect(c.cpes).not.toEqual(a.cpes);
    expect(c.comments).not.toEqual(a.comments);
  });

  it('publishes a tumour-group cell only with at least 21 respondents, and withholds every smaller one', () => {
    const nhs = generateSyntheticNhs({ ...small, seed: 3 });
    const published = new Set<string>();
    for (const s of nhs.cpes) {
      if (s.odsCode === null || s.tumourGroup === 'all') continue;
      expect(s.respondents).toBeGreaterThanOrEqual(21);
      expect(nhs.respondents.get(cellKey(s.odsCode, s.tumourGroup, s.question))).toBe(s.respondents);
      published.add(cellKey(s.odsCode, s.tumourGroup, s.question));
    }
    let withheld = 0;
    for (const [key, n] of nhs.respondents) {
      if (published.has(key)) continue;
      expect(n).toBeLessThan(21);
      if (n > 0) withheld++;
    }
    // The rule must bite somewhere, or the test says nothing.
    expect(withheld).toBeGreaterThan(50);
    expect(published.size).toBeGreaterThan(50);
  });

  it('uses the threshold it is given', () => {
    const nhs = generateSyntheticNhs({ ...small, seed: 3, suppressionThreshold: 50 });
    const sizes = nhs.cpes.filter((s) => s.odsCode !== null && s.tumourGroup !== 'all').map((s) => s.respondents);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(50);
  });

  it('publishes All Cancers with a Wilson CI around its score, and England for every group', () => {
    const nhs = generateSyntheticNhs({ ...small, seed: 4 });
    const all = nhs.cpes.filter((s) => s.odsCode !== null && s.tumourGroup === 'all');
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      expect(s.ciLower).toBeLessThanOrEqual(s.score + 0.5);
      expect(s.ciUpper).toBeGreaterThanOrEqual(s.score - 0.5);
    }
    // England publishes every group × question that anyone answered, and All Cancers for every question.
    const answered = new Set<string>();
    for (const [key, n] of nhs.respondents) if (n > 0) answered.add(key.slice(key.indexOf('|') + 1));
    const england = nhs.cpes.filter((s) => s.odsCode === null);
    expect(england).toHaveLength(answered.size + nhs.questions.length);
  });

  it('keeps truth inside 0–100 and comments on known trusts, groups and themes', () => {
    const nhs = generateSyntheticNhs({ ...small, seed: 5, commentVolume: 10 });
    for (const p of nhs.truth.values()) expect(p > 0 && p < 100).toBe(true);
    const trusts = new Set(nhs.trusts.map((t) => t.odsCode));
    for (const c of nhs.comments) {
      expect(trusts.has(c.odsCode)).toBe(true);
      expect(c.themes.length).toBeGreaterThanOrEqual(1);
      expect(new Set(c.themes.map((t) => t.id)).size).toBe(c.themes.length);
    }
  });

  it('rejects nonsensical options with every problem named', () => {
    expect(() => generateSyntheticNhs({ trusts: 3, commentVolume: -1 })).toThrow(/trusts.*commentVolume/);
  });
});

describe('suppression rules', () => {
  it('withholds CPES cells below the threshold only', () => {
    expect(isCpesCellSuppressed(20, 21)).toBe(true);
    expect(isCpesCellSuppressed(21, 21)).toBe(false);
  });

  it('stars an FFT month under 5 responses, count and percentage alike', () => {
    expect(publishFftMonth('S001', '2018-01', 4, 4, 5)).toEqual({
      odsCode: 'S001',
      period: '2018-01',
      responses: '*',
      percentPositive: '*',
    });
    expect(publishFftMonth('S001', '2018-01', 5, 4, 5)).toEqual({
      odsCode: 'S001',
      period: '2018-01',
      responses: 5,
      percentPositive: 80,
    });
  });

  it('stars the synthetic FFT months that had too few responses and only those', () => {
    const nhs = generateSyntheticNhs({ ...small, seed: 6 });
    const starred = nhs.fft.filter((m) => m.responses === '*');
    expect(starred.length).toBeGreaterThan(0);
    for (const m of starred) expect(m.percentPositive).toBe('*');
    for (const m of nhs.fft.filter((x) => x.responses !== '*')) expect(m.responses).toBeGreaterThanOrEqual(5);
  });
});
