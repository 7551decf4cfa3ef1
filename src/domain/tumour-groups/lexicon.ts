import type { TumourGroupId } from '../model.js';

/**
 * Names, synonyms and abbreviations of cancers, by CPES tumour group. Phrase syntax is the shared
 * phrase matcher's (`{a,b}` alternatives, trailing `*` prefix). Group placement follows the CPES
 * tumour-group definitions (ICD-10 based), not anatomy alone.
 */

export interface TumourTerm {
  phrase: string;
  group: TumourGroupId;
  subtype?: string;
  /** Upper-case abbreviation matched only as written (ALL, NET). @defaultValue false */
  caseSensitive?: boolean;
  /**
   * The term names an organ, not a cancer: it counts only with a cancer word (cancer, tumour,
   * carcinoma…) within CUE_WINDOW tokens (`near`) or anywhere in the comment (`anywhere`, for PSA).
   */
  cue?: 'near' | 'anywhere';
  /** An abbreviation that is also an English word ("ALL", "NET"): ignored inside all-caps runs. */
  commonWord?: boolean;
  /**
   * A care setting or team rather than a cancer ("teenage cancer unit", "the colorectal surgeons"): it
   * counts only when nothing more specific is named. @defaultValue false
   */
  fallback?: boolean;
}

/** Tokens either side of an organ word within which a cancer word must appear. */
export const CUE_WINDOW = 4;

export const CANCER_CUES = ['cancer*', 'tumour*', 'tumor*', 'carcinoma*', 'malignan*', 'adenocarcinoma*'];

/** "ca" for cancer, counted only right beside an organ word: "prostate ca", "Ca prostate". */
export const SHORT_CANCER_CUES = ['ca'];

/** "a second primary in the stomach", "a separate lung primary": a primary names its organ's group. */
export const PRIMARY_CUES = ['primary', 'primaries'];

/** Words after "primary" that make it something else ("primary care", "primary school"). */
export const NOT_PRIMARY_FOLLOWERS: ReadonlySet<string> = new Set(['care', 'school', 'schools', 'teacher', 'health']);

/** Negations just before a cancer word: "enlarged prostate, not cancer", "no sign of cancer in the bowel". */
export const CUE_NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'wasnt', 'isnt', 'werent', 'never', 'without']);
/** Tokens before a cancer word that a negation may stand. */
export const CUE_NEGATION_WINDOW = 3;

/**
 * Phrases that hold a cancer or organ word but name no tumour group: any term overlapping one is
 * dropped ("Teenage Cancer Trust", "head and neck pain", "bowel screening kit").
 */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const NOT_TUMOUR_PHRASES = [
  'teenage cancer trust', 'head and neck {pain,ache,aches,injury,injuries,support,massage,strain,stiffness,brace}',
  'bowel screening {kit,kits,test,tests,programme,letter,pack}', 'breast screening {van,unit,letter,invite}',
  'breast milk', 'breast feeding', 'breast pump', 'skin tag*', 'mole hill',
];

/** Words before an organ that make it a metastatic site, not the primary cancer ("spread to my liver"). */
export const SECONDARY_SITE_CUES = ['spread', 'spreading', 'spreads', 'metastas*', 'metastatic', 'secondar*', 'mets'];

const organ = (group: TumourGroupId, words: string[], subtype?: string): TumourTerm[] =>
  words.map((phrase) => ({ phrase, group, cue: 'near' as const, ...(subtype ? { subtype } : {}) }));

const named = (group: TumourGroupId, words: string[], subtype?: string): TumourTerm[] =>
  words.map((phrase) => ({ phrase, group, ...(subtype ? { subtype } : {}) }));

const abbreviations = (group: TumourGroupId, words: string[], subtype?: string): TumourTerm[] =>
  words.map((phrase) => ({ phrase, group, caseSensitive: true, ...(subtype ? { subtype } : {}) }));

export const TUMOUR_TERMS: TumourTerm[] = [
  ...named('brain_cns', ['brain tumour*', 'brain tumor*', 'brain cancer', 'glioma*', 'astrocytoma*']),
  ...named('brain_cns', ['oligodendroglioma*', 'ependymoma*', 'medulloblastoma*', 'spinal cord tumour*']),
  ...named('brain_cns', ['vestibular schwannoma*', 'acoustic neuroma*', 'schwannoma*', 'craniopharyngioma*']),
  ...named('brain_cns', ['pituitary tumour*', 'pituitary tumor*', 'pituitary adenoma*', 'dipg']),
  ...named('brain_cns', ['glioblastoma*', 'glioblastoma multiforme'], 'glioblastoma'),
  ...named('brain_cns', ['meningioma*'], 'meningioma'),
  ...abbreviations('brain_cns', ['GBM'], 'glioblastoma'),
  ...organ('brain_cns', ['brain']),

  ...named('breast', ['breast cancer*', 'breast care nurse*', 'breast clinic', 'breast surgeon*', 'breast unit']),
  // Not "wide local excision": melanomas and sarcomas are cut out that way too.
  ...named('breast', ['mastectom{y,ies}', 'lumpectom{y,ies}', 'breast reconstruction']),
  ...['lump in my {breast,boob}', '{breast,boob} lump', 'lump in {her,my} {left,right} {breast,boob}'].map(
    (phrase): TumourTerm => ({ phrase, group: 'breast', cue: 'anywhere' }),
  ),
  ...named('breast', ['dcis'], 'dcis'),
  ...named('breast', ['tamoxifen', 'letrozole', 'anastrozole', 'herceptin', 'trastuzumab', 'triple negative']),
  ...named('breast', ['ductal carcinoma in situ', 'lobular carcinoma'], 'dcis'),
  ...abbreviations('breast', ['DCIS'], 'dcis'),
  ...organ('breast', ['breast', 'breasts', 'boob', 'boobs']),

  ...named('colorectal', ['bowel cancer*', 'colon cancer*', 'rectal cancer*', 'anal cancer*', 'crc']),
  { phrase: 'colorectal', group: 'colorectal', fallback: true },
  ...named('colorectal', ['hemicolectom{y,ies}', 'colectom{y,ies}', 'anterior resection']),
  // The screening kit comes to everyone over 50: it names the group only in a comment about a cancer.
  { phrase: 'bowel screening', group: 'colorectal', cue: 'anywhere' },
  ...organ('colorectal', ['bowel', 'bowels', 'colon', 'rectum', 'rectal', 'anus', 'anal', 'caecum', 'cecum']),
  ...organ('colorectal', ['caecal', 'sigmoid', 'lower gi', 'large bowel']),

  ...named('gynaecological', ['ovarian cancer*', 'cervical cancer*', 'womb cancer*', 'uterine cancer*']),
  ...named('gynaecological', ['endometrial cancer*', 'vulval cancer*', 'vaginal cancer*', 'gyn{ae,e}col*']),
  ...named('gynaecological', ['gynae cancer*', 'gynae oncolog*', 'gynae-oncolog*', 'gynaeoncolog*']),
  ...organ('gynaecological', ['ovary', 'ovaries', 'ovarian', 'cervix', 'cervical', 'womb', 'uterus', 'uterine']),
  ...organ('gynaecological', ['endometrial', 'endometrium', 'vulva', 'vulval', 'vagina', 'vaginal', 'gynae']),
  ...organ('gynaecological', ['fallopian', 'peritoneal']),
  ...named('gynaecological', ['choriocarcinoma*', 'molar pregnancy']),

  ...named('haematological', ['leuk{a,}emia*', 'blood cancer*', 'myelodysplas*', 'myeloproliferative']),
  ...named('haematological', ['lymphoma*', 'hodgkin*', 'non-hodgkin*', 'non hodgkin*'], 'lymphoma'),
  ...named('haematological', ['myeloma*', 'multiple myeloma', 'myloma*'], 'myeloma'),
  ...named('haematological', ['myelofibrosis', 'polycyth{a,}emia vera', 'waldenstr{o,ö}m*', 'mantle cell', 'burkitt*']),
  ...abbreviations('haematological', ['AML', 'CLL', 'CML', 'MDS', 'NHL', 'APL']),
  { phrase: 'ALL', group: 'haematological', caseSensitive: true, commonWord: true, subtype: 'acute_lymphoblastic' },

  ...named('head_and_neck', ['mouth cancer*', 'oral cancer*', 'throat cancer*', 'laryngeal', 'larynx']),
  ...named('head_and_neck', ['tongue cancer*', 'head and neck', 'oropharyn*', 'nasopharyn*', 'hypopharyn*']),
  ...named('head_and_neck', ['laryngectom{y,ies}', 'salivary gland*', 'parotid', 'tonsil cancer*']),
  ...named('head_and_neck', ['glossectom{y,ies}', 'neck dissection']),
  ...named('head_and_neck', ['thyroid cancer*', 'thyroidectom{y,ies}'], 'thyroid'),
  ...abbreviations('head_and_neck', ['HNC', 'H&N']),
  ...organ('head_and_neck', ['mouth', 'throat', 'tongue', 'tonsil', 'tonsils', 'jaw', 'voice box', 'lip', 'sinus']),
  ...organ('head_and_neck', ['thyroid'], 'thyroid'),

  ...named('lung', ['lung cancer*', 'pneumonectom{y,ies}', 'small cell', 'non-small cell', 'non small cell']),
  // CPES counts mesothelioma (ICD-10 C45) in its Lung group; the subtype keeps it visible as rare.
  ...named('lung', ['mesothelioma*'], 'mesothelioma'),
  ...named('lung', ['nsclc', 'sclc']),
  ...organ('lung', ['lung', 'lungs', 'pleura', 'pleural']),

  ...named('prostate', ['prostate cancer*', 'prostatectom{y,ies}', 'prostate biops{y,ies}', 'gleason']),
  ...named('prostate', ['abiraterone', 'enzalutamide', 'prostate specific antigen']),
  ...named('prostate', ['prostrate cancer*']),
  ...organ('prostate', ['prostate', 'prostrate']),
  { phrase: 'PSA', group: 'prostate', caseSensitive: true, cue: 'anywhere' },

  ...named('sarcoma', ['sarcoma*', 'osteosarcoma*', 'liposarcoma*', 'leiomyosarcoma*', 'chondrosarcoma*']),
  ...named('sarcoma', ['rhabdomyosarcoma*', 'ewing{s,}', 'bone cancer*', 'soft tissue tumour*']),
  ...named('sarcoma', ['myxofibrosarcoma*', 'fibrosarcoma*', 'angiosarcoma*', 'dermatofibrosarcoma*', 'chordoma*']),
  ...named('sarcoma', ['kaposi*', 'undifferentiated pleomorphic']),
  ...named('sarcoma', ['gastrointestinal stromal tumour*'], 'gist'),
  ...abbreviations('sarcoma', ['GIST', 'GISTs'], 'gist'),

  ...named('skin', ['melanoma*', 'skin cancer*', 'basal cell', 'merkel cell', 'mohs']),
  ...abbreviations('skin', ['SCC', 'BCC', 'BCCs', 'SCCs']),
  ...organ('skin', ['skin', 'mole']),

  ...named('upper_gi', ['oesophag*', 'esophag*', 'stomach cancer*', 'gastric cancer*', 'gastrectom{y,ies}']),
  ...named('upper_gi', ['pancreatic cancer*', 'whipple*', 'liver cancer*', 'hepatocellular', 'biliary']),
  ...named('upper_gi', ['cholangiocarcinoma*', 'bile duct cancer*', 'gallbladder cancer*']),
  ...named('upper_gi', ['oesophago-gastric', 'ampullary', 'klatskin']),
  ...abbreviations('upper_gi', ['HCC', 'HPB', 'OG']),
  ...organ('upper_gi', ['stomach', 'gastric', 'pancreas', 'pancreatic', 'liver', 'bile duct', 'gallbladder']),
  ...organ('upper_gi', ['upper gi', 'duodenal', 'duodenum']),

  ...named('urological', ['kidney cancer*', 'renal cancer*', 'renal cell', 'bladder cancer*', 'urothelial']),
  ...named('urological', ['testicular cancer*', 'penile cancer*', 'cystectom{y,ies}', 'nephrectom{y,ies}']),
  ...named('urological', ['orchidectom{y,ies}', 'urolog* cancer*']),
  ...abbreviations('urological', ['TURBT', 'RCC']),
  ...organ('urological', ['kidney', 'kidneys', 'renal', 'bladder', 'testicle', 'testicles', 'testicular', 'ureter']),
  ...organ('urological', ['penis', 'penile']),

  ...named('other', ['neuroendocrine', 'carcinoid'], 'neuroendocrine'),
  { phrase: 'NET', group: 'other', caseSensitive: true, commonWord: true, subtype: 'neuroendocrine' },
  { phrase: 'NETs', group: 'other', caseSensitive: true, subtype: 'neuroendocrine' },
  // Children's and TYA units are settings: they place a cancer under "other" only when none is named.
  ...['childrens cancer*', 'childhood cancer*', 'paediatric oncolog*'].map(
    (phrase): TumourTerm => ({ phrase, group: 'other', subtype: 'children', fallback: true }),
  ),
  ...named('other', ['neuroblastoma*', 'wilms', 'retinoblastoma*'], 'children'),
  ...['teenage cancer*', 'teenage and young adult', 'young adult cancer*'].map(
    (phrase): TumourTerm => ({ phrase, group: 'other', subtype: 'teenage_young_adult', fallback: true }),
  ),
  { phrase: 'TYA', group: 'other', caseSensitive: true, subtype: 'teenage_young_adult', fallback: true },
  ...named('other', ['unknown primary'], 'unknown_primary'),
  { phrase: 'CUP', group: 'other', caseSensitive: true, commonWord: true, subtype: 'unknown_primary' },
  ...named('other', ['adrenal cancer*', 'eye cancer*', 'adrenocortical', 'ph{a,}eochromocytoma*'], 'other_rare'),
  ...named('other', ['paraganglioma*', 'thymoma*', 'thymic carcinoma*'], 'other_rare'),
  ...named('other', ['{uveal,ocular,eye,choroidal,conjunctival} melanoma*'], 'other_rare'),
];

/** Subtypes that are rare cancers although CPES files them under a common group (mesothelioma: lung). */
export const RARE_SUBTYPES: ReadonlySet<string> = new Set(['mesothelioma']);
