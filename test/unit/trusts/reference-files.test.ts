import { describe, expect, it } from 'vitest';
import {
  parseHospitalSitesCsv,
  parseTrustAliasesCsv,
  ReferenceFileError,
} from '../../../src/domain/trusts/parse-reference-csv.js';
import { loadTrustReference } from '../../../src/reference/trust-reference.js';

const reference = loadTrustReference();
const byCode = new Map(reference.trusts.map((t) => [t.odsCode, t]));

describe('config/reference/trust-aliases.csv', () => {
  it('has at least 80 aliases', () => {
    expect(reference.aliases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(reference.aliases.map((a) => [a.alias, a] as const))(
    '%s names an open trust, or a closed one with a note',
    (_, alias) => {
      const trust = byCode.get(alias.odsCode);
      expect(trust, `unknown code ${alias.odsCode}`).toBeDefined();
      if (trust?.closeDate !== null) expect(alias.note.trim()).not.toBe('');
    },
  );

  it('never repeats an alias', () => {
    const seen = reference.aliases.map((a) => a.alias.toLowerCase());
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('config/reference/hospital-sites.csv', () => {
  it.each(reference.sites.map((s) => [s.name, s] as const))('%s belongs to an open trust', (_, site) => {
    expect(byCode.get(site.odsCode)?.closeDate, `${site.odsCode} is unknown or closed`).toBeNull();
  });
});

describe('reference CSV parsers', () => {
  it('report every bad code at once', () => {
    const text = 'alias,ods_code,note\nA,rbv,\nB,not a code,\nC,,\n';
    expect(() => parseTrustAliasesCsv(text)).toThrow(ReferenceFileError);
    try {
      parseTrustAliasesCsv(text);
    } catch (error) {
      expect((error as ReferenceFileError).problems).toHaveLength(2);
    }
  });

  it('require the header columns', () => {
    expect(() => parseHospitalSitesCsv('site,code\nX,RBV\n')).toThrow(/lacks column\(s\) name, ods_code/);
  });

  it('skip comment lines', () => {
    expect(parseHospitalSitesCsv('name,ods_code\n# a note\nChristie Hospital,rbv\n')).toEqual([
      { name: 'Christie Hospital', odsCode: 'RBV' },
    ]);
  });
});
