import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../../../src/config/paths.js';
import type { ConnectorContext, NormalisedItem } from '../../../../src/connectors/connector.js';
import { InvalidCursorError } from '../../../../src/connectors/errors/invalid-cursor-error.js';
import { isValidNhsNumber } from '../../../../src/connectors/sample/personal-details.js';
import { loadSampleTrusts, parseOdsTrusts } from '../../../../src/connectors/sample/reference-trusts.js';
import { createSampleConnector, describeSampleItem } from '../../../../src/connectors/sample/sample-connector.js';
import { THEMES, TUMOUR_GROUPS } from '../../../../src/domain/model.js';

const ctx: ConnectorContext = { now: () => new Date('2026-11-02T09:00:00Z'), state: { get: async () => null } };

async function allItems(seed: number, count: number, pageSize = 500): Promise<NormalisedItem[]> {
  const connector = createSampleConnector({ seed, count, pageSize });
  const items: NormalisedItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchPage(cursor, ctx);
    for (const parsed of page.items) if (parsed.ok) items.push(parsed.item);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

const demo = await allItems(42, 2000);
const truths = demo.map((_, index) => describeSampleItem(42, index));

describe('sample source', () => {
  it('pages by index with the next index as cursor', async () => {
    const connector = createSampleConnector({ seed: 7, count: 450, pageSize: 200 });
    const first = await connector.fetchPage(null, ctx);
    const second = await connector.fetchPage(first.nextCursor, ctx);
    const last = await connector.fetchPage(second.nextCursor, ctx);
    expect([first, second, last].map((page) => [page.items.length, page.nextCursor, page.url])).toEqual([
      [200, '200', 'sample://7?from=0&to=200'],
      [200, '400', 'sample://7?from=200&to=400'],
      [50, null, 'sample://7?from=400&to=450'],
    ]);
    expect(first.fetchedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(first.items[0]).toMatchObject({ ok: true, item: { externalId: 'sample-7-0' } });
    expect((await connector.fetchPage('200', ctx)).contentHash).toBe(second.contentHash);
    expect(first.contentHash).not.toBe(second.contentHash);
    await expect(connector.fetchPage('ten', ctx)).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('is deterministic per seed and index, whatever the page size', async () => {
    const again = await allItems(42, 2000, 137);
    expect(again).toEqual(demo);
    const other = await allItems(43, 50);
    expect(other.map((item) => item.text)).not.toEqual(demo.slice(0, 50).map((item) => item.text));
    expect(describeSampleItem(42, 1234)).toEqual(truths[1234]);
  });

  it('writes varied, realistic texts', () => {
    const texts = new Set(demo.map((item) => item.text));
    expect(texts.size).toBeGreaterThanOrEqual(1990);
    const sentences = new Set(demo.flatMap((item) => item.text.split(/(?<=[.!?])\s+/)));
    expect(sentences.size).toBeGreaterThan(1000);
    expect(demo.every((item) => item.text.length >= 20 && item.text.length < 1000)).toBe(true);
    const share = (pattern: RegExp) => demo.filter((item) => pattern.test(item.text)).length / demo.length;
    expect(share(/#\w+/)).toBeGreaterThan(0.05);
    expect(share(/\p{Extended_Pictographic}/u)).toBeGreaterThan(0.1);
    expect(share(/^[^A-Z]*$/)).toBeGreaterThan(0.02);
  });

  it('covers every tumour group, every theme and every polarity over the 2,000-item demo', () => {
    for (const group of TUMOUR_GROUPS) {
      expect(truths.filter((truth) => truth.tumourGroup === group).length, group).toBeGreaterThanOrEqual(40);
    }
    for (const theme of THEMES) {
      expect(truths.filter((truth) => truth.theme === theme).length, theme).toBeGreaterThanOrEqual(50);
      for (const sentiment of ['positive', 'negative'] as const) {
        const found = truths.some((truth) => truth.themes.some((t) => t.id === theme && t.sentiment === sentiment));
        expect(found, `${theme} ${sentiment}`).toBe(true);
      }
    }
    const count = (key: string, value: string) =>
      truths.filter((truth) => (truth as unknown as Record<string, string>)[key] === value).length;
    expect(count('polarity', 'mixed')).toBeGreaterThan(200);
    expect(count('polarity', 'positive')).toBeGreaterThan(500);
    expect(count('style', 'terse')).toBeGreaterThan(200);
    expect(count('perspective', 'relative')).toBeGreaterThan(300);
    expect(truths.filter((truth) => truth.polarity === 'mixed').every((truth) => truth.themes.length === 2)).toBe(true);
  });

  it('plants made-up personal details in some items, exactly as described', () => {
    const planted = truths.filter((truth) => truth.personalDetails.length > 0);
    expect(planted.length / truths.length).toBeGreaterThan(0.08);
    expect(planted.length / truths.length).toBeLessThan(0.25);
    const kinds = new Set(planted.flatMap((truth) => truth.personalDetails.map((detail) => detail.kind)));
    expect([...kinds].sort()).toEqual(['email', 'nhs_number', 'person_name', 'phone', 'postcode']);
    for (const truth of planted) {
      const text = demo[Number(truth.externalId.split('-')[2])]!.text;
      for (const detail of truth.personalDetails) {
        expect(text).toContain(detail.value);
        if (detail.kind === 'nhs_number') {
          expect(isValidNhsNumber(detail.value), detail.value).toBe(true);
          expect(detail.value.startsWith('999')).toBe(true);
        }
        if (detail.kind === 'phone') expect(detail.value.replace(/\D/g, '')).toMatch(/^(0|44)7700900\d{3}$/);
        if (detail.kind === 'email') expect(detail.value).toMatch(/^[a-z.]+\d+@example\.com$/);
        if (detail.kind === 'postcode') expect(detail.value).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
      }
    }
    expect(planted.some((truth) => truth.personalDetails.some((d) => d.value.startsWith('Dr ')))).toBe(true);
  });

  it('writes about open trusts of the reference file, naming them in the text when it says so', () => {
    const rows = parseOdsTrusts(readFileSync(shippedFile('config/reference/ods-trusts.csv'), 'utf8'));
    const open = new Set(rows.filter((row) => row.closeDate === '').map((row) => row.code));
    const specialists = new Map(loadSampleTrusts().map((trust) => [trust.code, trust.tumourGroups]));
    for (const [index, truth] of truths.entries()) {
      expect(open.has(truth.trust.code), truth.trust.code).toBe(true);
      const groups = specialists.get(truth.trust.code);
      if (groups) expect(groups).toContain(truth.tumourGroup);
      const item = demo[index]!;
      expect(item.odsCode ?? null).toBe(truth.sourceOdsCode);
      if (truth.sourceOdsCode) expect(truth.sourceOdsCode).toBe(truth.trust.code);
      const plain = (text: string) => text.toLowerCase().replace(/[’']/g, '');
      if (truth.trust.mentionedAs) expect(plain(item.text)).toContain(plain(truth.trust.mentionedAs));
    }
    const withCode = truths.filter((truth) => truth.sourceOdsCode !== null).length / truths.length;
    expect(withCode).toBeGreaterThan(0.2);
    expect(withCode).toBeLessThan(0.4);
    expect(new Set(truths.map((truth) => truth.trust.code)).size).toBeGreaterThan(60);
    expect(truths.filter((truth) => truth.trust.code === 'RBV').length).toBeGreaterThan(10);
  });

  it('dates items over the 18 months before the reference date', async () => {
    const times = demo.map((item) => Date.parse(item.postedAt!));
    const reference = Date.parse('2026-11-01T00:00:00Z');
    expect(Math.max(...times)).toBeLessThanOrEqual(reference);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(reference - 548 * 86_400_000);
    expect(Math.min(...times)).toBeLessThan(reference - 500 * 86_400_000);
    const moved = createSampleConnector({ count: 1, referenceDate: '2025-01-01T00:00:00Z' });
    const page = await moved.fetchPage(null, ctx);
    expect(page.items[0]).toMatchObject({ ok: true });
    const item = page.items[0]!.ok ? page.items[0]!.item : undefined;
    expect(Date.parse(item!.postedAt!)).toBeLessThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
    expect(item!.text).toBe(demo[0]!.text);
  });

  it('rejects impossible options', () => {
    expect(() => createSampleConnector({ count: 0 })).toThrow(/count/);
    expect(() => createSampleConnector({ seed: -1 })).toThrow(/seed/);
    expect(() => createSampleConnector({ referenceDate: 'soon' })).toThrow(/referenceDate/);
  });
});
