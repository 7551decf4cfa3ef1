import { z } from 'zod';
import { CPES_2018_CANCER_TYPES } from './cpes-cancer-types.js';

/** Empty means "not applicable or suppressed"; anything else must read as a number (NaN fails below). */
const toOptionalNumber = (v: string) => (v.trim() === '' ? undefined : Number(v.trim()));

const optionalNumber = (min: number, max: number) =>
  z.string().transform(toOptionalNumber).pipe(z.number().min(min).max(max).optional());

/** The columns of the 2018 trust-results layout that the importer reads; others are ignored. */
export const CPES_2018_COLUMNS = [
  'Geog',
  'Trust.Code',
  'Year',
  'Gender',
  'IMD',
  'Cancer.Type',
  'Question.Number',
  'adjusted.unadjusted.yearonyear',
  'Number.of.responses',
  'scored.percentage',
  'Lower.95..confidence.interval',
  'Upper.95..confidence.interval',
] as const;

export const cpes2018RowSchema = z.object({
  Geog: z.enum(['Trust', 'National']),
  'Trust.Code': z.string().regex(/^(All|[A-Z0-9]{3,5})$/, 'expected an ODS code or "All"'),
  Year: z.coerce.number().int().min(2010).max(2030),
  Gender: z.string().min(1),
  IMD: z.string().min(1),
  'Cancer.Type': z
    .string()
    .refine((v) => v in CPES_2018_CANCER_TYPES, { message: 'unknown cancer type' })
    .transform((v) => CPES_2018_CANCER_TYPES[v]!),
  'Question.Number': z
    .string()
    .regex(/^Q\d{1,2}$/, 'expected Q1…Q59')
    .transform((v) => Number(v.slice(1))),
  'adjusted.unadjusted.yearonyear': z.enum(['adjusted', 'unadjusted', 'yearonyear']),
  'Number.of.responses': optionalNumber(0, 10_000_000).refine((v) => v === undefined || Number.isInteger(v), {
    message: 'expected a whole number',
  }),
  'scored.percentage': optionalNumber(0, 100),
  'Lower.95..confidence.interval': optionalNumber(0, 100),
  'Upper.95..confidence.interval': optionalNumber(0, 100),
});

export type Cpes2018Row = z.output<typeof cpes2018RowSchema>;
