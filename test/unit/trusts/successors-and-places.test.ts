import { describe, expect, it } from 'vitest';
import type { Trust } from '../../../src/domain/trusts/trust.js';
import { createTrustLinker } from '../../../src/domain/trusts/trust-linker.js';
import { strippedName, trustNamePhrases } from '../../../src/domain/trusts/trust-name.js';
import { TRUST_SUCCESSORS } from '../../../src/domain/trusts/trust-successors.js';
import { loadTrustReference } from '../../../src/reference/trust-reference.js';

const reference = loadTrustReference();
const byCode = new Map(reference.trusts.map((t) => [t.odsCode, t]));

describe('TRUST_SUCCESSORS', () => {
  it.each(TRUST_SUCCESSORS.map((s) => [s.closed, s] as const))('%s passes to a trust open when it closed', (_, s) => {
    const closed = byCode.get(s.closed);
    const successor = byCode.get(s.successor);
    expect(closed?.closeDate, `${s.closed} is unknown or still open`).toBeTruthy();
    expect(successor, `${s.successor} is unknown`).toBeDefined();
    // Mergers take effect the day after the old trust closes.
    const dayAfterClose = new Date(Date.parse(`${closed!.closeDate}T00:00:00Z`) + 86_400_000).toISOString();
    expect(successor!.openDate <= dayAfterClose.slice(0, 10)).toBe(true);
    expect(s.source.trim()).not.toBe('');
  });

  it('names each closed trust once', () => {
    const closed = TRUST_SUCCESSORS.map((s) => s.closed);
    expect(new Set(closed).size).toBe(closed.length);
  });
});

describe('legal-name phrases', () => {
  it('never give two open trusts the same phrase', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const trust of reference.trusts.filter((t) => t.closeDate === null)) {
      for (const phrase of trustNamePhrases(trust.name)) {
        const other = owner.get(phrase);
        if (other && other !== trust.odsCode) clashes.push(`${phrase}: ${other} and ${trust.odsCode}`);
        owner.set(phrase, trust.odsCode);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('drop "Teaching" and "University" and accept a bare "Trust" ending', () => {
    const phrases = trustNamePhrases('HULL UNIVERSITY TEACHING HOSPITALS NHS TRUST');
    expect(phrases).toEqual(
      expect.arrayContaining([
        'hull university hospitals nhs trust',
        'hull teaching hospitals trust',
        'hull hospitals trust',
      ]),
    );
  });

  it('strip a generic tail only when an institution, not a place, is left', () => {
    expect(strippedName(['james', 'paget', 'university', 'hospitals'])).toEqual(['james', 'paget']);
    expect(strippedName(['kettering', 'general', 'hospital'])).toEqual(['kettering', 'general']);
    expect(strippedName(['east', 'kent', 'hospitals', 'university'])).toBeNull();
    expect(strippedName(['royal', 'marsden'])).toBeNull();
  });
});

describe('createTrustLinker places and successors', () => {
  const trust = (odsCode: string, name: string, extra: Partial<Trust> = {}): Trust => ({
    odsCode,
    name,
    postcode: '',
    openDate: '1990-01-01',
    closeDate: null,
    nationalGrouping: 'Y60',
    gorCode: 'F',
    ...extra,
  });
  const linker = createTrustLinker({
    trusts: [
      trust('RAA', 'ALPHA HOSPITALS NHS TRUST'),
      trust('RBB', 'BETA HEALTHCARE NHS TRUST'),
      trust('RCC', 'GAMMA HOSPITAL NHS TRUST', { closeDate: '2015-03-31' }),
      trust('RDD', 'DELTA HOSPITAL NHS TRUST', { closeDate: '2016-03-31' }),
    ],
    sites: [
      { name: 'Queen Anne Hospital', odsCode: 'RAA', town: 'Ashby' },
      { name: 'Queen Anne Hospital', odsCode: 'RBB', town: 'Bexford' },
      { name: 'Manor Park Hospital', odsCode: 'RBB', town: 'Reading' },
    ],
    successors: [{ closed: 'RCC', successor: 'RAA', source: 'test' }],
  });

  it('picks one trust out of a shared name by the town named beside it', () => {
    expect(linker.link('Queen Anne Hospital')).toBeNull();
    expect(linker.link('the Queen Anne Hospital in Bexford')?.odsCode).toBe('RBB');
    expect(linker.link('Queen Anne Hospital, ashby')?.odsCode).toBe('RAA');
  });

  it('never links on a town alone, but links "<town> hospital"', () => {
    expect(linker.link('I live in Bexford')).toBeNull();
    expect(linker.link('Bexford hospital was fine')?.odsCode).toBe('RBB');
    expect(linker.link('Manor Park was quick')?.odsCode).toBe('RBB');
  });

  it('matches a town that is also a word only when capitalised', () => {
    expect(linker.link('Reading hospital')?.odsCode).toBe('RBB');
    expect(linker.link('reading hospital leaflets')).toBeNull();
  });

  it('follows a closed trust to its successor after its close date or with no date', () => {
    expect(linker.link('Gamma Hospital NHS Trust', { postedAt: '2014-01-01' })?.odsCode).toBe('RCC');
    expect(linker.link('Gamma Hospital NHS Trust', { postedAt: '2019-01-01' })?.odsCode).toBe('RAA');
    expect(linker.link('Gamma Hospital NHS Trust')?.odsCode).toBe('RAA');
    expect(linker.link('Delta Hospital NHS Trust')).toBeNull();
  });
});
