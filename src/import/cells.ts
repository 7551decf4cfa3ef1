import { z } from 'zod';

/**
 * Cell readers for published statistics. Publishers write `*` for a value suppressed because it is
 * below five (or could reveal one that is) and `-` for a value that cannot be calculated; both read as
 * null, and `suppressed` says which it was.
 */
export interface CellValue {
  value: number | null;
  suppressed: boolean;
}

export const SUPPRESSED = '*';
export const NOT_CALCULABLE = '-';

const EMPTY: CellValue = { value: null, suppressed: false };

function special(raw: string): CellValue | undefined {
  const v = raw.trim();
  if (v === SUPPRESSED) return { value: null, suppressed: true };
  if (v === NOT_CALCULABLE || v === '') return EMPTY;
  return undefined;
}

/** A whole count ≥ 0; thousands separators allowed ("1,234"). */
export const countCell = z.string().transform((raw, ctx): CellValue => {
  const s = special(raw);
  if (s) return s;
  const n = Number(raw.trim().replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a whole number, "*" or "-", got "${raw.trim()}"` });
    return z.NEVER;
  }
  return { value: n, suppressed: false };
});

/** A share 0–1: written as a fraction (0.95) or with a per cent sign (95%); 1 < x ≤ 100 without "%" is ambiguous. */
export const shareCell = z.string().transform((raw, ctx): CellValue => {
  const s = special(raw);
  if (s) return s;
  const v = raw.trim();
  const percent = v.endsWith('%');
  const n = Number(percent ? v.slice(0, -1).trim() : v);
  const share = percent ? n / 100 : n;
  if (!Number.isFinite(n) || share < 0 || share > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a share from 0 to 1 (or a percentage with "%"), "*" or "-", got "${v}"`,
    });
    return z.NEVER;
  }
  return { value: share, suppressed: false };
});

/** A percentage 0–100, with or without "%" (CPES scores). Empty reads as null. */
export const percentageCell = z.string().transform((raw, ctx): CellValue => {
  const s = special(raw);
  if (s) return s;
  const v = raw.trim();
  const n = Number(v.endsWith('%') ? v.slice(0, -1).trim() : v);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    ctx.addIssue({ code: 'custom', message: `expected a percentage from 0 to 100, got "${v}"` });
    return z.NEVER;
  }
  return { value: n, suppressed: false };
});

/** An ODS organisation or site code, upper-cased (3–9 letters and digits). */
export const odsCodeCell = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{3,9}$/, 'expected an ODS code (3–9 letters and digits)'));
