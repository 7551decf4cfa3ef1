/** Reads imported CPES scores, FFT responses, complaint counts and import files, in a stable order. */
import { type Kysely, sql } from 'kysely';
import type { ThemeId } from '../domain/model.js';
import type {
  ComplaintCountFilter,
  CpesScoreFilter,
  FftField,
  FftResponseFilter,
  FftSetting,
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportedFile,
  ImportKind,
} from './import-types.js';
import type { Database } from './schema.js';
import type { TumourGroupKey } from './store.js';

/**
 * Theme lists are JSON arrays of quoted ids, so `"id"` matches one whole id. `_` is a LIKE wildcard and
 * theme ids contain it, hence the escape.
 */
const themeMatch = (theme: ThemeId) => sql<boolean>`themes like ${`%"${theme.replaceAll('_', '\\_')}"%`} escape '\\'`;

/** SQLite sorts nulls first and PostgreSQL last; both stores list England (or the trust row) first. */
const nullsFirst = (column: 'ods_code' | 'site_code') => sql`coalesce(${sql.ref(column)}, '')`;

/** PostgreSQL returns integer and double columns as numbers, but keep nulls as null in both dialects. */
const numberOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export async function listImportedFiles(db: Kysely<Database>, kind?: ImportKind): Promise<ImportedFile[]> {
  const rows = await db
    .selectFrom('import_files')
    .selectAll()
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind!))
    .orderBy('imported_at', 'desc')
    .orderBy('sha256')
    .execute();
  return rows.map((r) => ({
    sha256: r.sha256,
    kind: r.kind as ImportKind,
    layout: r.layout,
    fileName: r.file_name,
    importedAt: r.imported_at,
    rowsRead: Number(r.rows_read),
    rowsStored: Number(r.rows_stored),
  }));
}

export async function listCpesScores(db: Kysely<Database>, filter: CpesScoreFilter): Promise<ImportedCpesScore[]> {
  const rows = await db
    .selectFrom('imported_cpes_scores')
    .selectAll()
    .$if(filter.year !== undefined, (qb) => qb.where('year', '=', filter.year!))
    .$if(filter.odsCode === null, (qb) => qb.where('ods_code', 'is', null))
    .$if(typeof filter.odsCode === 'string', (qb) => qb.where('ods_code', '=', filter.odsCode!))
    .$if(filter.tumourGroup !== undefined, (qb) => qb.where('tumour_group', '=', filter.tumourGroup!))
    .$if(filter.question !== undefined, (qb) => qb.where('question', '=', filter.question!))
    .$if(filter.theme !== undefined, (qb) => qb.where(themeMatch(filter.theme!)))
    .orderBy('year')
    .orderBy(nullsFirst('ods_code'))
    .orderBy('tumour_group')
    .orderBy('question')
    .execute();
  return rows.map((r) => ({
    survey: r.survey,
    year: Number(r.year),
    odsCode: r.ods_code,
    tumourGroup: r.tumour_group as TumourGroupKey,
    question: Number(r.question),
    respondents: Number(r.respondents),
    score: Number(r.score),
    ciLower: numberOrNull(r.ci_lower),
    ciUpper: numberOrNull(r.ci_upper),
    themes: JSON.parse(r.themes) as ThemeId[],
  }));
}

export async function listFftResponses(
  db: Kysely<Database>,
  filter: FftResponseFilter,
): Promise<ImportedFftResponse[]> {
  const rows = await db
    .selectFrom('imported_fft_responses')
    .selectAll()
    .$if(filter.setting !== undefined, (qb) => qb.where('setting', '=', filter.setting!))
    .$if(filter.odsCode !== undefined, (qb) => qb.where('ods_code', '=', filter.odsCode!))
    .$if(filter.periodFrom !== undefined, (qb) => qb.where('period', '>=', filter.periodFrom!))
    .$if(filter.periodTo !== undefined, (qb) => qb.where('period', '<=', filter.periodTo!))
    .$if(filter.sites === true, (qb) => qb.where('site_code', 'is not', null))
    .$if(filter.sites === false, (qb) => qb.where('site_code', 'is', null))
    .orderBy('period')
    .orderBy('setting')
    .orderBy('ods_code')
    .orderBy(nullsFirst('site_code'))
    .execute();
  return rows.map((r) => ({
    setting: r.setting as FftSetting,
    period: r.period,
    odsCode: r.ods_code,
    siteCode: r.site_code,
    totalResponses: numberOrNull(r.total_responses),
    totalEligible: numberOrNull(r.total_eligible),
    percentagePositive: numberOrNull(r.percentage_positive),
    percentageNegative: numberOrNull(r.percentage_negative),
    veryGood: numberOrNull(r.very_good),
    good: numberOrNull(r.good),
    neither: numberOrNull(r.neither),
    poor: numberOrNull(r.poor),
    veryPoor: numberOrNull(r.very_poor),
    dontKnow: numberOrNull(r.dont_know),
    suppressed: JSON.parse(r.suppressed) as FftField[],
  }));
}

export async function listComplaintCounts(
  db: Kysely<Database>,
  filter: ComplaintCountFilter,
): Promise<ImportedComplaintCount[]> {
  const rows = await db
    .selectFrom('imported_complaints')
    .selectAll()
    .$if(filter.odsCode !== undefined, (qb) => qb.where('ods_code', '=', filter.odsCode!))
    .$if(filter.financialYear !== undefined, (qb) => qb.where('financial_year', '=', filter.financialYear!))
    .$if(filter.period !== undefined, (qb) => qb.where('period', '=', filter.period!))
    .$if(filter.theme !== undefined, (qb) => qb.where(themeMatch(filter.theme!)))
    .orderBy('period')
    .orderBy('ods_code')
    .orderBy(nullsFirst('site_code'))
    .orderBy('subject_area')
    .execute();
  return rows.map((r) => ({
    period: r.period,
    financialYear: r.financial_year,
    quarter: numberOrNull(r.quarter),
    odsCode: r.ods_code,
    siteCode: r.site_code,
    subjectArea: r.subject_area,
    complaints: numberOrNull(r.complaints),
    themes: JSON.parse(r.themes) as ThemeId[],
  }));
}
