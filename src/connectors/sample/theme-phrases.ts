import type { ThemeId } from '../../domain/model.js';
import { CARE_PATHWAY_PHRASES } from './phrases-care-pathway.js';
import { EXPERIENCE_PHRASES } from './phrases-experience.js';

/**
 * Sentences about one theme, in the voice of a public post. Slots in braces are filled per comment:
 * {I} {me} {my} (the patient: "I" or "she"), {carer} (who was with them), {cancer} {treatment}
 * {surgery} {test} {nurse} {misread} (from the tumour group), {n} {hours} (numbers), {trust}.
 * Short forms are terse fragments for tweet-like posts ("surgeon brilliant, ward appalling").
 */
export interface ThemePhrases {
  positive: readonly string[];
  negative: readonly string[];
  positiveShort: readonly string[];
  negativeShort: readonly string[];
}

export const THEME_PHRASES: Readonly<Record<ThemeId, ThemePhrases>> = {
  ...CARE_PATHWAY_PHRASES,
  ...EXPERIENCE_PHRASES,
};
