import { THEMES, type ThemeId, type TumourGroupId } from '../../domain/model.js';
import type { NormalisedItem } from '../connector.js';
import { addTypo, decorate, type Polarity, roughen } from './noise.js';
import { DOCTOR_SURNAMES, FEMALE_NAMES, MALE_NAMES, type PlantedDetail, plantDetail } from './personal-details.js';
import { Random } from './prng.js';
import { everydayName, type SampleTrust } from './reference-trusts.js';
import {
  CLOSERS,
  COMPANION_SENTENCES,
  DOCTOR_VERDICTS,
  OPENERS,
  RELATIVES,
  type Relative,
  TERSE_FRAMES,
  TURNS,
  WHEN,
} from './story-frames.js';
import { THEME_PHRASES } from './theme-phrases.js';
import { TUMOUR_GROUP_WEIGHTS, TUMOUR_VOCABULARY } from './tumour-vocabulary.js';

/** What a sample comment was generated to say: the answer key for tests and evaluations. */
export interface SampleTruth {
  externalId: string;
  tumourGroup: TumourGroupId;
  /** The theme the comment is mainly about. */
  theme: ThemeId;
  polarity: Polarity;
  /** Every theme written about, with the sentiment it was written with (two for a mixed comment). */
  themes: { id: ThemeId; sentiment: 'positive' | 'negative' }[];
  /** The trust the comment is about, and the name it is called in the text before roughening (casing,
   *  apostrophes) was applied; null when the text does not name it. */
  trust: { code: string; mentionedAs: string | null };
  /** The ODS code the source itself supplies, on a share of items. */
  sourceOdsCode: string | null;
  personalDetails: PlantedDetail[];
  style: 'story' | 'terse';
  perspective: 'self' | 'relative';
}

export interface SampleWorld {
  trusts: readonly SampleTrust[];
  /** Comments are dated over the 18 months before this instant. */
  referenceDate: Date;
}

const EIGHTEEN_MONTHS_MS = 548 * 24 * 60 * 60 * 1000;
const POLARITY_WEIGHTS: Record<Polarity, number> = { positive: 4, negative: 4, mixed: 2 };
const DETAIL_KINDS = ['phone', 'email', 'nhs_number', 'postcode', 'relative_name', 'doctor_name'] as const;

type Slots = Record<string, string>;

function fill(template: string, slots: Slots): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole);
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

/** Lower-cases a sentence's first letter for joining, unless it starts an acronym (GP, CNS). */
function continueWith(sentence: string): string {
  return /^[A-Z][a-z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}

/** A trust by weight, among those that treat the tumour group. */
function pickTrust(random: Random, all: readonly SampleTrust[], group: TumourGroupId): SampleTrust {
  const trusts = all.filter((trust) => !trust.tumourGroups || trust.tumourGroups.includes(group));
  if (trusts.length === 0) throw new Error(`sample source: no trust treats ${group}`);
  const total = trusts.reduce((sum, trust) => sum + trust.weight, 0);
  let target = random.float() * total;
  for (const trust of trusts) {
    target -= trust.weight;
    if (target < 0) return trust;
  }
  return trusts.at(-1)!;
}

function pickTwo<T>(random: Random, choices: readonly T[]): [T, T] {
  const first = random.pick(choices);
  const rest = choices.filter((choice) => choice !== first);
  return [first, rest.length > 0 ? random.pick(rest) : first];
}

/** Generates sample comment `index` of the sample seeded with `seed`. Pure: same inputs, same comment. */
export function composeSampleComment(
  seed: number,
  index: number,
  world: SampleWorld,
): { item: NormalisedItem; truth: SampleTruth } {
  const random = Random.forItem(seed, index);
  const tumourGroup = random.weighted(TUMOUR_GROUP_WEIGHTS);
  const words = TUMOUR_VOCABULARY[tumourGroup];
  const theme = random.pick(THEMES);
  const polarity = random.weighted(POLARITY_WEIGHTS);
  const second = polarity === 'mixed' ? random.pick(THEMES.filter((t) => t !== theme)) : undefined;
  const themeFirstPositive = random.chance(0.5);
  const themes: SampleTruth['themes'] =
    polarity === 'mixed'
      ? [
          { id: theme, sentiment: themeFirstPositive ? 'positive' : 'negative' },
          { id: second!, sentiment: themeFirstPositive ? 'negative' : 'positive' },
        ]
      : [{ id: theme, sentiment: polarity }];

  const endOfLife = themes.some((t) => t.id === 'end_of_life_care');
  const perspective = endOfLife || random.chance(0.3) ? 'relative' : 'self';
  const relative: Relative = random.pick(RELATIVES);
  const trust = pickTrust(random, world.trusts, tumourGroup);
  const trustName = random.chance(0.1) ? everydayName(trust.name) : random.pick(trust.shortNames);
  const mentioned = random.chance(0.85);
  const terse = !endOfLife && random.chance(0.2);
  const slots: Slots = {
    I: perspective === 'self' ? 'I' : relative.pronoun,
    me: perspective === 'self' ? 'me' : relative.pronoun === 'she' ? 'her' : 'him',
    my: perspective === 'self' ? 'my' : relative.pronoun === 'she' ? 'her' : 'his',
    carer: perspective === 'self' ? `my ${random.pick(RELATIVES).word}` : 'the family',
    rel: relative.word,
    cancer: random.pick(words.cancers),
    treatment: random.pick(words.treatments),
    surgery: random.pick(words.surgeries),
    test: random.pick(words.tests),
    nurse: random.pick(words.nurses),
    misread: random.pick(words.misreads),
    n: String(random.int(2, 12)),
    hours: String(random.int(2, 5)),
    when: random.pick(WHEN),
    trust: trustName,
  };

  // Details are drawn before the text so the relative's name can go into the opener.
  const detailKind = random.chance(0.15) ? random.pick(DETAIL_KINDS) : null;
  const personalDetails: PlantedDetail[] = [];
  let detailSentence: string | null = null;
  if (detailKind === 'relative_name') {
    const name = random.pick(relative.pronoun === 'she' ? FEMALE_NAMES : MALE_NAMES);
    personalDetails.push({ kind: 'person_name', value: name });
    if (perspective === 'relative' && !terse) slots['rel'] = `${relative.word} ${name}`;
    else detailSentence = `My ${relative.word} ${name} ${random.pick(COMPANION_SENTENCES)}`;
  } else if (detailKind === 'doctor_name') {
    const name = `Dr ${random.pick(DOCTOR_SURNAMES)}`;
    const verdict = themes[random.int(0, themes.length - 1)]!.sentiment;
    personalDetails.push({ kind: 'person_name', value: name });
    detailSentence = `${name} ${random.pick(DOCTOR_VERDICTS[verdict])}`;
  } else if (detailKind !== null) {
    const planted = plantDetail(random, detailKind, trustName);
    personalDetails.push(planted.detail);
    detailSentence = planted.sentence;
  }

  const typo = random.chance(0.15);
  const phrase = (id: ThemeId, sentiment: 'positive' | 'negative', short: boolean): [string, string] => {
    const bank = THEME_PHRASES[id];
    const choices = short
      ? sentiment === 'positive'
        ? bank.positiveShort
        : bank.negativeShort
      : sentiment === 'positive'
        ? bank.positive
        : bank.negative;
    return pickTwo(random, choices);
  };

  let body: string;
  if (terse) {
    const [a, b] =
      polarity === 'mixed'
        ? [phrase(themes[0]!.id, themes[0]!.sentiment, true)[0], phrase(themes[1]!.id, themes[1]!.sentiment, true)[0]]
        : phrase(theme, polarity, true);
    const frame = random.pick(mentioned ? TERSE_FRAMES.withTrust : TERSE_FRAMES.withoutTrust);
    const first = frame.startsWith('{a}') ? fill(a, slots) : continueWith(fill(a, slots));
    body = fill(frame, { ...slots, a: first, b: continueWith(fill(b, slots)) });
  } else {
    const openers = OPENERS[endOfLife ? 'endOfLife' : perspective];
    const sentences = [fill(random.pick(mentioned ? openers.withTrust : openers.withoutTrust), slots)];
    if (polarity === 'mixed') {
      sentences.push(fill(phrase(themes[0]!.id, themes[0]!.sentiment, false)[0], slots));
      const turn = random.pick(TURNS);
      sentences.push(`${turn} ${continueWith(fill(phrase(themes[1]!.id, themes[1]!.sentiment, false)[0], slots))}`);
    } else {
      const [first, next] = phrase(theme, polarity, false);
      sentences.push(fill(typo ? addTypo(first, random) : first, slots));
      if (random.chance(0.4)) sentences.push(fill(next, slots));
    }
    sentences.push(random.pick(CLOSERS[polarity]));
    body = sentences.join(random.chance(0.1) ? '\n\n' : ' ');
  }

  let text = roughen(body, polarity, random);
  if (detailSentence) text = random.chance(0.3) ? `${detailSentence} ${text}` : `${text} ${detailSentence}`;
  text = decorate(text, polarity, words.hashtags, random);
  // A name in the opener may have been lower-cased with the rest: record it as it reads.
  for (const detail of personalDetails) {
    const at = text.toLowerCase().indexOf(detail.value.toLowerCase());
    if (at >= 0) detail.value = text.slice(at, at + detail.value.length);
  }

  const postedAt = new Date(world.referenceDate.getTime() - Math.floor(random.float() * EIGHTEEN_MONTHS_MS));
  postedAt.setUTCMilliseconds(0);
  const sourceOdsCode = random.chance(0.3) ? trust.code : null;
  const externalId = `sample-${seed}-${index}`;
  const item: NormalisedItem = {
    externalId,
    text,
    postedAt: postedAt.toISOString(),
    url: `https://sample.carevoice.invalid/${seed}/${index}`,
    authorHandle: `sample-author-${random.int(1, 500)}`,
    odsCode: sourceOdsCode ?? undefined,
  };
  const truth: SampleTruth = {
    externalId,
    tumourGroup,
    theme,
    polarity,
    themes,
    trust: { code: trust.code, mentionedAs: mentioned ? trustName : null },
    sourceOdsCode,
    personalDetails,
    style: terse ? 'terse' : 'story',
    perspective,
  };
  return { item, truth };
}
