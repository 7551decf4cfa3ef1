import type { Random } from './prng.js';

/** The roughness of real posts: typos, lower case, dropped apostrophes, emoji, hashtags. */

export type Polarity = 'positive' | 'negative' | 'mixed';

const EMOJI: Record<Polarity, readonly string[]> = {
  positive: ['🙏', '❤️', '💙', '😊', '👏', '🥰'],
  negative: ['😡', '😞', '😢', '🤬', '💔', '😤'],
  mixed: ['🤷', '😐', '🙄', '💙'],
};
const MOOD_HASHTAGS: Record<Polarity, readonly string[]> = {
  positive: ['#thankyouNHS', '#NHSheroes', '#grateful'],
  negative: ['#NHScrisis', '#notgoodenough', '#patientsafety'],
  mixed: ['#NHS', '#cancerjourney'],
};

/** Makes one typo in one longer word of a template (never inside a {slot}). */
export function addTypo(template: string, random: Random): string {
  const words = [...template.matchAll(/(?<![{\w])[a-z]{5,}(?![\w}])/g)];
  if (words.length === 0) return template;
  const match = random.pick(words);
  const word = match[0];
  const at = random.int(1, word.length - 2);
  let typo: string;
  switch (random.int(0, 2)) {
    case 0:
      typo = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      break;
    case 1:
      typo = word.slice(0, at) + word.slice(at + 1);
      break;
    default:
      typo = word.slice(0, at) + word[at] + word.slice(at);
  }
  return template.slice(0, match.index) + typo + template.slice(match.index + word.length);
}

/** Careless writing: dropped apostrophes, all lower case, shouty endings. Applied before details are planted. */
export function roughen(text: string, polarity: Polarity, random: Random): string {
  let result = text;
  if (random.chance(0.1)) result = result.replace(/[’']/g, '');
  if (random.chance(0.08)) result = result.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  if (random.chance(0.1)) result = result.replace(/\.$/, polarity === 'positive' ? '!!' : '!');
  return result;
}

/** Emoji and hashtags at the end of a post. */
export function decorate(text: string, polarity: Polarity, tags: readonly string[], random: Random): string {
  let result = text;
  if (random.chance(0.25)) result += ` ${random.pick(EMOJI[polarity])}`;
  if (random.chance(0.2)) {
    const chosen = new Set([random.pick(tags), random.pick(MOOD_HASHTAGS[polarity])]);
    if (random.chance(0.5)) chosen.add('#NHS');
    result += ` ${[...chosen].join(' ')}`;
  }
  return result;
}
