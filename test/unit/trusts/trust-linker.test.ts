import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/paths.js';
import type { Trust } from '../../../src/domain/trusts/trust.js';
import { createTrustLinker } from '../../../src/domain/trusts/trust-linker.js';
import { titleCaseTrustName, trustNamePhrases } from '../../../src/domain/trusts/trust-name.js';
import { loadTrustLinker, loadTrustReference } from '../../../src/reference/trust-reference.js';

interface LinkingCase {
  text: string;
  expected: string | null;
  note: string;
  postedAt?: string;
  odsCode?: string;
}

const cases = readFileSync(join(packageRoot(), 'test/fixtures/trusts/linking-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LinkingCase);

const linker = loadTrustLinker();

describe('linking-cases.jsonl', () => {
  it('has at least 150 cases, including ambiguous, closed-trust and no-trust ones', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.note.startsWith('ambiguous')).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.note.includes('closed')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => {
    expect(linker.link(c.text, { postedAt: c.postedAt, odsCode: c.odsCode })?.odsCode ?? null).toBe(c.expected);
  });
});

describe('createTrustLinker', () => {
  const trust = (odsCode: string, name: string, extra: Partial<Trust> = {}): Trust => ({
    odsCode,
    name,
    postcode: '',
    openDate: '1990-01-01',
    closeDate: null,
    nationalGrouping: 'Y62',
    gorCode: 'B',
    ...extra,
  });

  it('returns the trust name in title case', () => {
    expect(linker.link('seen at the Christie')).toEqual({ odsCode: 'RBV', name: 'The Christie NHS Foundation Trust' });
  });

  it('links a Welsh trust only when englandOnly is off', () => {
    const everywhere = createTrustLinker({ ...loadTrustReference(), englandOnly: false });
    expect(everywhere.link('Velindre Cancer Centre')?.odsCode).toBe('RQF');
    expect(linker.link('Velindre Cancer Centre')).toBeNull();
  });

  it('ignores a trust on a posting date before it opened', () => {
    const l = createTrustLinker({
      trusts: [trust('R0A', 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST', { openDate: '2017-10-01' })],
    });
    expect(l.link('Manchester University NHS Foundation Trust', { postedAt: '2017-09-30T23:00:00Z' })).toBeNull();
    expect(l.link('Manchester University NHS Foundation Trust', { postedAt: '2017-10-01' })?.odsCode).toBe('R0A');
  });

  it('matches names without their legal ending only when the rest is distinctive', () => {
    const l = createTrustLinker({
      trusts: [trust('RPA', 'MEDWAY NHS FOUNDATION TRUST'), trust('RPY', 'THE ROYAL MARSDEN NHS FOUNDATION TRUST')],
    });
    expect(l.link('I live in Medway')).toBeNull();
    expect(l.link('Medway NHS Trust')?.odsCode).toBe('RPA');
    expect(l.link('royal marsden')?.odsCode).toBe('RPY');
  });

  it('treats a source code naming no known trust as absent', () => {
    expect(linker.link('no trust here', { odsCode: 'QQQ' })).toBeNull();
  });
});

describe('trust names', () => {
  it('title-cases legal names, keeping NHS and small words', () => {
    expect(titleCaseTrustName("GUY'S AND ST THOMAS' NHS FOUNDATION TRUST")).toBe(
      "Guy's and St Thomas' NHS Foundation Trust",
    );
    expect(titleCaseTrustName('THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST')).toBe(
      'The Newcastle upon Tyne Hospitals NHS Foundation Trust',
    );
    expect(titleCaseTrustName('STAFFORDSHIRE AND STOKE-ON-TRENT')).toBe('Staffordshire and Stoke-on-Trent');
  });

  it('writes the endings people use and drops generic bare names', () => {
    const phrases = trustNamePhrases('THE ROYAL MARSDEN NHS FOUNDATION TRUST');
    expect(phrases).toContain('royal marsden');
    expect(phrases).toContain('royal marsden nhs trust');
    expect(trustNamePhrases('NORTH LONDON NHS FOUNDATION TRUST')).not.toContain('north london');
    expect(trustNamePhrases('SOMERSET NHS FOUNDATION TRUST')).not.toContain('somerset');
  });
});
