import type { TumourGroupId } from '../model.js';

/** Key of one trust × tumour group × survey question cell. */
export const cellKey = (odsCode: string, group: TumourGroupId, question: number): string =>
  `${odsCode}|${group}|${question}`;
