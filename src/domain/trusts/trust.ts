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
  /**
   * Town or district the site stands in ("Gateshead", "Denmark Hill"). A town never links a comment on
   * its own: it picks one trust out of a name several trusts share ("the QE in Gateshead") and makes
   * "<town> hospital" a name for the site.
   */
  town?: string | undefined;
}

/** A closed trust whose services passed as a whole to one successor (mergers and acquisitions). */
export interface TrustSuccessor {
  /** ODS code of the closed trust. */
  closed: string;
  /** ODS code of the trust that took it over. */
  successor: string;
  /** Where the merger is recorded, so the entry can be checked. */
  source: string;
}
