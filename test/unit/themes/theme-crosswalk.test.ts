import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { packageRoot, sharedDataDir } from '../../../src/config/paths.js';
import { THEMES } from '../../../src/domain/model.js';
import { parseThemeCrosswalk, ThemeCrosswalkError, themesByFftCategory } from '../../../src/domain/themes/crosswalk.js';
import { loadThemeCrosswalk, THEME_CROSSWALK_FILE } from '../../../src/reference/theme-crosswalk.js';

const crosswalk = loadThemeCrosswalk();
const cpesQuestions = new Set(
  (
    parse(readFileSync(join(sharedDataDir(), 'cpes-2018-questions.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[]
  ).map((r) => r['Question.Number']),
);
// Only the header of the FFT file is read: its 50 theme column names are the framework categories.
const fftHeader = (
  parse(readFileSync(join(sharedDataDir(), 'fft-comments-labelled.csv'), 'utf8'), { to_line: 1 }) as string[][]
)[0]!;
const fftCategories = new Set(fftHeader.slice(fftHeader.indexOf('Comment sentiment') + 1));

describe('theme crosswalk', () => {
  it('reads the 50 FFT framework categories from the real header', () => {
    expect(fftCategories.size).toBe(50);
  });

  it.each([...THEMES])('%s is mapped to something', (id) => {
    const t = crosswalk.themes[id];
    expect(t.cpes2018.length + t.fftV6.length + t.ko41a.length).toBeGreaterThan(0);
  });

  it.each([...THEMES])('%s names only real CPES 2018 questions and FFT columns', (id) => {
    for (const q of crosswalk.themes[id].cpes2018) expect(cpesQuestions, q).toContain(q);
    for (const c of crosswalk.themes[id].fftV6) expect(fftCategories, c).toContain(c);
  });

  it('maps FFT categories back to themes', () => {
    expect(themesByFftCategory(crosswalk).get('Timeliness of care')).toEqual(['waiting_times']);
  });

  const shipped = () => JSON.parse(readFileSync(join(packageRoot(), THEME_CROSSWALK_FILE), 'utf8'));
  const problemsOf = (json: unknown): string => {
    try {
      parseThemeCrosswalk(JSON.stringify(json));
    } catch (error) {
      expect(error).toBeInstanceOf(ThemeCrosswalkError);
      return (error as ThemeCrosswalkError).problems.join('\n');
    }
    throw new Error('the crosswalk should have been rejected');
  };

  it('rejects a crosswalk missing a theme or with a malformed question number, naming each', () => {
    const json = shipped();
    delete json.themes.cns_access;
    json.themes.gp_referral.cpes2018 = ['17'];
    const text = problemsOf(json);
    expect(text).toMatch(/themes\.cns_access/);
    expect(text).toMatch(/CPES question numbers look like "Q17"/);
  });

  it('rejects an unknown KO41a area and a theme mapped to nothing', () => {
    const json = shipped();
    json.themes.waiting_times.ko41a = ['Queues'];
    json.themes.end_of_life_care = { cpes2018: [], fftV6: [], ko41a: [] };
    const text = problemsOf(json);
    expect(text).toMatch(/unknown KO41a area "Queues"/);
    expect(text).toMatch(/theme end_of_life_care maps to nothing/);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseThemeCrosswalk('{')).toThrow(/not JSON/);
  });
});
