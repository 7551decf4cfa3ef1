/**
 * Fixed phrases whose sentiment is not the sum of their words: "can't fault" is praise although it holds a
 * negator, "no one called back" is a complaint without a single negative word. Patterns use
 * "(a|b c)" for alternatives and "[x]" for an optional word; they are expanded to token sequences.
 */

export type IdiomKind = 'praise' | 'complaint' | 'test_result';

export interface IdiomPattern {
  /** Stable id, used as a model feature. */
  id: string;
  kind: IdiomKind;
  valence: number;
  patterns: string[];
}

const CANT = "(can't|cannot|could not|couldn't|can not)";
const NO_ONE = "(no one|nobody|noone|never|didn't|did not|hasn't|has not|haven't|have not|not)";

export const IDIOM_PATTERNS: readonly IdiomPattern[] = [
  { id: 'cant_fault', kind: 'praise', valence: 4, patterns: [`${CANT} fault`, `${CANT} [be] faulted`, 'no faults'] },
  {
    id: 'no_complaints',
    kind: 'praise',
    valence: 3,
    patterns: [
      '(no|not any|not one|without any) (complaints|complaint|problems|problem|issues|issue|concerns|qualms)',
      'nothing to complain about',
      '(nothing|no) (negative|bad) to say',
    ],
  },
  {
    id: 'nothing_too_much_trouble',
    kind: 'praise',
    valence: 4,
    patterns: [
      'nothing (was|is|seemed|seems|ever) too much [trouble|bother|effort]',
      'nothing too much [trouble|bother]',
    ],
  },
  {
    id: 'asked_for_better',
    kind: 'praise',
    valence: 4,
    patterns: [`${CANT} (have asked|ask|have wished|wish) for (better|more|a better|anything better|anything more)`],
  },
  { id: 'second_to_none', kind: 'praise', valence: 4, patterns: ['second to none'] },
  {
    id: 'above_and_beyond',
    kind: 'praise',
    valence: 4,
    patterns: ['above and beyond', 'beyond the call of duty', '(the|an) extra mile'],
  },
  {
    id: 'nothing_to_improve',
    kind: 'praise',
    valence: 3,
    patterns: [
      "nothing (to|i would|i'd|we would) (improve|change|add)",
      '(nothing|not a thing) (could|can|should) be (improved|better|changed)',
      `${CANT} think of anything`,
      'nothing i can think of',
      `${CANT} [have] be [been] (better|improved|faulted)`,
      "(would not|wouldn't) change (a thing|anything)",
      'all (good|fine|ok|okay)',
      'keep (up the|doing) (good|great|excellent|what you)',
    ],
  },
  {
    id: 'felt_cared_for',
    kind: 'praise',
    valence: 3,
    patterns: [
      '(put|puts|putting|made|make|makes|making) me (at ease|feel at ease|feel comfortable|feel safe|feel better|feel valued)',
      '(felt|feel) (listened to|cared for|valued|safe|supported|respected|reassured)',
      'took (the|their|his|her) time to',
      'made (a|the) (huge|big|real|massive) difference',
    ],
  },
  {
    id: 'top_marks',
    kind: 'praise',
    valence: 3,
    patterns: ['spot on', 'top notch', '10 10', '(5|five) stars', 'well done'],
  },
  {
    id: 'no_wait',
    kind: 'praise',
    valence: 2,
    patterns: [
      '(no|little|hardly any|minimal) (wait|waiting|delay|delays)',
      "(didn't|did not|never) (have|had) to wait",
      'on time',
    ],
  },
  {
    id: 'still_waiting',
    kind: 'complaint',
    valence: -3,
    patterns: ['still (waiting|chasing|no|not|nothing)', '(left|kept) (waiting|hanging)', 'yet to (hear|receive|be)'],
  },
  {
    id: 'no_call_back',
    kind: 'complaint',
    valence: -3,
    patterns: [
      `${NO_ONE} (called|rang|phoned|got|gets|came|come|call|ring|phone|get|get) [me] back`,
      'never heard [back|anything]',
      '(no|never got a|never received a) (reply|response|call back|callback|answer|follow up)',
    ],
  },
  {
    id: 'had_to_chase',
    kind: 'complaint',
    valence: -3,
    patterns: [
      '(had|have|having) to (chase|keep chasing|keep ringing|keep calling|keep phoning|ring back|call back)',
      'chased',
    ],
  },
  {
    id: 'lost_records',
    kind: 'complaint',
    valence: -3,
    patterns: [
      '(lost|misplaced) (my|the|our|his|her|their) (results|notes|records|referral|letter|samples|bloods|blood|forms|paperwork|prescription|scan|file)',
    ],
  },
  {
    id: 'long_wait',
    kind: 'complaint',
    valence: -2,
    patterns: [
      'waited (for|over|nearly|almost) [over|an|a] (hours|ages|weeks|months|hour|week|month)',
      'waited (hours|ages|weeks|months)',
      '(long|lengthy) (wait|waits|waiting)',
      '(too|so|very) long',
      'took (too long|forever|ages)',
      'waiting (time|times|list|lists)',
      'wait (time|times)',
    ],
  },
  {
    id: 'not_listened',
    kind: 'complaint',
    valence: -3,
    patterns: [
      `${NO_ONE} (listened|listen|listening|listens)`,
      'not listened to',
      "(wasn't|was not|weren't|were not) listened to",
    ],
  },
  {
    id: 'not_told',
    kind: 'complaint',
    valence: -2,
    patterns: [
      "(no one|nobody|never|wasn't|was not|weren't|were not|not) (told|informed|updated|contacted|explained)",
      '(no|poor|lack of|little) (communication|information|follow up|continuity|empathy|compassion|sympathy|support|help)',
    ],
  },
  {
    id: 'let_down',
    kind: 'complaint',
    valence: -3,
    patterns: [
      'fobbed off',
      'let down',
      'pillar to post',
      'waste of time',
      'never again',
      'not good enough',
      'not fit for purpose',
      'thanks for nothing',
      'yeah right',
    ],
  },
  {
    id: 'could_be_better',
    kind: 'complaint',
    valence: -2,
    patterns: [
      '(could|should) (be|do|have been|have done) (better|quicker|sooner|faster|more)',
      '(needs|need) to (be|improve|have|get|listen|change|stop|start)',
      'should have (been|had|done|seen|told|listened)',
      'lack of',
    ],
  },
  {
    id: 'suggest_more',
    kind: 'complaint',
    valence: -1,
    patterns: [
      'more (staff|communication|information|time|parking|doctors|nurses|support|appointments|help|staffing|beds|updates|understanding)',
      '(quicker|faster|shorter|sooner) (response|responses|wait|waits|waiting|times|appointments|arrival|service)',
    ],
  },
  {
    id: 'good_news_result',
    kind: 'test_result',
    valence: 2,
    patterns: [
      'came back (negative|clear|normal|fine|ok|all clear)',
      'all clear',
      '(scan|scans|test|tests|result|results|biopsy|mammogram|bloods|xray|ct|mri|pet|smear) (was|were|is|are|came back|all) (clear|negative|normal|fine)',
      '(negative|clear|normal) (result|results|scan|scans|test|tests|biopsy|mammogram)',
    ],
  },
  {
    id: 'clinical_result',
    kind: 'test_result',
    valence: 0,
    patterns: [
      'tested (positive|negative)',
      '(triple|er|her2|hormone|receptor|brca|brca1|brca2|oestrogen|estrogen|pr|node|nodes|lymph) (positive|negative)',
      '(positive|negative) for',
      'came back positive',
    ],
  },
];
