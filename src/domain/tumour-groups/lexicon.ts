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
}

/** Tokens either side of an organ word within which a cancer word must appear. */
export const CUE_WINDOW = 4;

export const CANCER_CUES = ['cancer*', 'tumour*', 'tumor*', 'carcinoma*', 'malignan*', 'adenocarcinoma*'];

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
  ...named('brain_cns', ['glioblastoma*', 'glioblastoma multiforme'], 'glioblastoma'),
  ...named('brain_cns', ['meningioma*'], 'meningioma'),
  ...abbreviations('brain_cns', ['GBM'], 'glioblastoma'),
  ...organ('brain_cns', ['brain']),

  ...named('breast', ['breast cancer*', 'breast care nurse*', 'breast clinic', 'breast surgeon*', 'breast unit']),
  ...named('breast', ['mastectom{y,ies}', 'lumpectom{y,ies}', 'wide local excision', 'breast reconstruction']),
  ...named('breast', ['tamoxifen', 'letrozole', 'anastrozole', 'herceptin', 'trastuzumab', 'triple negative']),
  ...named('breast', ['ductal carcinoma in situ', 'lobular carcinoma'], 'dcis'),
  ...abbreviations('breast', ['DCIS'], 'dcis'),
  ...organ('breast', ['breast', 'breasts']),

  ...named('colorectal', ['bowel cancer*', 'colon cancer*', 'rectal cancer*', 'colorectal', 'anal cancer*']),
  ...named('colorectal', ['hemicolectom{y,ies}', 'colectom{y,ies}', 'anterior resection', 'bowel screening']),
  ...organ('colorectal', ['bowel', 'bowels', 'colon', 'rectum', 'rectal', 'anus', 'anal']),

  ...named('gynaecological', ['ovarian cancer*', 'cervical cancer*', 'womb cancer*', 'uterine cancer*']),
  ...named('gynaecological', ['endometrial cancer*', 'vulval cancer*', 'vaginal cancer*', 'gyn{ae,e}col*']),
  ...named('gynaecological', ['gynae cancer*', 'gynae oncolog*', 'gynae-oncolog*', 'gynaeoncolog*']),
  ...organ('gynaecological', ['ovary', 'ovaries', 'ovarian', 'cervix', 'cervical', 'womb', 'uterus', 'uterine']),
  ...organ('gynaecological', ['endometrial', 'endometrium', 'vulva', 'vulval', 'vagina', 'vaginal', 'gynae']),

  ...named('haematological', ['leuk{a,}emia*', 'blood cancer*', 'myelodysplas*', 'myeloproliferative']),
  ...named('haematological', ['lymphoma*', 'hodgkin*', 'non-hodgkin*', 'non hodgkin*'], 'lymphoma'),
  ...named('haematological', ['myeloma*', 'multiple myeloma'], 'myeloma'),
  ...abbreviations('haematological', ['AML', 'CLL', 'CML', 'MDS', 'NHL', 'APL']),
  { phrase: 'ALL', group: 'haematological', caseSensitive: true, commonWord: true, subtype: 'acute_lymphoblastic' },

  ...named('head_and_neck', ['mouth cancer*', 'oral cancer*', 'throat cancer*', 'laryngeal', 'larynx']),
  ...named('head_and_neck', ['tongue cancer*', 'head and neck', 'oropharyn*', 'nasopharyn*', 'hypopharyn*']),
  ...named('head_and_neck', ['laryngectom{y,ies}', 'salivary gland*', 'parotid', 'tonsil cancer*']),
  ...named('head_and_neck', ['thyroid cancer*', 'thyroidectom{y,ies}'], 'thyroid'),
  ...abbreviations('head_and_neck', ['HNC', 'H&N']),
  ...organ('head_and_neck', ['mouth', 'throat', 'tongue', 'tonsil', 'tonsils', 'jaw', 'voice box', 'lip', 'sinus']),
  ...organ('head_and_neck', ['thyroid'], 'thyroid'),

  ...named('lung', ['lung cancer*', 'pneumonectom{y,ies}', 'small cell', 'non-small cell', 'non small cell']),
  // CPES counts mesothelioma (ICD-10 C45) in its Lung group; the subtype keeps it visible as rare.
  ...named('lung', ['mesothelioma*'], 'mesothelioma'),
  ...abbreviations('lung', ['NSCLC', 'SCLC']),
  ...organ('lung', ['lung', 'lungs', 'pleura', 'pleural']),

  ...named('prostate', ['prostate cancer*', 'prostatectom{y,ies}', 'prostate biops{y,ies}', 'gleason']),
  ...named('prostate', ['abiraterone', 'enzalutamide', 'prostate specific antigen']),
  ...organ('prostate', ['prostate']),
  { phrase: 'PSA', group: 'prostate', caseSensitive: true, cue: 'anywhere' },

  ...named('sarcoma', ['sarcoma*', 'osteosarcoma*', 'liposarcoma*', 'leiomyosarcoma*', 'chondrosarcoma*']),
  ...named('sarcoma', ['rhabdomyosarcoma*', 'ewing{s,}', 'bone cancer*', 'soft tissue tumour*']),
  ...named('sarcoma', ['gastrointestinal stromal tumour*'], 'gist'),
  ...abbreviations('sarcoma', ['GIST', 'GISTs'], 'gist'),

  ...named('skin', ['melanoma*', 'skin cancer*', 'basal cell', 'merkel cell', 'mohs']),
  ...abbreviations('skin', ['SCC', 'BCC', 'BCCs', 'SCCs']),
  ...organ('skin', ['skin', 'mole']),

  ...named('upper_gi', ['oesophag*', 'esophag*', 'stomach cancer*', 'gastric cancer*', 'gastrectom{y,ies}']),
  ...named('upper_gi', ['pancreatic cancer*', 'whipple*', 'liver cancer*', 'hepatocellular', 'biliary']),
  ...named('upper_gi', ['cholangiocarcinoma*', 'bile duct cancer*', 'gallbladder cancer*']),
  ...abbreviations('upper_gi', ['HCC', 'HPB', 'OG']),
  ...organ('upper_gi', ['stomach', 'gastric', 'pancreas', 'pancreatic', 'liver', 'bile duct', 'gallbladder']),

  ...named('urological', ['kidney cancer*', 'renal cancer*', 'renal cell', 'bladder cancer*', 'urothelial']),
  ...named('urological', ['testicular cancer*', 'penile cancer*', 'cystectom{y,ies}', 'nephrectom{y,ies}']),
  ...named('urological', ['orchidectom{y,ies}', 'urolog* cancer*']),
  ...abbreviations('urological', ['TURBT']),
  ...organ('urological', ['kidney', 'kidneys', 'renal', 'bladder', 'testicle', 'testicles', 'testicular', 'ureter']),
  ...organ('urological', ['penis', 'penile']),

  ...named('other', ['neuroendocrine', 'carcinoid'], 'neuroendocrine'),
  { phrase: 'NET', group: 'other', caseSensitive: true, commonWord: true, subtype: 'neuroendocrine' },
  { phrase: 'NETs', group: 'other', caseSensitive: true, subtype: 'neuroendocrine' },
  ...named(
    'other',
    ["children's cancer*", 'childrens cancer*', 'childhood cancer*', 'paediatric oncolog*'],
    'children',
  ),
  ...named('other', ['neuroblastoma*', 'wilms', 'retinoblastoma*'], 'children'),
  ...named('other', ['teenage cancer*', 'teenage and young adult', 'young adult cancer*'], 'teenage_young_adult'),
  ...abbreviations('other', ['TYA'], 'teenage_young_adult'),
  ...named('other', ['unknown primary'], 'unknown_primary'),
  ...named('other', ['adrenal cancer*', 'eye cancer*'], 'other_rare'),
];

/** Subtypes that are rare cancers although CPES files them under a common group (mesothelioma: lung). */
export const RARE_SUBTYPES: ReadonlySet<string> = new Set(['mesothelioma']);
