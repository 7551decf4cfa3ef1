import { COMMON_TUMOUR_GROUPS, type ThemeId, TUMOUR_GROUPS } from '../../../src/domain/model.js';
import type { TriangulatedCell, TumourGroupSummary } from '../../../src/storage/triangulation-types.js';

/**
 * Synthetic triangulated survey figures for the seeded trusts: sarcoma is hidden (estimated) at every
 * trust, every other group published; numbers are made up but keep lower ≤ estimate ≤ upper.
 */

export const SURVEY_TRUSTS = ['RAX', 'RBV', 'RPY'];
const THEMES: (ThemeId | 'all')[] = ['all', 'waiting_times', 'cns_access', 'staff_attitude_dignity'];

export function syntheticSurvey(): { cells: TriangulatedCell[]; summary: TumourGroupSummary[] } {
  const cells: TriangulatedCell[] = [];
  for (const [t, odsCode] of SURVEY_TRUSTS.entries()) {
    for (const [g, tumourGroup] of TUMOUR_GROUPS.entries()) {
      const hidden = tumourGroup === 'sarcoma';
      for (const [h, theme] of THEMES.entries()) {
        const estimate = 70 + ((t * 7 + g * 3 + h * 5) % 20);
        const half = hidden ? 9 : 4;
        cells.push({
          odsCode,
          trustName: `Synthetic trust ${odsCode}`,
          tumourGroup,
          theme,
          estimate,
          lower: estimate - half,
          upper: estimate + half,
          observed: !hidden,
          respondents: hidden ? null : 40 + g,
          sources: hidden ? ['cpes', 'comments'] : ['cpes'],
          year: 2024,
        });
      }
    }
  }
  const summary = TUMOUR_GROUPS.map((tumourGroup, g) => {
    const hidden =
      tumourGroup === 'sarcoma' ? SURVEY_TRUSTS.length : COMMON_TUMOUR_GROUPS.includes(tumourGroup) ? 0 : 1;
    return {
      tumourGroup,
      trustsPublished: SURVEY_TRUSTS.length - hidden,
      trustsSuppressed: hidden,
      nationalEstimate: 75 + (g % 10),
      nationalLower: 72 + (g % 10),
      nationalUpper: 78 + (g % 10),
      year: 2024,
    };
  });
  return { cells, summary };
}
