import type { TumourGroupKey } from '../../storage/store.js';
import type { ColumnSpec } from '../header-map.js';

/**
 * The current CPES results (2021 onwards, published through the survey's dashboard) have no documented
 * file layout (DATA.md §7): these are the column names assumed, with the spellings a download is
 * likely to use. docs/importers.md lists the assumptions.
 */
export const CPES_CURRENT_COLUMNS = {
  year: { names: ['Survey Year', 'Year'], required: false },
  level: { names: ['Level', 'Geography', 'Geography Level', 'Organisation Type', 'Org Type', 'Geog'], required: false },
  orgCode: {
    names: ['Organisation Code', 'Org Code', 'Trust Code', 'ODS Code', 'Code', 'Trust.Code'],
    required: true,
  },
  cancerType: { names: ['Cancer Type', 'Tumour Group', 'Tumour Type', 'Cancer.Type'], required: true },
  question: { names: ['Question Number', 'Question', 'Question No', 'Question.Number'], required: true },
  respondents: {
    names: ['Number of Respondents', 'Respondents', 'Number of Responses', 'Base', 'Number.of.responses'],
    required: true,
  },
  score: {
    names: ['Score', 'Summary Positive Score', 'Percentage Positive', 'Positive Score', 'scored.percentage'],
    required: true,
  },
  ciLower: {
    names: ['Lower CI', 'Lower 95% CI', 'CI Lower', 'Lower 95% Confidence Interval', 'Lower Confidence Interval'],
    required: false,
  },
  ciUpper: {
    names: ['Upper CI', 'Upper 95% CI', 'CI Upper', 'Upper 95% Confidence Interval', 'Upper Confidence Interval'],
    required: false,
  },
} as const satisfies ColumnSpec<string>;
export type CpesCurrentField = keyof typeof CPES_CURRENT_COLUMNS;

/** Cancer-type names (lower case, "&" → "and", "/" spaced) → tumour group; 2018 names included. */
export const CPES_CANCER_TYPE_ALIASES: Readonly<Record<string, TumourGroupKey>> = {
  'all cancers': 'all',
  all: 'all',
  'all cancer types': 'all',
  'brain and cns': 'brain_cns',
  'brain / cns': 'brain_cns',
  'brain / central nervous system': 'brain_cns',
  breast: 'breast',
  colorectal: 'colorectal',
  'colorectal / lower gastrointestinal': 'colorectal',
  'lower gastrointestinal': 'colorectal',
  gynaecological: 'gynaecological',
  haematological: 'haematological',
  'head and neck': 'head_and_neck',
  lung: 'lung',
  other: 'other',
  prostate: 'prostate',
  sarcoma: 'sarcoma',
  skin: 'skin',
  'upper gastro': 'upper_gi',
  'upper gastrointestinal': 'upper_gi',
  urological: 'urological',
};

export function cancerTypeKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/\s*\/\s*/g, ' / ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Geography of a row: England, a trust, or something CareVoice does not store (Cancer Alliance, ICB). */
export function levelOf(level: string, code: string): 'national' | 'trust' | 'other' {
  const l = level.trim().toLowerCase();
  const c = code.trim().toLowerCase();
  if (l === 'national' || l === 'england' || c === 'england' || c === 'national' || c === 'eng' || c === 'all')
    return 'national';
  if (l === '' || l === 'trust' || l === 'nhs trust' || l === 'provider' || l === 'nhs trust level') return 'trust';
  return 'other';
}
