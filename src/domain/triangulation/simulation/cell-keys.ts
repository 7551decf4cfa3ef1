import type { ThemeId, TumourGroupId } from '../../model.js';

// The cell key is shared with the live estimator's outside sources; the latent key is the simulation's own.
export { cellKey } from '../cell-key.js';

/** Key of one trust × tumour group × theme, where the latent experience lives. */
export const latentKey = (odsCode: string, group: TumourGroupId, theme: ThemeId): string =>
  `${odsCode}|${group}|${theme}`;
