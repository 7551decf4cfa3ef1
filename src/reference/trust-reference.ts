import { readFileSync } from 'node:fs';
import { shippedFile } from '../config/paths.js';
import { parseEtrCsv } from '../domain/trusts/parse-ods-csv.js';
import { parseHospitalSitesCsv, parseTrustAliasesCsv } from '../domain/trusts/parse-reference-csv.js';
import type { Trust, TrustAlias, TrustSite } from '../domain/trusts/trust.js';
import { createTrustLinker, type TrustLinker, type TrustLinkerOptions } from '../domain/trusts/trust-linker.js';

/** The one place that reads the shipped trust reference files; the domain parsers take their text. */

export const TRUST_REFERENCE_FILES = {
  trusts: 'config/reference/ods-trusts.csv',
  aliases: 'config/reference/trust-aliases.csv',
  sites: 'config/reference/hospital-sites.csv',
} as const;

export interface TrustReference {
  trusts: Trust[];
  aliases: TrustAlias[];
  sites: TrustSite[];
}

function read(relativePath: string): string {
  return readFileSync(shippedFile(relativePath), 'utf8');
}

export function loadTrustReference(): TrustReference {
  return {
    trusts: parseEtrCsv(read(TRUST_REFERENCE_FILES.trusts)),
    aliases: parseTrustAliasesCsv(read(TRUST_REFERENCE_FILES.aliases)),
    sites: parseHospitalSitesCsv(read(TRUST_REFERENCE_FILES.sites)),
  };
}

/** A linker over the shipped reference files; `options` may override `englandOnly`. */
export function loadTrustLinker(options: Pick<TrustLinkerOptions, 'englandOnly'> = {}): TrustLinker {
  return createTrustLinker({ ...loadTrustReference(), ...options });
}
