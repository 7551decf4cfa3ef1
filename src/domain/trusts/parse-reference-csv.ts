import { parse } from 'csv-parse/sync';
import type { TrustAlias, TrustSite } from './trust.js';

/** Parsers for the hand-kept reference files config/reference/trust-aliases.csv and hospital-sites.csv. */

const ODS_CODE_RE = /^[A-Z0-9]{3,5}$/;

export class ReferenceFileError extends Error {
  readonly code = 'reference_file_invalid';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'ReferenceFileError';
  }
}

function readRecords(text: string, file: string, required: string[]): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, comment: '#' });
  } catch (error) {
    throw new ReferenceFileError(file, [`not readable as CSV (${(error as Error).message})`]);
  }
  const header = records[0] ? Object.keys(records[0]) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (records.length > 0 && missing.length > 0) {
    throw new ReferenceFileError(file, [`header lacks column(s) ${missing.join(', ')}`]);
  }
  return records;
}

function checkCode(code: string, line: number, problems: string[]): void {
  if (!ODS_CODE_RE.test(code)) problems.push(`line ${line}: "${code}" is not an ODS code`);
}

/** Reads `alias,ods_code,note` rows (header required; `#` starts a comment line). */
export function parseTrustAliasesCsv(text: string, file = 'trust-aliases.csv'): TrustAlias[] {
  const problems: string[] = [];
  const aliases = readRecords(text, file, ['alias', 'ods_code', 'note']).map((r, i) => {
    const alias = { alias: r['alias'] ?? '', odsCode: (r['ods_code'] ?? '').toUpperCase(), note: r['note'] ?? '' };
    if (alias.alias === '') problems.push(`line ${i + 2}: empty alias`);
    checkCode(alias.odsCode, i + 2, problems);
    return alias;
  });
  if (problems.length > 0) throw new ReferenceFileError(file, problems);
  return aliases;
}

/** Reads `name,ods_code[,town]` rows: a hospital site, its parent trust and, optionally, its town. */
export function parseHospitalSitesCsv(text: string, file = 'hospital-sites.csv'): TrustSite[] {
  const problems: string[] = [];
  const sites = readRecords(text, file, ['name', 'ods_code']).map((r, i) => {
    const site: TrustSite = { name: r['name'] ?? '', odsCode: (r['ods_code'] ?? '').toUpperCase() };
    const town = r['town'] ?? '';
    if (town !== '') site.town = town;
    if (site.name === '') problems.push(`line ${i + 2}: empty site name`);
    checkCode(site.odsCode, i + 2, problems);
    return site;
  });
  if (problems.length > 0) throw new ReferenceFileError(file, problems);
  return sites;
}
