import type { ThemeCrosswalk } from '../../domain/themes/crosswalk.js';
import type { ImportedComplaintCount } from '../../storage/import-types.js';
import { countCell, odsCodeCell } from '../cells.js';
import type { CsvLine } from '../csv-lines.js';
import { readHeadedRows } from '../headed-rows.js';
import { type ColumnSpec, cellsOf, mapColumns, normaliseHeader } from '../header-map.js';
import { ImportLayoutError } from '../import-layout-error.js';
import { emptyOutcome, KeyRegister, type ParseOutcome, skip } from '../parse-outcome.js';
import { parseComplaintPeriod } from './complaint-period.js';
import { isTotalSubject, type SubjectArea, subjectAreas, subjectKey } from './complaint-subjects.js';

export interface ComplaintsParseOptions {
  crosswalk: ThemeCrosswalk;
  /** The period every row reports, for files that have no period column (`2023-24`, `2016-17 Q3`). */
  period?: string | undefined;
  /** Lines searched for the header row, to pass title rows. @defaultValue 20 */
  headerScanRows?: number;
}

/**
 * KO41a by organisation (and site) and subject area. The published column names were not available
 * (DATA.md §7), so both shapes a table of counts takes are read: long (one row per subject, with a
 * subject and a count column) and wide (one column per subject area named as in the crosswalk).
 */
const COLUMNS = {
  orgCode: {
    names: ['Org Code', 'Organisation Code', 'Organization Code', 'Provider Code', 'Trust Code', 'ODS Code'],
    required: true,
  },
  siteCode: { names: ['Site Code', 'Organisation Site Code', 'Org Site Code'], required: false },
  period: { names: ['Period', 'Financial Year', 'Reporting Period', 'Year'], required: false },
  quarter: { names: ['Quarter'], required: false },
  subject: { names: ['Subject Area', 'Subject'], required: false },
  count: { names: ['Count', 'Number of Complaints', 'Complaints', 'Value', 'Number'], required: false },
} as const satisfies ColumnSpec<string>;
type Field = keyof typeof COLUMNS;

const ORG_NAMES = COLUMNS.orgCode.names.map(normaliseHeader);

export async function parseComplaints(
  lines: AsyncIterable<CsvLine>,
  options: ComplaintsParseOptions,
): Promise<ParseOutcome<ImportedComplaintCount>> {
  const scanRows = options.headerScanRows ?? 20;
  const areas = subjectAreas(options.crosswalk);
  const outcome = emptyOutcome<ImportedComplaintCount>('ko41a');
  const keys = new KeyRegister();
  const unmapped = new Set<string>();

  const accept = (row: number, column: string | undefined, record: ImportedComplaintCount) => {
    const key = JSON.stringify([record.period, record.odsCode, record.siteCode, record.subjectArea]);
    const first = keys.seen(key, row);
    if (first !== undefined) {
      const where = record.siteCode ? `${record.odsCode} site ${record.siteCode}` : record.odsCode;
      return outcome.issues.add({
        row,
        column,
        message: `${where} × "${record.subjectArea}" in ${record.period} appears again (first on row ${first})`,
      });
    }
    outcome.rows.push(record);
  };

  const rowsRead = await readHeadedRows(lines, scanRows, (cells, line) => {
    if (!cells.some((c) => ORG_NAMES.includes(normaliseHeader(c)))) return undefined;

    const index = mapColumns(cells, COLUMNS, 'KO41a complaints', line);
    const header = (f: Field) => (index[f] === undefined ? undefined : cells[index[f]!]);
    if (index.period === undefined && options.period === undefined) {
      throw new ImportLayoutError('the file has no period column: give the period (e.g. 2023-24 or 2016-17 Q3)', line);
    }
    if (index.period !== undefined && options.period !== undefined) {
      throw new ImportLayoutError('the file has its own period column: do not give a period', line);
    }
    const wideColumns: { at: number; area: SubjectArea }[] = [];
    if (index.subject === undefined) {
      const used = new Set(Object.values(index));
      cells.forEach((h, at) => {
        const area = areas.get(subjectKey(h));
        if (area && !used.has(at)) wideColumns.push({ at, area });
      });
      if (wideColumns.length === 0) {
        throw new ImportLayoutError(
          'not a KO41a subject-area table: no "Subject Area" column and no column named after a KO41a subject area',
          line,
        );
      }
      outcome.layout = 'ko41a-wide';
      const wide = new Set(wideColumns.map((w) => w.at));
      const ignored = cells.filter((h, at) => h.trim() !== '' && !used.has(at) && !wide.has(at));
      // A misspelt subject column would otherwise vanish without a word.
      if (ignored.length > 0) outcome.notes.push(`columns not read: ${ignored.join('; ')}`);
    } else {
      if (index.count === undefined)
        throw new ImportLayoutError('a "Subject Area" column needs a "Count" column', line);
      outcome.layout = 'ko41a-long';
    }

    return (row, at) => {
      const raw = cellsOf(row, index);
      if (raw.orgCode === '') return skip(outcome, 'no organisation code (totals or notes)');
      const org = odsCodeCell.safeParse(raw.orgCode);
      if (!org.success)
        return outcome.issues.add({ row: at, column: header('orgCode'), message: org.error.issues[0]!.message });
      let siteCode: string | null = null;
      if (raw.siteCode !== undefined && raw.siteCode !== '') {
        const site = odsCodeCell.safeParse(raw.siteCode);
        if (!site.success)
          return outcome.issues.add({ row: at, column: header('siteCode'), message: site.error.issues[0]!.message });
        siteCode = site.data;
      }
      const period = parseComplaintPeriod(raw.period ?? options.period ?? '', raw.quarter ?? '');
      if ('error' in period) return outcome.issues.add({ row: at, column: header('period'), message: period.error });
      const base = { ...period, odsCode: org.data, siteCode };

      if (index.subject !== undefined) {
        const subject = raw.subject ?? '';
        if (subject === '')
          return outcome.issues.add({ row: at, column: header('subject'), message: 'no subject area' });
        if (isTotalSubject(subject)) return skip(outcome, 'subject total rows');
        const count = countCell.safeParse(raw.count ?? '');
        if (!count.success)
          return outcome.issues.add({ row: at, column: header('count'), message: count.error.issues[0]!.message });
        if (count.data.value === null && !count.data.suppressed) {
          return outcome.issues.add({
            row: at,
            column: header('count'),
            message: 'no count (expected a number or "*")',
          });
        }
        const area = areas.get(subjectKey(subject));
        if (!area) unmapped.add(subject);
        return accept(at, header('count'), {
          ...base,
          subjectArea: area?.name ?? subject,
          complaints: count.data.value,
          themes: area?.themes ?? [],
        });
      }
      for (const { at: col, area } of wideColumns) {
        const count = countCell.safeParse((row[col] ?? '').trim());
        if (!count.success) {
          outcome.issues.add({ row: at, column: cells[col], message: count.error.issues[0]!.message });
          continue;
        }
        // Blank or "-" in a wide table means no figure for that subject, not a suppressed one.
        if (count.data.value === null && !count.data.suppressed) continue;
        accept(at, cells[col], { ...base, subjectArea: area.name, complaints: count.data.value, themes: area.themes });
      }
    };
  });
  if (rowsRead === undefined) {
    throw new ImportLayoutError(
      `no KO41a header found in the first ${scanRows} lines: expected an organisation code column ("Org Code", …)`,
    );
  }
  outcome.rowsRead = rowsRead;
  if (unmapped.size > 0) {
    outcome.notes.push(`subject areas not in the theme crosswalk (stored without themes): ${[...unmapped].join('; ')}`);
  }
  return outcome;
}
