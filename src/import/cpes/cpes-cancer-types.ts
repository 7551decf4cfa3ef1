import type { TumourGroupId } from '../../domain/model.js';

/** How the 2018 CPES file names each cancer type; `All Cancers` is the trust's whole-survey row. */
export const CPES_2018_CANCER_TYPES: Readonly<Record<string, TumourGroupId | 'all'>> = {
  'All Cancers': 'all',
  'Brain and CNS': 'brain_cns',
  Breast: 'breast',
  Colorectal: 'colorectal',
  Gynaecological: 'gynaecological',
  Haematological: 'haematological',
  'Head and Neck': 'head_and_neck',
  Lung: 'lung',
  Other: 'other',
  Prostate: 'prostate',
  Sarcoma: 'sarcoma',
  Skin: 'skin',
  'Upper Gastro': 'upper_gi',
  Urological: 'urological',
};
