import type { Detector, RedactionSpan } from './detector.js';
import { CALENDAR_WORDS, NOT_NAMES, PLACE_WORDS } from './name-words.js';

const RELATIONS =
  'husband|wife|partner|fianc[eé]e?|boyfriend|girlfriend|son|sons|daughter|daughters|step-?son|step-?daughter|' +
  'child|children|kids|mum|mam|mom|mummy|mother|dad|daddy|father|step-?mum|step-?mom|step-?dad|step-?father|' +
  'step-?mother|brother|brothers|sister|sisters|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|' +
  'grandpa|grandfather|grandson|grandsons|granddaughter|granddaughters|grandchildren|aunt|auntie|aunty|uncle|' +
  'niece|nephew|cousin|friend|best\\s+friend|neighbour|carer|twin|twins|hubby|other\\s+half';
/** "husband" → "[Hh]usband": the relation may open a sentence or be written in title case. */
const RELATION_WORDS = RELATIONS.split('|')
  .map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
  .join('|');
const RELATION_ADJECTIVES =
  '(?:(?:late|dear|lovely|beloved|eldest|youngest|little|baby|elder|older|younger|oldest|twin)\\s+)?';
/** "called"/"named" introduce a name only after a person: "a nurse called Kate", not "a therapy called Schema". */
const PERSON_NOUNS =
  'lady|man|woman|gentleman|gent|guy|girl|boy|chap|lad|lass|bloke|person|someone|somebody|nurse|sister|doctor|' +
  'dr|physio|physiotherapist|therapist|tutor|staff|volunteer|receptionist|consultant|surgeon|registrar|midwife|' +
  'carer|hca|HCA|porter|paramedic|radiographer|oncologist|pharmacist|cleaner|student|worker|assistant|specialist|' +
  'cns|CNS|practitioner|manager|counsellor|chaplain|friend|husband|wife|son|daughter|baby|one';

/** Each cue is a named group so the parser knows which gap and which words to allow after it. */
const CUES = new RegExp(
  [
    '(?<title>\\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\\b\\.?|\\b(?:Miss|Mister|Professor|Doctor|Sir|Dame|[Nn]urse|[Ss]ister|[Mm]atron)\\b)',
    `(?<relation>\\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)\\s+${RELATION_ADJECTIVES}(?:${RELATION_WORDS})(?:[- ]in[- ]law)?\\b)`,
    "(?<intro>\\b(?:[Mm]y\\s+name\\s+is|[Mm]y\\s+name['’]s|I['’]m(?:\\s+called)?|I\\s+am(?:\\s+called)?|[Cc]all\\s+me)\\b)",
    '(?<thanks>\\b(?:[Tt]hanks|[Tt]hank\\s+you|[Tt]hankyou)(?:\\s+(?:so\\s+much|very\\s+much))?(?:\\s+to)?\\b)',
    // The literal comes first and the look-behind second, so the costly check runs only on "called"/"named".
    `(?<named>\\b(?:called|named)\\b(?<=\\b(?:${PERSON_NOUNS})(?:\\s+(?:was|is|who\\s+was|I\\s+think))?,?\\s+(?:called|named)))`,
    '(?<signoff>\\b(?:[Ss]igned|SIGNED|(?:[Kk]ind|[Bb]est|[Ww]arm)\\s+[Rr]egards|[Rr]egards|[Bb]est\\s+[Ww]ishes|[Mm]any\\s+[Tt]hanks|[Yy]ours\\s+(?:[Ss]incerely|[Ff]aithfully|[Tt]ruly)|[Ll]ove\\s+from)\\b)',
  ].join('|'),
  'g',
);
const CUE_TEST = new RegExp(CUES.source);

type CueKind = 'title' | 'relation' | 'intro' | 'thanks' | 'signoff';

/** What may sit between a cue and the name: "Dr Smith", "my wife, Sarah", "Kind regards,\nJo". */
const GAPS: Record<CueKind, RegExp> = {
  title: /[ \u00a0]{1,2}/y,
  relation: /[ \u00a0]*\([ \u00a0]*|[ \u00a0]*,?[ \u00a0]+/y,
  intro: /[ \u00a0]*[:,-]?[ \u00a0]+/y,
  thanks: /[ \u00a0]*,?[ \u00a0]+/y,
  signoff: /[ \u00a0]*[:,-]?[ \u00a0]*\r?\n?[ \u00a0]*/y,
};

const UPPER = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE';
const LETTER = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF';
/** A capitalised word (O'Brien, Smith-Jones, Zoë) or an initial ("J", "J."). */
const WORD = new RegExp(`[${UPPER}][${LETTER}]*(?:['’-][${LETTER}]+)*\\.?`, 'y');
const POSSESSIVE = /['’]s$/;
/** "I've", "We'll": a contraction is never a name. */
const CONTRACTION = /['’](?:ve|m|ll|re|d|t)$/i;
const PLURAL_RELATION =
  /(?:sons|daughters|children|kids|brothers|sisters|grandsons|granddaughters|grandchildren|twins)\b/i;
/** Up to three words per name: "Sarah", "Sarah Jones", "Mary Ann Jones". */
const MAX_WORDS = 3;
/** Names read from one list after a plural relation or a thanks: "thanks to Julie, Mark and Amy". */
const MAX_NAMES_IN_LIST = 4;

interface NameRun {
  start: number;
  end: number;
}

/** A word that cannot be part of a name: common words, months and days, roles, acronyms outside titles. */
function rejectsWord(word: string, cue: CueKind): boolean {
  const lower = word.toLowerCase();
  if (NOT_NAMES.has(lower) || CALENDAR_WORDS.has(lower)) return true;
  const isAcronym = word.length > 1 && word === word.toUpperCase() && !word.endsWith('.');
  return isAcronym && cue !== 'title';
}

/**
 * Reads one name of 1–3 capitalised words at `pos`. Returns null when there is none, or when the run
 * turns out to be a place ("Dr Foster Unit", "Sister Ward"): then nothing after the cue is a name.
 */
function readName(text: string, pos: number, cue: CueKind): NameRun | null {
  let end = -1;
  let words = 0;
  let initialsOnly = true;
  let at = pos;
  while (words < MAX_WORDS) {
    WORD.lastIndex = at;
    const m = WORD.exec(text);
    if (!m) break;
    let word = m[0];
    const possessive = POSSESSIVE.test(word);
    if (possessive) word = word.slice(0, -2);
    const bare = word.endsWith('.') ? word.slice(0, -1) : word;
    if (PLACE_WORDS.has(bare.toLowerCase())) return null;
    if (CONTRACTION.test(bare)) break;
    const initial = bare.length === 1;
    if (rejectsWord(bare, cue) && !initial) break;
    // "I" and an undotted "A" are a pronoun and an article, not initials: "I'm A Patient".
    if (initial && (bare === 'I' || (bare === 'A' && !word.endsWith('.')))) break;
    if (!initial) initialsOnly = false;
    // A full stop ends a word only on an initial ("J."); on a full word it ends the sentence.
    end = at + (initial || !word.endsWith('.') ? word.length : bare.length);
    words++;
    const after = at + m[0].length;
    if (possessive || (!initial && word.endsWith('.'))) break;
    const next = text.charCodeAt(after);
    if (next !== 32 && next !== 0xa0) break;
    at = after + 1;
  }
  if (words === 0 || initialsOnly) return null;
  // "Dr Foster Unit", "Dr Gray's Hospital": the word after the run names a place, so it was never a person.
  const afterRun = POSSESSIVE.test(text.slice(end, end + 2)) ? end + 2 : end;
  WORD.lastIndex = afterRun + 1;
  const following = text.charCodeAt(afterRun) === 32 ? WORD.exec(text) : null;
  if (following && PLACE_WORDS.has(following[0].replace(/\.$/, '').toLowerCase())) return null;
  return { start: pos, end };
}

export function findPersonNames(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  CUES.lastIndex = 0;
  for (let m = CUES.exec(text); m !== null; m = CUES.exec(text)) {
    const groups = m.groups ?? {};
    const cue: CueKind = groups['title']
      ? 'title'
      : groups['relation']
        ? 'relation'
        : groups['intro'] || groups['named']
          ? 'intro'
          : groups['thanks']
            ? 'thanks'
            : 'signoff';
    const gap = GAPS[cue];
    gap.lastIndex = m.index + m[0].length;
    if (!gap.exec(text)) continue;
    let run = readName(text, gap.lastIndex, cue);
    let names = 0;
    while (run && names < MAX_NAMES_IN_LIST) {
      spans.push({ kind: 'person_name', start: run.start, end: run.end });
      names++;
      CUES.lastIndex = Math.max(CUES.lastIndex, run.end);
      // "my sons Tom and Ben", "thanks to Julie and Mark": plural relations and thanks may list names.
      if (cue !== 'thanks' && (cue !== 'relation' || !PLURAL_RELATION.test(m[0]))) break;
      const list = /,[ \u00a0]*|[ \u00a0]+and[ \u00a0]+|,?[ \u00a0]+&[ \u00a0]+/y;
      list.lastIndex = run.end;
      if (!list.exec(text)) break;
      run = readName(text, list.lastIndex, cue);
    }
  }
  return spans;
}

export const personNameDetector: Detector = {
  kind: 'person_name',
  needsDigit: false,
  mayMatch: (text) => CUE_TEST.test(text),
  find: findPersonNames,
};
