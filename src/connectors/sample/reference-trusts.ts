import { readFileSync } from 'node:fs';
import { shippedFile } from '../../config/paths.js';
import type { TumourGroupId } from '../../domain/model.js';
import { CURATED_TRUSTS } from './trust-short-names.js';

/** One row of the ODS trust file (etr.csv layout). */
export interface OdsTrustRow {
  code: string;
  /** Upper case, as ODS publishes it. */
  name: string;
  /** `YYYYMMDD`, empty while the trust is open. */
  closeDate: string;
}

/** A trust the sample writes about, with the names people use for it and how often to pick it. */
export interface SampleTrust {
  code: string;
  name: string;
  shortNames: readonly string[];
  weight: number;
  /** A specialist trust only treats these groups; absent means any. */
  tumourGroups?: readonly TumourGroupId[] | undefined;
}

export const REFERENCE_TRUSTS_FILE = 'config/reference/ods-trusts.csv';

/** Splits one CSV line, honouring double quotes (ODS quotes every field; addresses contain commas). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** Parses the ODS etr.csv layout: no header; column 1 code, 2 name, 12 close date. */
export function parseOdsTrusts(text: string): OdsTrustRow[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = splitCsvLine(line);
      return { code: fields[0]!.trim(), name: fields[1]!.trim(), closeDate: (fields[11] ?? '').trim() };
    });
}

/** Trusts that are not acute adult cancer providers, or not in England's cancer survey (specialist
 *  hospitals that do treat cancer are in the curated list with their tumour groups). */
const NOT_ACUTE =
  /AMBULANCE|MENTAL HEALTH|PARTNERSHIP|COMMUNITY|ONLINE|NIGHTINGALE|WALES|VELINDRE|PUBLIC HEALTH|ORTHOPAEDIC|EYE|CHILDREN|WOMEN/;

function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .replace(/\b([a-z])/g, (letter) => letter.toUpperCase())
    .replace(/'S\b/g, "'s")
    .replace(/\bAnd\b/g, 'and')
    .replace(/\bOf\b/g, 'of');
}

/** The everyday name of a trust from its legal name: "THE HILLINGDON HOSPITALS NHS FOUNDATION TRUST" → "Hillingdon Hospitals". */
export function everydayName(name: string): string {
  return titleCase(
    name
      .replace(/^THE /, '')
      .replace(/,? NHS( FOUNDATION)? TRUST$/, '')
      .replace(/,$/, ''),
  );
}

/**
 * The open trusts the sample writes about: the curated cancer centres and big acute trusts (with
 * their nicknames; centres weighted highest), then other open trusts whose name says HOSPITAL.
 */
export function selectSampleTrusts(rows: readonly OdsTrustRow[]): SampleTrust[] {
  const open = new Map(rows.filter((row) => row.closeDate === '').map((row) => [row.code, row]));
  const trusts: SampleTrust[] = [];
  for (const curated of CURATED_TRUSTS) {
    const row = open.get(curated.code);
    if (!row) continue;
    trusts.push({
      code: row.code,
      name: row.name,
      shortNames: curated.shortNames,
      weight: curated.centre ? 4 : 2,
      tumourGroups: curated.tumourGroups,
    });
    open.delete(row.code);
  }
  for (const row of open.values()) {
    if (!/HOSPITAL/.test(row.name) || NOT_ACUTE.test(row.name)) continue;
    trusts.push({ code: row.code, name: row.name, shortNames: [everydayName(row.name)], weight: 1 });
  }
  if (trusts.length === 0) throw new Error('sample source: no open acute trusts in the reference trust file');
  return trusts;
}

let cached: SampleTrust[] | undefined;

/** The sample's trusts from the shipped reference file, read once. */
export function loadSampleTrusts(path = shippedFile(REFERENCE_TRUSTS_FILE)): SampleTrust[] {
  if (path !== shippedFile(REFERENCE_TRUSTS_FILE))
    return selectSampleTrusts(parseOdsTrusts(readFileSync(path, 'utf8')));
  cached ??= selectSampleTrusts(parseOdsTrusts(readFileSync(path, 'utf8')));
  return cached;
}
