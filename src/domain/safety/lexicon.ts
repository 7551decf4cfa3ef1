import type { SafetyKind } from '../model.js';

/**
 * Phrases that signal a patient-safety concern, tuned for recall: a reviewer reads every flag, so a
 * missed concern costs more than a false one. `negatable` phrases name an event ("a fall", "pressure
 * sores") and are dropped after a negation ("no falls"); the others already carry their own negation
 * or omission ("not given my medication") and always count.
 */
export interface SafetyTerm {
  phrase: string;
  kind: SafetyKind;
  /** Dropped when a negation word precedes it in the same clause. @defaultValue false */
  negatable?: boolean;
  /**
   * Counts only with a cue of this kind within CUE_WINDOW tokens: a delay or neglect word for a
   * deterioration sign ("sepsis … waited 4 hours"), an allergy word for "still gave it", a discharge word
   * for "no carers", a finding word for "on the floor".
   */
  needsCue?: SafetyCue;
}

/** Context a term may need beside it; see `SafetyTerm.needsCue` and SAFETY_CUES. */
export type SafetyCue = 'delay' | 'allergy' | 'discharge' | 'floor';

// biome-ignore format: lexicon lists read better packed than one phrase per line
const MEDICINES = ['medication', 'medications', 'medicine', 'medicines', 'meds', 'tablets', 'insulin', 'antibiotics'];
// biome-ignore format: lexicon lists read better packed than one phrase per line
const OMITTED = [
  'not given my', 'never given my', 'wasnt given my', 'werent given my', 'didnt get my', 'never got my',
  'didnt receive my', 'forgot my', 'forgot to give me my', 'no one gave me my', 'nobody gave me my', 'missed my',
];

const cross = (heads: string[], tails: string[]) => heads.flatMap((h) => tails.map((t) => `${h} ${t}`));
const terms = (kind: SafetyKind, phrases: string[], negatable = false): SafetyTerm[] =>
  phrases.map((phrase) => ({ phrase, kind, negatable }));

// biome-ignore format: lexicon lists read better packed than one phrase per line
export const SAFETY_TERMS: SafetyTerm[] = [
  ...terms('medication_error', [
    'wrong dose*', 'wrong dosage', 'wrong medication*', 'wrong medicine*', 'wrong drug*', 'wrong tablets',
    'wrong insulin', 'given the wrong', 'gave me the wrong', 'gave him the wrong', 'gave her the wrong',
    'gave the wrong', 'missed dose*', 'missed my dose*', 'missed doses', 'doses were missed', 'dose was missed',
    'forgot to give', 'given twice', 'double dose*', 'given an overdose', 'overdose of', 'allergy was ignored',
    'allergy ignored', 'ignored my allergy', 'ignored his allergy', 'ignored her allergy', 'despite my allergy',
    'despite being allergic', 'despite his allergy', 'despite her allergy', 'allergic to it',
    'someone elses medication', 'meds were late', 'medication was late', 'medication hours late',
    'morphine hours late',
    ...cross(OMITTED, [...MEDICINES, 'pain relief', 'chemo', 'dose', 'doses', 'injection', 'anticoagulant']),
    ...cross(OMITTED, [
      '{evening,morning,night,nightly,regular,usual,lunchtime} {medication,meds,tablets,dose,insulin}',
    ]),
  ]),
  ...terms('medication_error', ['medication error*', 'drug error*', 'prescribing error*', 'dispensing error*'], true),
  // "never missed a dose" is the opposite of a missed dose: these are negatable.
  ...terms(
    'medication_error',
    [
      'missed dose*', 'missed my dose*', 'doses were missed', 'dose was missed', 'doses missed',
      'missed {a,two,three,four,several,some,many,2,3,4,5,6} dose{s,}', 'missed {his,her,their} dose{s,}',
    ],
    true,
  ),
  ...terms('missed_deterioration', [
    'nobody came', 'no one came', 'noone came', 'nobody responded', 'no one responded', 'nobody answered the buzzer',
    'nobody answered the bell', 'left for hours', 'left alone for hours', 'left him for hours', 'left her for hours',
    'ignored for hours', 'ignored my temperature', 'ignored his temperature', 'ignored her temperature',
    'temperature was ignored', 'temperature ignored', 'temp was ignored', 'not taken seriously',
    'wasnt taken seriously', 'didnt take it seriously', 'sepsis was missed', 'missed the sepsis', 'missed sepsis',
    'not monitored', 'wasnt monitored', 'werent done', 'not checked on', 'never checked on', 'nobody checked on',
    'no one checked on', 'getting worse and', 'deteriorated and nobody', 'deteriorating and nobody',
    'deteriorating for hours', 'deteriorated for hours', 'should have been seen', 'could have been caught',
    'nobody noticed', 'no one noticed', 'went unnoticed', 'despite my temperature', 'despite his temperature',
    'despite her temperature', 'with a temperature of', 'temperature was {38,39,40,41}', 'temp was {38,39,40,41}',
    'temperature of 39', 'temperature of 40', 'hours for antibiotics', 'waited for antibiotics',
    'antibiotics were delayed', 'delay in antibiotics', 'delayed antibiotics', 'call bell was ignored',
    'buzzer was ignored', 'ignored the buzzer', 'ignored the call bell', 'ignored the alarm', 'alarm was ignored',
    'alarm going off',
  ]),
  ...[
    'neutropenic sepsis', 'sepsis', 'septic', 'temperature', 'temp', 'fever', 'deteriorat*', 'getting worse', 'obs',
    'observations', 'struggling to breathe', 'couldnt breathe',
  ].map(
    (phrase): SafetyTerm => ({
      phrase,
      kind: 'missed_deterioration',
      negatable: true,
      needsCue: 'delay',
    }),
  ),
  ...terms(
    'fall',
    [
      'a fall', 'the fall', 'her fall', 'his fall', 'my fall', 'had a fall', 'had falls', 'falls', 'fell over',
      'fell out of bed', 'fell out of', 'fell off', 'fell in the', 'fell on the', 'fell in his', 'fell in her',
      'fell when', 'fell while', 'fell and', 'fell down', 'fell again', 'fall from', 'falling over',
      'found on the floor', 'on the floor for', 'slipped and', 'tripped', 'dropped me', 'dropped him', 'dropped her',
    ],
    true,
  ),
  ...terms(
    'pressure_ulcer',
    [
      'pressure sore*', 'pressure ulcer*', 'bed sore*', 'bedsore*', 'pressure damage', 'grade 3 sore*',
      'grade 4 sore*', 'pressure injur*', 'sores on his', 'sores on her', 'sores on my', 'not turned', 'never turned',
    ],
    true,
  ),
  ...terms(
    'unsafe_discharge',
    [
      'sent home too early', 'sent home too soon', 'sent home early', 'discharged too early', 'discharged too soon',
      'discharged early', 'discharged without', 'discharged {him,her,me,us,them} without', 'sent home without',
      'sent {him,her,me,us,them} home {without,alone}', 'sent {him,her,me,us,them} home too {early,soon}',
      'sent {him,her,me,us,them} home in pain', 'discharged at {midnight,night}', 'discharged at {10,11,12}pm',
      'discharged at {1,2,3,4,5}am', 'discharged {him,her,me} at {10,11,12}pm', 'discharged at night',
      'discharged in the middle of', 'sent home in the middle of', 'readmitted', 're admitted',
      'back in hospital the next day', 'back in the next day', 'back in a and e', 'back in hospital within',
      'unsafe discharge', 'discharged before', 'without a care package', 'no care package', 'sent home in pain',
      'premature discharge', 'discharged prematurely', 'kicked out', 'pushed out', 'rushed out', 'sent home alone',
      'discharged alone', 'discharged with no', 'sent home with no', 'couldnt cope at home', 'wasnt fit to go home',
      'not fit to go home', 'not well enough to go home', 'sent home still', 'discharge was unsafe',
      'discharged unsafely',
    ],
    true,
  ),
  ...terms(
    'safeguarding',
    [
      'abuse', 'abused', 'abusive', 'abusing', 'neglect', 'neglected', 'neglectful', 'neglecting', 'restrain*',
      'held down', 'pinned down', 'assault*', 'hit me', 'hit him', 'hit her', 'slapped', 'safeguarding',
      'felt unsafe', 'feel unsafe', 'unsafe on the ward', 'exploit*', 'stolen', 'stole', 'harass*', 'bullied',
      'bullying', 'threatened', 'touched me inappropriately', 'inappropriate touching', 'inappropriately touched',
      'left in soiled', 'left soiled', 'left in wet', 'left wet', 'left in his own', 'left in her own',
      'left in my own', 'not washed for', 'locked in', 'locked me in', 'grabbed', 'manhandled', 'rough handling',
      'handled roughly', 'humiliated',
    ],
    true,
  ),
  ...terms(
    'self_harm',
    [
      'self harm*', 'selfharm*', 'suicid*', 'kill myself', 'killing myself', 'end my life', 'ending my life',
      'end it all', 'take my own life', 'took my own life', 'took his own life', 'took her own life',
      'take his own life', 'take her own life', 'took an overdose', 'taken an overdose', 'cut myself',
      'cutting myself', 'hurt myself', 'hurting myself', 'want to die', 'wanted to die', 'wanting to die',
      'didnt want to live', 'dont want to live', 'not want to be here', 'dont want to be here', 'ligature',
      'harm myself', 'harming myself',
    ],
    true,
  ),
  ...terms(
    'other_harm',
    [
      'wrong site', 'wrong side', 'wrong leg', 'wrong arm', 'wrong kidney', 'wrong eye', 'wrong breast',
      'wrong patient', 'wrong blood', 'never event', 'infection from', 'caught an infection',
      'picked up an infection', 'hospital acquired', 'mrsa', 'c diff', 'cdiff', 'clostridium', 'left inside',
      'swab left', 'retained swab', 'instrument left', 'botched', 'perforated', 'punctured', 'harmed', 'harm',
      'negligence', 'negligent', 'serious incident', 'avoidable death', 'preventable death', 'burnt me', 'burned me', 'extravasation', 'nerve damage', 'damaged my',
      'caused me harm',
    ],
    true,
  ),
];

/** Words that negate an event named within the next few tokens of the same clause. */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'no', 'not', 'never', 'without', 'nor', 'none', 'zero', 'didnt', 'wasnt', 'werent', 'hasnt', 'havent', 'hadnt',
  'dont', 'doesnt', 'isnt', 'arent', 'cant', 'couldnt', 'wouldnt', 'nothing', 'free', 'avoid', 'avoided', 'prevent',
  'prevented', 'preventing', 'prevention', 'risk', 'worried', 'worry', 'scared', 'afraid', 'check', 'checked',
]);

/** Words after an event that make it a service or a precaution, not an event ("falls risk assessment"). */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const NON_EVENT_FOLLOWERS: ReadonlySet<string> = new Set([
  'risk', 'risks', 'assessment', 'assessments', 'prevention', 'team', 'teams', 'lead', 'nurse', 'nurses', 'service',
  'clinic', 'policy', 'check', 'checks', 'sensor', 'mat', 'alarm', 'precautions', 'training', 'leaflet',
]);

/** Words that end a clause: a negation before them does not reach past them. */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set([
  'but', 'and', 'however', 'although', 'though', 'then', 'so',
]);

/** How many tokens back a negation word may stand. */
export const NEGATION_WINDOW = 4;

/** Words that make a deterioration sign a concern: it was left, ignored or waited on. */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const DELAY_CUES = [
  'wait*', 'delay*', 'late', 'ignor*', 'nobody', 'no one', 'noone', 'left', 'dismiss*', 'missed', 'too long',
  'not seen', 'sent home', 'took ages', 'fobbed off', 'brushed off', 'not taken seriously', 'didnt listen',
  'wouldnt listen', 'refused',
];

/**
 * How many tokens either side of a term its cue may stand: an allergy is stated once, often a sentence
 * away from the dose that ignored it.
 */
export const CUE_WINDOWS: Readonly<Record<SafetyCue, number>> = { delay: 8, allergy: 16, discharge: 8, floor: 6 };
