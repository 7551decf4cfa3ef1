import { z } from 'zod';
import { THEMES, type ThemeId } from '../model.js';

/**
 * The theme crosswalk (config/reference/theme-crosswalk.json): for each CareVoice theme, the CPES 2018
 * questions, FFT v6 framework categories and KO41a complaint subject areas that measure the same thing.
 * Empty lists are allowed (CPES 2018 asks nothing about digital access) but each theme maps to something.
 */

const targetsSchema = z.strictObject({
  cpes2018: z.array(z.string().regex(/^Q\d{1,2}$/, 'CPES question numbers look like "Q17"')),
  fftV6: z.array(z.string().min(1)),
  ko41a: z.array(z.string().min(1)),
});

const themeEntries = Object.fromEntries(THEMES.map((id) => [id, targetsSchema])) as Record<
  ThemeId,
  typeof targetsSchema
>;

export const themeCrosswalkSchema = z
  .strictObject({
    version: z.literal(1),
    sources: z.record(z.string(), z.string()),
    ko41aSubjectAreas: z.array(z.string().min(1)).min(1),
    themes: z.strictObject(themeEntries),
  })
  .superRefine((crosswalk, ctx) => {
    const areas = new Set(crosswalk.ko41aSubjectAreas);
    for (const id of THEMES) {
      const t = crosswalk.themes[id];
      if (t.cpes2018.length + t.fftV6.length + t.ko41a.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['themes', id], message: `theme ${id} maps to nothing` });
      }
      for (const area of t.ko41a) {
        if (!areas.has(area)) {
          ctx.addIssue({ code: 'custom', path: ['themes', id, 'ko41a'], message: `unknown KO41a area "${area}"` });
        }
      }
    }
  });

export type ThemeCrosswalk = z.infer<typeof themeCrosswalkSchema>;

export class ThemeCrosswalkError extends Error {
  readonly code = 'theme_crosswalk_invalid';
  constructor(readonly problems: string[]) {
    super(`theme crosswalk is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'ThemeCrosswalkError';
  }
}

/** Parses and validates the crosswalk JSON text, reporting every problem at once. */
export function parseThemeCrosswalk(text: string): ThemeCrosswalk {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ThemeCrosswalkError([`not JSON (${(error as Error).message})`]);
  }
  const result = themeCrosswalkSchema.safeParse(json);
  if (!result.success) {
    throw new ThemeCrosswalkError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** FFT v6 category → the themes it evidences (the reverse of the crosswalk's fftV6 lists). */
export function themesByFftCategory(crosswalk: ThemeCrosswalk): Map<string, ThemeId[]> {
  const out = new Map<string, ThemeId[]>();
  for (const id of THEMES) {
    for (const category of crosswalk.themes[id].fftV6) out.set(category, [...(out.get(category) ?? []), id]);
  }
  return out;
}
