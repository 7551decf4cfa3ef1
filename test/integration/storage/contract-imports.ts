/** Contract: imported CPES scores, FFT responses and KO41a counts, keyed by file and natural key. */
import { describe, expect, it } from 'vitest';
import { InvalidStoreInputError } from '../../../src/storage/errors/invalid-store-input-error.js';
import type {
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportedFile,
  ImportKind,
} from '../../../src/storage/import-types.js';
import type { ContractContext } from './store-contract.js';

const sha = (digit: string) => digit.repeat(64);

function file(
  kind: ImportKind,
  digit: string,
  rowsStored: number,
  importedAt = '2025-01-01T00:00:00.000Z',
): ImportedFile {
  return {
    sha256: sha(digit),
    kind,
    layout: `${kind}-test`,
    fileName: `${kind}.csv`,
    importedAt,
    rowsRead: rowsStored,
    rowsStored,
  };
}

function cpes(overrides: Partial<ImportedCpesScore>): ImportedCpesScore {
  return {
    survey: 'cpes',
    year: 2018,
    odsCode: 'RAA',
    tumourGroup: 'all',
    question: 17,
    respondents: 300,
    score: 88,
    ciLower: 84.1,
    ciUpper: 91.2,
    themes: ['cns_access'],
    ...overrides,
  };
}

function fft(overrides: Partial<ImportedFftResponse>): ImportedFftResponse {
  return {
    setting: 'inpatient',
    period: '2025-07',
    odsCode: 'RAA',
    siteCode: null,
    totalResponses: 120,
    totalEligible: 400,
    percentagePositive: 0.95,
    percentageNegative: 0.025,
    veryGood: 100,
    good: 14,
    neither: 2,
    poor: 2,
    veryPoor: 1,
    dontKnow: 1,
    suppressed: [],
    ...overrides,
  };
}

function complaint(overrides: Partial<ImportedComplaintCount>): ImportedComplaintCount {
  return {
    period: '2016-17 Q3',
    financialYear: '2016-17',
    quarter: 3,
    odsCode: 'RAA',
    siteCode: 'RAA01',
    subjectArea: 'Waiting times',
    complaints: 7,
    themes: ['waiting_times'],
    ...overrides,
  };
}

export function describeImportContract(ctx: ContractContext): void {
  describe('imported CPES scores', () => {
    it('stores England and trust rows and filters by trust, England, tumour group, theme and question', async () => {
      const rows = [
        cpes({ odsCode: null, respondents: 50_000 }),
        cpes({}),
        cpes({ tumourGroup: 'sarcoma', ciLower: null, ciUpper: null }),
        cpes({ odsCode: 'RBB', question: 2, themes: ['waiting_times', 'gp_referral'] }),
      ];
      expect(await ctx.store().importCpesScores(file('cpes', 'a', 4), rows)).toEqual({ stored: 4, replaced: 0 });
      expect(await ctx.store().listCpesScores({})).toEqual(rows);
      expect(await ctx.store().listCpesScores({ odsCode: null })).toEqual([rows[0]]);
      expect(await ctx.store().listCpesScores({ odsCode: 'RAA', tumourGroup: 'sarcoma' })).toEqual([rows[2]]);
      expect(await ctx.store().listCpesScores({ theme: 'waiting_times' })).toEqual([rows[3]]);
      expect(await ctx.store().listCpesScores({ theme: 'gp_referral', year: 2018, question: 2 })).toEqual([rows[3]]);
      expect(await ctx.store().listCpesScores({ year: 2023 })).toEqual([]);
    });

    it('re-importing a file leaves exactly its rows; a later file overwrites the keys it shares', async () => {
      const first = [cpes({}), cpes({ question: 18 })];
      await ctx.store().importCpesScores(file('cpes', 'a', 2), first);
      expect(await ctx.store().importCpesScores(file('cpes', 'a', 1), [first[0]!])).toEqual({ stored: 1, replaced: 2 });
      expect(await ctx.store().listCpesScores({})).toEqual([first[0]]);
      const corrected = cpes({ score: 90 });
      await ctx.store().importCpesScores(file('cpes', 'b', 1), [corrected]);
      expect(await ctx.store().listCpesScores({})).toEqual([corrected]);
      expect((await ctx.store().listImportedFiles('cpes')).map((f) => f.sha256).sort()).toEqual([sha('a'), sha('b')]);
    });

    it('refuses a row given twice and a file whose counts disagree, writing nothing', async () => {
      await expect(ctx.store().importCpesScores(file('cpes', 'a', 2), [cpes({}), cpes({})])).rejects.toBeInstanceOf(
        InvalidStoreInputError,
      );
      await expect(ctx.store().importCpesScores(file('cpes', 'a', 5), [cpes({})])).rejects.toThrow(/5 rows stored/);
      await expect(ctx.store().importCpesScores(file('fft', 'a', 1), [cpes({})])).rejects.toThrow(/fft file/);
      expect(await ctx.store().listCpesScores({})).toEqual([]);
      expect(await ctx.store().listImportedFiles()).toEqual([]);
    });
  });

  describe('imported FFT responses', () => {
    it('keeps nulls and suppressed fields, and filters by setting, trust, period and level', async () => {
      const rows = [
        fft({}),
        fft({ siteCode: 'RAA01', totalResponses: 3, veryGood: null, good: null, suppressed: ['veryGood', 'good'] }),
        fft({ period: '2025-08', percentagePositive: null, percentageNegative: null }),
        fft({ setting: 'ae', odsCode: 'RBB' }),
      ];
      expect(await ctx.store().importFftResponses(file('fft', 'c', 4), rows)).toEqual({ stored: 4, replaced: 0 });
      expect(await ctx.store().listFftResponses({ setting: 'inpatient' })).toEqual([rows[0], rows[1], rows[2]]);
      expect(await ctx.store().listFftResponses({ sites: true })).toEqual([rows[1]]);
      expect(await ctx.store().listFftResponses({ sites: false, setting: 'inpatient', periodFrom: '2025-08' })).toEqual(
        [rows[2]],
      );
      expect(await ctx.store().listFftResponses({ odsCode: 'RBB', periodTo: '2025-07' })).toEqual([rows[3]]);
      await ctx.store().importFftResponses(file('fft', 'c', 4), rows);
      expect(await ctx.store().listFftResponses({})).toHaveLength(4);
    });
  });

  describe('imported complaint counts', () => {
    it('filters by trust, theme, financial year and period, and lists files newest first', async () => {
      const rows = [
        complaint({}),
        complaint({ subjectArea: 'Communications', complaints: null, themes: ['information_communication'] }),
        complaint({ period: '2023-24', financialYear: '2023-24', quarter: null, siteCode: null }),
        complaint({ odsCode: 'RBB', subjectArea: 'Car parking', themes: [] }),
      ];
      await ctx.store().importComplaintCounts(file('complaints', 'd', 4, '2025-02-01T00:00:00.000Z'), rows);
      await ctx.store().importFftResponses(file('fft', 'e', 1, '2025-03-01T00:00:00.000Z'), [fft({})]);
      expect(await ctx.store().listComplaintCounts({ theme: 'waiting_times' })).toEqual([rows[0], rows[2]]);
      expect(await ctx.store().listComplaintCounts({ financialYear: '2016-17', odsCode: 'RAA' })).toEqual([
        rows[1],
        rows[0],
      ]);
      expect(await ctx.store().listComplaintCounts({ period: '2023-24' })).toEqual([rows[2]]);
      expect(await ctx.store().listComplaintCounts({ odsCode: 'RBB' })).toEqual([rows[3]]);
      const files = await ctx.store().listImportedFiles();
      expect(files.map((f) => f.kind)).toEqual(['fft', 'complaints']);
      expect(files[1]).toEqual(file('complaints', 'd', 4, '2025-02-01T00:00:00.000Z'));
    });

    it('does not read an underscore in a theme id as a wildcard', async () => {
      await ctx.store().importComplaintCounts(file('complaints', 'f', 1), [complaint({ themes: ['waiting_times'] })]);
      expect(await ctx.store().listComplaintCounts({ theme: 'waiting_times' })).toHaveLength(1);
      expect(await ctx.store().listComplaintCounts({ theme: 'end_of_life_care' })).toEqual([]);
    });
  });
}
