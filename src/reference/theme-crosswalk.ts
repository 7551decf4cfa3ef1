import { readFileSync } from 'node:fs';
import { shippedFile } from '../config/paths.js';
import { parseThemeCrosswalk, type ThemeCrosswalk } from '../domain/themes/crosswalk.js';

export const THEME_CROSSWALK_FILE = 'config/reference/theme-crosswalk.json';

/** Reads and validates the shipped theme crosswalk. */
export function loadThemeCrosswalk(): ThemeCrosswalk {
  return parseThemeCrosswalk(readFileSync(shippedFile(THEME_CROSSWALK_FILE), 'utf8'));
}
