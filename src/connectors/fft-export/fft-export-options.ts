/** Options of the `fft-export` source: a trust's own FFT free-text exports dropped into a folder. */
export interface FftExportOptions {
  /** Folder the trust's `.csv` exports are dropped into; each file is read once (known by content hash). */
  dir: string;
  /** ODS code of the trust the exports belong to, used when a file has no ODS column. @defaultValue none */
  odsCode?: string | undefined;
  /** Lines read per page. @defaultValue 500 */
  pageSize?: number;
  /** Longest accepted record in bytes. @defaultValue 1 MiB */
  maxLineBytes?: number;
  /** Source id (one per trust when several trusts send exports). @defaultValue 'fft-export' */
  id?: string;
}
