import type { ThemeId, TumourGroupId } from '../../model.js';

/** Key of one trust × tumour group × survey question cell. */
export const cellKey = (odsCode: string, group: TumourGroupId, question: number): string =>
  `${odsCode}|${group}|${question}`;

/** Key of one trust × tumour group × theme, where the latent experience lives. */
export const latentKey = (odsCode: string, group: TumourGroupId, theme: ThemeId): string =>
  `${odsCode}|${group}|${theme}`;
