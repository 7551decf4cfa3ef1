import { THEMES, type ThemeId } from '../../domain/model.js';
import type { ThemeCrosswalk } from '../../domain/themes/crosswalk.js';

/** The crosswalk lists CPES questions in 2018 numbering; later questionnaires number them differently. */
export const CROSSWALK_CPES_YEAR = 2018;

/** CPES 2018 question number → the themes it measures (the reverse of the crosswalk's cpes2018 lists). */
export function themesByCpes2018Question(crosswalk: ThemeCrosswalk): Map<number, ThemeId[]> {
  const out = new Map<number, ThemeId[]>();
  for (const id of THEMES) {
    for (const q of crosswalk.themes[id].cpes2018) {
      const n = Number(q.slice(1));
      out.set(n, [...(out.get(n) ?? []), id]);
    }
  }
  return out;
}
