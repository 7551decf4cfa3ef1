/**
 * Writes imported files. One transaction per file: the rows an earlier import of the same file stored
 * are removed, the new rows are upserted by natural key (a corrected file overwrites what it covers),
 * and the file is recorded. Re-importing a file therefore leaves exactly its rows, never duplicates.
 */
import type { Insertable, Kysely } from 'kysely';
import { chunk } from './chunk.js';
import type { DialectHooks } from './dialect-hooks.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';
import type {
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportedFile,
  ImportKind,
  ImportWriteResult,
} from './import-types.js';
import type { Database } from './schema.js';

type ImportTable = 'imported_cpes_scores' | 'imported_fft_responses' | 'imported_complaints';

/** The columns every import table shares; the rest are written as given. */
interface KeyedRow {
  row_key: string;
  file_sha256: string;
}

/** Natural keys as JSON text: unambiguous whatever the parts contain, and null stays null. */
const rowKey = (parts: readonly (string | number | null)[]): string => JSON.stringify(parts);

export function cpesScoreRow(s: ImportedCpesScore, sha256: string): Insertable<Database['imported_cpes_scores']> {
  return {
    row_key: rowKey([s.survey, s.year, s.odsCode, s.tumourGroup, s.question]),
    survey: s.survey,
    year: s.year,
    ods_code: s.odsCode,
    tumour_group: s.tumourGroup,
    question: s.question,
    respondents: s.respondents,
    score: s.score,
    ci_lower: s.ciLower,
    ci_upper: s.ciUpper,
    themes: JSON.stringify(s.themes),
    file_sha256: sha256,
  };
}

export function fftResponseRow(r: ImportedFftResponse, sha256: string): Insertable<Database['imported_fft_responses']> {
  return {
    row_key: rowKey([r.setting, r.period, r.odsCode, r.siteCode]),
    setting: r.setting,
    period: r.period,
    ods_code: r.odsCode,
    site_code: r.siteCode,
    total_responses: r.totalResponses,
    total_eligible: r.totalEligible,
    percentage_positive: r.percentagePositive,
    percentage_negative: r.percentageNegative,
    very_good: r.veryGood,
    good: r.good,
    neither: r.neither,
    poor: r.poor,
    very_poor: r.veryPoor,
    dont_know: r.dontKnow,
    suppressed: JSON.stringify(r.suppressed),
    file_sha256: sha256,
  };
}

export function complaintCountRow(
  c: ImportedComplaintCount,
  sha256: string,
): Insertable<Database['imported_complaints']> {
  return {
    row_key: rowKey([c.period, c.odsCode, c.siteCode, c.subjectArea]),
    period: c.period,
    financial_year: c.financialYear,
    quarter: c.quarter,
    ods_code: c.odsCode,
    site_code: c.siteCode,
    subject_area: c.subjectArea,
    complaints: c.complaints,
    themes: JSON.stringify(c.themes),
    file_sha256: sha256,
  };
}

function checkFile(file: ImportedFile, kind: ImportKind, rowCount: number): void {
  if (!/^[0-9a-f]{64}$/.test(file.sha256)) {
    throw new InvalidStoreInputError(`import file sha256 must be 64 lower-case hex digits, got "${file.sha256}"`);
  }
  if (file.kind !== kind) throw new InvalidStoreInputError(`a ${file.kind} file cannot store ${kind} rows`);
  if (file.rowsStored !== rowCount) {
    throw new InvalidStoreInputError(`file says ${file.rowsStored} rows stored but ${rowCount} were handed over`);
  }
}

async function replaceFileRows<R extends KeyedRow>(
  db: Kysely<Database>,
  hooks: DialectHooks,
  table: ImportTable,
  file: ImportedFile,
  rows: readonly R[],
): Promise<ImportWriteResult> {
  const seen = new Set<string>();
  for (const r of rows) {
    // PostgreSQL refuses an upsert that touches one row twice; name the key instead of a driver error.
    if (seen.has(r.row_key)) throw new InvalidStoreInputError(`${table}: row given twice: ${r.row_key}`);
    seen.add(r.row_key);
  }
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'row_key');
  const perStatement = Math.max(1, Math.min(1000, Math.floor(hooks.maxBindParameters / (columns.length + 1))));
  // The table name varies, so the typed builder sees one generic keyed table.
  const loose = (trx: Kysely<Database>) => trx as unknown as Kysely<Record<ImportTable, R>>;
  return hooks.writeTransaction(db, async (trx) => {
    const removed = await loose(trx)
      .deleteFrom(table)
      .where('file_sha256' as never, '=', file.sha256 as never)
      .executeTakeFirst();
    for (const part of chunk(rows, perStatement)) {
      await loose(trx)
        .insertInto(table)
        .values(part as never)
        .onConflict((oc) =>
          oc
            .column('row_key' as never)
            .doUpdateSet(
              (eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never,
            ),
        )
        .execute();
    }
    const fileRow = {
      sha256: file.sha256,
      kind: file.kind,
      layout: file.layout,
      file_name: file.fileName,
      imported_at: file.importedAt,
      rows_read: file.rowsRead,
      rows_stored: file.rowsStored,
    };
    const { sha256: _sha, ...changes } = fileRow;
    await trx
      .insertInto('import_files')
      .values(fileRow)
      .onConflict((oc) => oc.column('sha256').doUpdateSet(changes))
      .execute();
    return { stored: rows.length, replaced: Number(removed.numDeletedRows) };
  });
}

export async function importCpesScores(
  db: Kysely<Database>,
  hooks: DialectHooks,
  file: ImportedFile,
  scores: readonly ImportedCpesScore[],
): Promise<ImportWriteResult> {
  checkFile(file, 'cpes', scores.length);
  return replaceFileRows(
    db,
    hooks,
    'imported_cpes_scores',
    file,
    scores.map((s) => cpesScoreRow(s, file.sha256)),
  );
}

export async function importFftResponses(
  db: Kysely<Database>,
  hooks: DialectHooks,
  file: ImportedFile,
  responses: readonly ImportedFftResponse[],
): Promise<ImportWriteResult> {
  checkFile(file, 'fft', responses.length);
  return replaceFileRows(
    db,
    hooks,
    'imported_fft_responses',
    file,
    responses.map((r) => fftResponseRow(r, file.sha256)),
  );
}

export async function importComplaintCounts(
  db: Kysely<Database>,
  hooks: DialectHooks,
  file: ImportedFile,
  counts: readonly ImportedComplaintCount[],
): Promise<ImportWriteResult> {
  checkFile(file, 'complaints', counts.length);
  return replaceFileRows(
    db,
    hooks,
    'imported_complaints',
    file,
    counts.map((c) => complaintCountRow(c, file.sha256)),
  );
}
