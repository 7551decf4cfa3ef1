import type { Polarity } from './noise.js';

/**
 * How a post opens and closes. Openers always name the cancer (so every comment carries its tumour
 * group); `{rel}` is the relative the post is about, `{trust}` the trust's everyday name.
 */

export interface Relative {
  word: string;
  pronoun: 'she' | 'he';
}

export const RELATIVES: readonly Relative[] = [
  { word: 'mum', pronoun: 'she' },
  { word: 'dad', pronoun: 'he' },
  { word: 'husband', pronoun: 'he' },
  { word: 'wife', pronoun: 'she' },
  { word: 'partner', pronoun: 'she' },
  { word: 'partner', pronoun: 'he' },
  { word: 'son', pronoun: 'he' },
  { word: 'daughter', pronoun: 'she' },
  { word: 'sister', pronoun: 'she' },
  { word: 'brother', pronoun: 'he' },
  { word: 'nan', pronoun: 'she' },
  { word: 'grandad', pronoun: 'he' },
];

export const WHEN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'the spring',
  'the summer',
  'the autumn',
  'the new year',
];

export const OPENERS = {
  self: {
    withTrust: [
      'Diagnosed with {cancer} in {when} and treated at {trust}.',
      'I was treated for {cancer} at {trust} last year.',
      'Just finished {treatment} at {trust} for {cancer}.',
      'Two years on from my {cancer} diagnosis, all my care was at {trust}.',
      'Writing this after {n} months of {treatment} for {cancer} at {trust}.',
      'Currently having {treatment} for {cancer} at {trust}.',
      'My experience of {trust} with {cancer}, for what it’s worth.',
    ],
    withoutTrust: [
      'Diagnosed with {cancer} in {when}.',
      'I have {cancer} and have been having {treatment}.',
      'Treated for {cancer} over the last year.',
      'Some thoughts after a year of {cancer}.',
    ],
  },
  relative: {
    withTrust: [
      'My {rel} was diagnosed with {cancer} in {when} and is being treated at {trust}.',
      'My {rel} has {cancer} and has been under {trust} since {when}.',
      'Posting for my {rel}, who had {treatment} for {cancer} at {trust}.',
      'Our {rel} was treated for {cancer} at {trust}.',
    ],
    withoutTrust: ['My {rel} was diagnosed with {cancer} in {when}.', 'Posting for my {rel}, who has {cancer}.'],
  },
  endOfLife: {
    withTrust: [
      'My {rel} died of {cancer} in {when}, after being cared for at {trust}.',
      'We lost my {rel} to {cancer} this year; {I} spent the last weeks at {trust}.',
    ],
    withoutTrust: ['My {rel} died of {cancer} in {when}.', 'We lost my {rel} to {cancer} this year.'],
  },
} as const;

export const CLOSERS: Readonly<Record<Polarity, readonly string[]>> = {
  positive: [
    'Thank you so much to everyone.',
    'Cannot thank them enough.',
    'Forever grateful.',
    'Could not fault a single thing.',
    'Proud of our NHS.',
    'Thank you all.',
    'Honestly can’t fault them.',
  ],
  negative: [
    'Not good enough.',
    'Someone needs to sort this out.',
    'We have made a formal complaint.',
    'Patients deserve better.',
    'Really let down.',
    'Shocking.',
    'Something has to change.',
  ],
  mixed: [
    'Mixed experience really.',
    'Some amazing people working in a broken system.',
    'Good and bad, like most of the NHS right now.',
    'The staff are great, the system isn’t.',
    'Hope this helps someone.',
  ],
};

/** Terse, tweet-like frames: `{a}` and `{b}` are short theme fragments. */
export const TERSE_FRAMES = {
  withTrust: ['{trust}: {a}, {b}.', 'Treated at {trust} for {cancer}: {a}, {b}.', '{a} at {trust}, {b}.'],
  withoutTrust: ['Treated for {cancer}. {a}, {b}.', '{a}, {b}. Having {cancer} is hard enough.'],
};

/** Starts for the second half of a mixed post. */
export const TURNS = ['But', 'However,', 'On the other hand', 'Sadly', 'That said,', 'Then again'];

export const DOCTOR_VERDICTS: Readonly<Record<'positive' | 'negative', readonly string[]>> = {
  positive: ['was fantastic.', 'explained everything so well.', 'is a credit to the NHS.'],
  negative: ['never once looked me in the eye.', 'was dismissive from the start.', 'could not have cared less.'],
};

export const COMPANION_SENTENCES = [
  'came to every appointment.',
  'has been my rock through all of it.',
  'had to give up work to look after me.',
];
