import { THEMES, type ThemeId } from '../../domain/model.js';
import type { ThemeCrosswalk } from '../../domain/themes/crosswalk.js';

/** Subject areas are compared without case, punctuation or "&" vs "and" ("Values & behaviours – staff"). */
export function subjectKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface SubjectArea {
  /** The crosswalk's spelling. */
  name: string;
  themes: ThemeId[];
}

/** KO41a subject area (by subjectKey) → its canonical name and the themes the crosswalk maps it to. */
export function subjectAreas(crosswalk: ThemeCrosswalk): Map<string, SubjectArea> {
  const out = new Map<string, SubjectArea>();
  for (const name of crosswalk.ko41aSubjectAreas) out.set(subjectKey(name), { name, themes: [] });
  for (const id of THEMES) {
    for (const area of crosswalk.themes[id].ko41a) out.get(subjectKey(area))?.themes.push(id);
  }
  return out;
}

/** Rows and columns that total the subjects rather than name one. */
export const isTotalSubject = (name: string): boolean => /^(grand )?totals?\b/.test(subjectKey(name));
