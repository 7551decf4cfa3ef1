/** An NHS trust as the ODS "NHS Trusts" file (etr.csv) describes it. */
export interface Trust {
  /** ODS organisation code, e.g. `RBV`. */
  odsCode: string;
  /** Legal name as ODS writes it (upper case). */
  name: string;
  postcode: string;
  /** `YYYY-MM-DD`. */
  openDate: string;
  /** `YYYY-MM-DD`, or null while the trust is open. */
  closeDate: string | null;
  /** NHS England region code (`Y62`); empty for trusts outside England. */
  nationalGrouping: string;
  /** Government Office Region letter; `W` is Wales. */
  gorCode: string;
}

/** A short form people write for a trust ("The Christie", "UCLH"). */
export interface TrustAlias {
  alias: string;
  odsCode: string;
  /** Why the alias exists or points where it does (required for closed trusts). */
  note: string;
}

/** A hospital or other site and the trust that runs it (ODS ets.csv, or the hand-kept list). */
export interface TrustSite {
  name: string;
  /** The parent trust's ODS code. */
  odsCode: string;
  /** The site's own ODS code, when known. */
  siteCode?: string | undefined;
  /** `YYYY-MM-DD` the site closed, when it has; closed sites are not matched. */
  closeDate?: string | null | undefined;
}
