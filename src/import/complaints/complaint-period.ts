/**
 * KO41a periods are financial years (annual returns, to 2014-15 and again from 2022-23) or quarters of
 * one (2015-16 to 2021-22). They are kept as published, in one spelling: `2023-24` or `2016-17 Q3`.
 */
export interface ComplaintPeriod {
  period: string;
  financialYear: string;
  quarter: number | null;
}

function financialYearOf(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/_]\s*(\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2]!.length === 2 ? Number(m[2]) : Number(m[2]) % 100;
  if (end !== (start + 1) % 100) return undefined;
  return `${start}-${String(end).padStart(2, '0')}`;
}

function quarterOf(text: string): number | undefined {
  const m = /^(?:q|quarter)\s*([1-4])$/i.exec(text.trim()) ?? /^([1-4])$/.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Reads `2023-24`, `2023/24`, `2023-2024`, `2016-17 Q3`, `Q3 2016-17`, `2016-17 Quarter 3`, or a
 * year plus a separate quarter cell. Returns a message when it cannot.
 */
export function parseComplaintPeriod(text: string, quarterCell = ''): ComplaintPeriod | { error: string } {
  const value = text.trim().replace(/\s+/g, ' ');
  const quarterIn = /^(.*?)\s*\b(q\s*[1-4]|quarter\s*[1-4])\b\s*(.*?)$/i.exec(value);
  const yearText = quarterIn ? `${quarterIn[1]}${quarterIn[3]}`.trim() : value;
  const financialYear = financialYearOf(yearText);
  if (financialYear === undefined) {
    return { error: `period "${text.trim()}" is not a financial year like 2023-24 (optionally with a quarter, Q1–Q4)` };
  }
  let quarter: number | null = null;
  if (quarterIn) quarter = quarterOf(quarterIn[2]!)!;
  if (quarterCell.trim() !== '') {
    const q = quarterOf(quarterCell);
    if (q === undefined) return { error: `quarter "${quarterCell.trim()}" is not Q1–Q4` };
    if (quarter !== null && quarter !== q) return { error: `period "${value}" and quarter "${quarterCell}" disagree` };
    quarter = q;
  }
  return { period: quarter === null ? financialYear : `${financialYear} Q${quarter}`, financialYear, quarter };
}
