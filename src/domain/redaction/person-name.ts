import type { Detector, RedactionSpan } from './detector.js';
import { GIVEN_NAMES, isKnownName } from './known-names.js';
import { CALENDAR_WORDS, LOWER_CASE_WORDS, NOT_NAMES, PLACE_WORDS } from './name-words.js';

const RELATIONS =
  'husband|wife|partner|fianc[eé]e?|boyfriend|girlfriend|son|sons|daughter|daughters|step-?son|step-?daughter|' +
  'child|children|kids|mum|mam|mom|mummy|mother|dad|daddy|father|step-?mum|step-?mom|step-?dad|step-?father|' +
  'step-?mother|brother|brothers|sister|sisters|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|' +
  'grandpa|grandfather|grandson|grandsons|granddaughter|granddaughters|grandchildren|aunt|auntie|aunty|uncle|' +
  'niece|nephew|cousin|friend|best\\s+friend|neighbour|carer|twin|twins|hubby|other\\s+half';
/** "husband" → "[Hh]usband": the relation may open a sentence or be written in title case. */
const RELATION_WORDS = RELATIONS.split('|')
  .flatMap((w) => [`[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`, w.toUpperCase().replace(/\\S/g, '\\s')])
  .join('|');
const RELATION_ADJECTIVES =
  '(?:(?:late|dear|lovely|beloved|eldest|youngest|little|baby|elder|older|younger|oldest|twin)\\s+)?';
/** "called"/"named" introduce a name only after a person: "a nurse called Kate", not "a therapy called Schema". */
const PERSON_NOUNS =
  'lady|man|woman|gentleman|gent|guy|girl|boy|chap|lad|lass|bloke|person|someone|somebody|nurse|sister|doctor|' +
  'dr|physio|physiotherapist|therapist|tutor|staff|volunteer|receptionist|consultant|surgeon|registrar|midwife|' +
  'carer|hca|HCA|porter|paramedic|radiographer|oncologist|pharmacist|cleaner|student|worker|assistant|specialist|' +
  'cns|CNS|practitioner|manager|counsellor|chaplain|friend|husband|wife|son|daughter|baby|one';

/** Staff roles that may stand before a name: "the radiographer, Tom Bailey", "our physio Sue". */
const ROLES =
  'radiographer|consultant|surgeon|oncologist|registrar|physio|physiotherapist|hca|HCA|healthcare\\s+assistant|' +
  'porter|receptionist|specialist\\s+nurse|cns|CNS|pharmacist|dietitian|dietician|anaesthetist|phlebotomist|' +
  'paramedic|counsellor|chaplain|volunteer|cleaner|therapist|radiologist|sonographer|midwife|gp|GP|social\\s+worker|' +
  'ward\\s+manager|care\\s+assistant|support\\s+worker|student\\s+nurse|junior\\s+doctor|key\\s+worker';
/** Places on a unit a staff member is named by: "Sarah on ward 5", "Dave from radiotherapy". */
const STAFF_PLACES =
  '[Ww]ard|the\\s+ward|reception|radiotherapy|chemo|the\\s+chemo\\s+unit|the\\s+day\\s+unit|outpatients|the\\s+desk|' +
  'the\\s+front\\s+desk|pharmacy|the\\s+pharmacy|the\\s+breast\\s+unit|the\\s+helpline|the\\s+hotline';
/** Kin written without "my": "grandad arthur", "Dad (Ray)", "Auntie Sue". */
const KIN =
  '[Gg]randad|[Gg]randpa|[Gg]randdad|[Nn]an|[Nn]ana|[Nn]anna|[Gg]ran|[Gg]ranny|[Gg]randma|[Mm]um|[Dd]ad|[Hh]ubby|' +
  '[Aa]untie|[Aa]unty|[Uu]ncle|[Mm]am';

/** Each cue is a named group so the parser knows which gap and which words to allow after it. */
const CUES = new RegExp(
  [
    '(?<title>\\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|MR|MRS|MS|DR|PROF|mr|mrs|ms|dr|prof)\\b\\.?|\\b(?:Miss|Mister|Professor|Doctor|Sir|Dame|[Nn]urse|[Ss]ister|[Mm]atron|NURSE|SISTER|MATRON|DOCTOR|PROFESSOR)\\b)',
    `(?<role>\\b(?:[Tt]he|[Aa]|[Oo]ur|[Mm]y|[Hh]is|[Hh]er|[Ll]ovely)\\s+(?:${ROLES})\\b)`,
    // "my dad Ray" is matched whole by the relation cue, which starts further left.
    `(?<kin>\\b(?:${KIN})\\b)`,
    `(?<relation>\\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|MY|OUR|HIS|HER|THEIR)\\s+${RELATION_ADJECTIVES}(?:${RELATION_WORDS})(?:[- ]in[- ]law)?\\b)`,
    "(?<intro>\\b(?:[Mm]y\\s+name\\s+is|[Mm]y\\s+name['’]s|I['’]m(?:\\s+called)?|I\\s+am(?:\\s+called)?|[Cc]all\\s+me)\\b)",
    '(?<thanks>\\b(?:[Tt]hanks|[Tt]hank\\s+you|[Tt]hankyou)(?:\\s+(?:so\\s+much|very\\s+much))?(?:\\s+to)?\\b)',
    // The literal comes first and the look-behind second, so the costly check runs only on "called"/"named".
    `(?<named>\\b(?:called|named)\\b(?<=\\b(?:${PERSON_NOUNS})(?:\\s+(?:was|is|who\\s+was|I\\s+think))?,?\\s+(?:called|named)))`,
    '(?<signoff>\\b(?:[Ss]igned|SIGNED|(?:[Kk]ind|[Bb]est|[Ww]arm)\\s+[Rr]egards|[Rr]egards|[Bb]est\\s+[Ww]ishes|[Mm]any\\s+[Tt]hanks|[Yy]ours\\s+(?:[Ss]incerely|[Ff]aithfully|[Tt]ruly)|[Ll]ove\\s+from)\\b)',
    // "Cheers, Gaz", "Love,\nJo": a closing word followed by a comma or a line break.
    '(?<closing>\\b(?:[Cc]heers|[Ll]ove|[Ll]ots\\s+of\\s+love|[Tt]hanks\\s+again|[Tt]hank\\s+you\\s+again|[Tt]ake\\s+care|[Aa]ll\\s+the\\s+best|[Bb]est|[Tt]hanks|[Tt]hank\\s+you)(?=[ \\u00a0]*(?:,|\\r?\\n)))',
  ].join('|'),
  'g',
);

type CueKind = 'title' | 'relation' | 'intro' | 'thanks' | 'signoff' | 'role' | 'kin' | 'closing';

/** What may sit between a cue and the name: "Dr Smith", "my wife, Sarah", "Kind regards,\nJo". */
const GAPS: Record<CueKind, RegExp> = {
  title: /[ \u00a0]?,?[ \u00a0]{1,2}/y,
  relation: /[ \u00a0]*\([ \u00a0]*|[ \u00a0]*,?[ \u00a0]+/y,
  intro: /[ \u00a0]*[:,-]?[ \u00a0]+/y,
  thanks: /[ \u00a0]*,?[ \u00a0]+/y,
  signoff: /[ \u00a0]*[:,-]?[ \u00a0]*\r?\n?[ \u00a0]*/y,
  role: /[ \u00a0]*,?[ \u00a0]+/y,
  kin: /[ \u00a0]*\([ \u00a0]*|[ \u00a0]+/y,
  closing: /[ \u00a0]*,?[ \u00a0]*\r?\n?[ \u00a0]*/y,
};

/** "Sarah on ward 5 was amazing": a known given name just before a place on the unit is a staff name. */
const STAFF = new RegExp(`\\b[A-Z][a-z]+(?=[ \\u00a0]+(?:on|in|from|at)[ \\u00a0]+(?:${STAFF_PLACES})\\b)`, 'g');
const STAFF_TEST = new RegExp(`(?:on|in|from|at)[ \\u00a0]+(?:${STAFF_PLACES})\\b`);

function findStaffNames(text: string, spans: RedactionSpan[]): void {
  if (!STAFF_TEST.test(text)) return;
  STAFF.lastIndex = 0;
  for (let m = STAFF.exec(text); m !== null; m = STAFF.exec(text)) {
    const lower = m[0].toLowerCase();
    const start = m.index;
    const end = start + m[0].length;
    // Only a known given name counts ("Christmas on the ward" does not), once.
    if (!GIVEN_NAMES.has(lower) || NOT_NAMES.has(lower)) continue;
    if (!spans.some((s) => s.start < end && start < s.end)) spans.push({ kind: 'person_name', start, end });
  }
}

/** Cues after which a name must be a known given name: the cue alone is too weak a sign. */
const NEEDS_KNOWN_NAME: ReadonlySet<CueKind> = new Set(['role', 'kin', 'closing']);
/** Cues after which a name may be written in lower case ("dr smith", "my hubby steve", "nurse becky"). */
const LOWER_CASE_CUES: ReadonlySet<CueKind> = new Set(['title', 'relation', 'kin', 'role', 'closing']);
/** Lower-case particles inside a surname: "Mr. de Souza", "Dr van der Berg". */
const PARTICLE = /(?:(?:de|da|di|du|van|von|der|den|la|le|del|della|dos|das|al|el|bin|ap)[ \u00a0]+){1,2}(?=[A-Z])/y;
const LOWER_WORD = /[a-z][a-z'’-]*/y;

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

/** A lower-case word that is a name, not a word: "becky", "smith", but never "will" or "rose". */
function isLowerCaseName(word: string): boolean {
  return isKnownName(word) && !NOT_NAMES.has(word) && !LOWER_CASE_WORDS.has(word) && !CALENDAR_WORDS.has(word);
}

/** "dr smith", "my hubby steve", "nurse becky jones": one or two lower-case known names at `pos`. */
function readLowerCaseName(text: string, pos: number): NameRun | null {
  LOWER_WORD.lastIndex = pos;
  const first = LOWER_WORD.exec(text);
  if (!first || !isLowerCaseName(first[0].replace(/['’]s$/, ''))) return null;
  let end = pos + first[0].replace(/['’]s$/, '').length;
  if (text.charCodeAt(end) === 32 && !POSSESSIVE.test(first[0])) {
    LOWER_WORD.lastIndex = end + 1;
    const second = LOWER_WORD.exec(text);
    const bare = second?.[0].replace(/['’]s$/, '');
    if (bare && isLowerCaseName(bare)) end = end + 1 + bare.length;
  }
  return { start: pos, end };
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
  let previous = '';
  while (words < MAX_WORDS) {
    PARTICLE.lastIndex = at;
    const particle = PARTICLE.exec(text);
    WORD.lastIndex = particle ? PARTICLE.lastIndex : at;
    const m = WORD.exec(text);
    if (!m) break;
    let word = m[0];
    const possessive = POSSESSIVE.test(word);
    if (possessive) word = word.slice(0, -2);
    const bare = word.endsWith('.') ? word.slice(0, -1) : word;
    if (PLACE_WORDS.has(bare.toLowerCase())) return null;
    if (CONTRACTION.test(bare)) break;
    const initial = bare.length === 1;
    // "Sarah Hill", "Tom Ward": after a known given name a surname may also be a common word.
    const surnameAfterName = words > 0 && GIVEN_NAMES.has(previous) && isKnownName(bare) && word !== word.toUpperCase();
    if (rejectsWord(bare, cue) && !initial && !surnameAfterName) break;
    // "I" and an undotted "A" are a pronoun and an article, not initials: "I'm A Patient".
    if (initial && (bare === 'I' || (bare === 'A' && !word.endsWith('.')))) break;
    if (words === 0 && NEEDS_KNOWN_NAME.has(cue) && !GIVEN_NAMES.has(bare.toLowerCase())) return null;
    if (!initial) initialsOnly = false;
    const wordStart = m.index;
    // A full stop ends a word only on an initial ("J."); on a full word it ends the sentence.
    end = wordStart + (initial || !word.endsWith('.') ? word.length : bare.length);
    words++;
    previous = bare.toLowerCase();
    const after = wordStart + m[0].length;
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

function cueKind(groups: Record<string, string | undefined>): CueKind {
  if (groups['title']) return 'title';
  if (groups['role']) return 'role';
  if (groups['kin']) return 'kin';
  if (groups['relation']) return 'relation';
  if (groups['intro'] || groups['named']) return 'intro';
  if (groups['thanks']) return 'thanks';
  if (groups['closing']) return 'closing';
  return 'signoff';
}

export function findPersonNames(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  CUES.lastIndex = 0;
  for (let m = CUES.exec(text); m !== null; m = CUES.exec(text)) {
    const groups = m.groups ?? {};
    const cue = cueKind(groups);
    const gap = GAPS[cue];
    gap.lastIndex = m.index + m[0].length;
    const gapText = gap.exec(text);
    if (!gapText) continue;
    // "Dad (Ray)": a bracketed name after kin needs no list to vouch for it.
    const bracketed = gapText[0].includes('(');
    // "MY HUSBAND KEITH": in a shouted cue an all-caps word is a name, as after a title.
    const shouted = cue === 'relation' && m[0] === m[0].toUpperCase();
    // "Nurse, Christy": after a comma the title is a weaker sign ("nurse, OT and physio"), as a role is.
    const comma = cue === 'title' && gapText[0].includes(',');
    let run = readName(text, gap.lastIndex, bracketed ? 'relation' : shouted ? 'title' : comma ? 'role' : cue);
    if (!run && LOWER_CASE_CUES.has(cue)) run = readLowerCaseName(text, gap.lastIndex);
    let names = 0;
    while (run && names < MAX_NAMES_IN_LIST) {
      spans.push({ kind: 'person_name', start: run.start, end: run.end });
      names++;
      CUES.lastIndex = Math.max(CUES.lastIndex, run.end);
      // "my sons Tom and Ben", "thanks to Julie and Mark": plural relations and thanks may list names.
      const listing = cue === 'thanks' || cue === 'signoff' || cue === 'closing';
      if (!listing && (cue !== 'relation' || !PLURAL_RELATION.test(m[0]))) break;
      const list = /,[ \u00a0]*|[ \u00a0]+and[ \u00a0]+|,?[ \u00a0]+&[ \u00a0]+/y;
      list.lastIndex = run.end;
      if (!list.exec(text)) break;
      run = readName(text, list.lastIndex, cue);
    }
  }
  findStaffNames(text, spans);
  return spans.sort((a, b) => a.start - b.start);
}

export const personNameDetector: Detector = {
  kind: 'person_name',
  needsDigit: false,
  // `find` opens with the very scans a first pass would run (the cues, then STAFF_TEST), so a separate
  // test would only read the text up to its first cue twice.
  mayMatch: () => true,
  find: findPersonNames,
};
