/**
 * CSV cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return at
 * the start) get a leading apostrophe. Comment text is public input, so an export must never carry
 * a live formula to an analyst's spreadsheet.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell's text. Only strings are neutralised: numbers are written by CareVoice itself and a
 * negative score must stay a number.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot export a non-finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseCsvText(value);
}
