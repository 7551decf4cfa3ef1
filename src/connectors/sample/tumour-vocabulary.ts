import type { TumourGroupId } from '../../domain/model.js';

/** Words people use about one CPES tumour group, to fill comment templates. */
export interface TumourVocabulary {
  /** How people name the cancer. */
  cancers: readonly string[];
  treatments: readonly string[];
  /** An operation or inpatient stay. */
  surgeries: readonly string[];
  tests: readonly string[];
  /** The specialist nurse's title. */
  nurses: readonly string[];
  /** What it was first taken for. */
  misreads: readonly string[];
  hashtags: readonly string[];
}

/** How often each group appears: common cancers more, but every rare group often enough to test on. */
export const TUMOUR_GROUP_WEIGHTS: Readonly<Record<TumourGroupId, number>> = {
  breast: 14,
  prostate: 10,
  lung: 10,
  colorectal: 10,
  haematological: 10,
  gynaecological: 7,
  upper_gi: 7,
  head_and_neck: 6,
  urological: 6,
  skin: 6,
  brain_cns: 5,
  sarcoma: 4,
  other: 5,
};

export const TUMOUR_VOCABULARY: Readonly<Record<TumourGroupId, TumourVocabulary>> = {
  brain_cns: {
    cancers: ['a brain tumour', 'glioblastoma', 'a GBM', 'a grade 4 glioma', 'an astrocytoma', 'a meningioma'],
    treatments: ['radiotherapy and temozolomide', 'radiotherapy', 'chemo', 'the steroid treatment'],
    surgeries: ['craniotomy', 'brain surgery', 'debulking operation'],
    tests: ['MRI', 'MRI scan', 'biopsy'],
    nurses: ['neuro-oncology nurse', 'brain tumour nurse specialist'],
    misreads: ['migraines', 'stress', 'an ear infection'],
    hashtags: ['#braintumour', '#GBM', '#glioblastoma'],
  },
  breast: {
    cancers: ['breast cancer', 'triple negative breast cancer', 'HER2 positive breast cancer', 'DCIS'],
    treatments: ['chemo', 'radiotherapy', 'Herceptin', 'hormone therapy', 'tamoxifen'],
    surgeries: ['mastectomy', 'lumpectomy', 'reconstruction'],
    tests: ['mammogram', 'biopsy', 'ultrasound', 'breast clinic tests'],
    nurses: ['breast care nurse', 'breast CNS'],
    misreads: ['a cyst', 'hormonal changes', 'mastitis'],
    hashtags: ['#breastcancer', '#breastcancerawareness'],
  },
  colorectal: {
    cancers: ['bowel cancer', 'colon cancer', 'rectal cancer', 'colorectal cancer'],
    treatments: ['chemo', 'chemoradiotherapy', 'radiotherapy', 'chemotherapy'],
    surgeries: ['bowel resection', 'bowel surgery', 'stoma operation'],
    tests: ['colonoscopy', 'FIT test', 'CT scan'],
    nurses: ['colorectal nurse', 'stoma nurse', 'bowel cancer nurse'],
    misreads: ['IBS', 'piles', 'a food intolerance'],
    hashtags: ['#bowelcancer', '#bowelcanceruk'],
  },
  gynaecological: {
    cancers: ['ovarian cancer', 'cervical cancer', 'womb cancer', 'endometrial cancer', 'vulval cancer'],
    treatments: ['chemo', 'brachytherapy', 'radiotherapy', 'PARP inhibitors'],
    surgeries: ['hysterectomy', 'debulking surgery', 'gynae surgery'],
    tests: ['smear test', 'CA125 blood test', 'transvaginal scan', 'colposcopy'],
    nurses: ['gynae-oncology nurse', 'gynae cancer nurse'],
    misreads: ['the menopause', 'IBS', 'a water infection'],
    hashtags: ['#ovariancancer', '#cervicalcancer', '#gynaecancer'],
  },
  haematological: {
    cancers: ['myeloma', 'AML', 'acute myeloid leukaemia', 'lymphoma', 'non-Hodgkin lymphoma', 'CLL', 'leukaemia'],
    treatments: ['chemo', 'the stem cell transplant', 'CAR-T', 'maintenance therapy', 'blood transfusions'],
    surgeries: ['stem cell transplant', 'transplant admission', 'induction chemo admission'],
    tests: ['bone marrow biopsy', 'blood tests', 'PET scan'],
    nurses: ['haematology nurse specialist', 'myeloma nurse', 'transplant coordinator'],
    misreads: ['a virus', 'anaemia', 'being run down'],
    hashtags: ['#myeloma', '#AML', '#leukaemia', '#lymphoma', '#bloodcancer'],
  },
  head_and_neck: {
    cancers: [
      'throat cancer',
      'tongue cancer',
      'laryngeal cancer',
      'head and neck cancer',
      'mouth cancer',
      'tonsil cancer',
    ],
    treatments: ['radiotherapy with the mask', 'chemoradiotherapy', 'radiotherapy', 'speech therapy'],
    surgeries: ['neck dissection', 'laryngectomy', 'tongue surgery'],
    tests: ['nasendoscopy', 'biopsy', 'MRI'],
    nurses: ['head and neck nurse', 'head and neck CNS'],
    misreads: ['tonsillitis', 'a dental abscess', 'reflux'],
    hashtags: ['#headandneckcancer', '#throatcancer', '#mouthcancer'],
  },
  lung: {
    cancers: ['lung cancer', 'small cell lung cancer', 'non small cell lung cancer', 'stage 4 lung cancer'],
    treatments: ['immunotherapy', 'chemo', 'targeted therapy', 'SABR radiotherapy'],
    surgeries: ['lobectomy', 'lung surgery'],
    tests: ['CT scan', 'bronchoscopy', 'PET scan', 'chest X-ray'],
    nurses: ['lung cancer nurse', 'lung CNS'],
    misreads: ['a chest infection', 'asthma', 'COPD'],
    hashtags: ['#lungcancer', '#lungcancerawareness'],
  },
  prostate: {
    cancers: ['prostate cancer', 'advanced prostate cancer', 'early prostate cancer'],
    treatments: ['hormone therapy', 'radiotherapy', 'active surveillance', 'hormone injections'],
    surgeries: ['prostatectomy', 'robotic prostate surgery'],
    tests: ['PSA test', 'MRI', 'prostate biopsy'],
    nurses: ['urology nurse specialist', 'prostate nurse'],
    misreads: ['an enlarged prostate', 'getting older', 'a water infection'],
    hashtags: ['#prostatecancer', '#prostatecanceruk'],
  },
  sarcoma: {
    cancers: [
      'sarcoma',
      'a soft tissue sarcoma',
      'osteosarcoma',
      'Ewing sarcoma',
      'a liposarcoma',
      'a sarcoma in the thigh',
    ],
    treatments: ['chemo', 'radiotherapy', 'doxorubicin'],
    surgeries: ['limb sparing surgery', 'sarcoma surgery', 'resection'],
    tests: ['MRI', 'core biopsy', 'CT scan'],
    nurses: ['sarcoma nurse specialist', 'sarcoma CNS'],
    misreads: ['a pulled muscle', 'a harmless lump', 'a sports injury'],
    hashtags: ['#sarcoma', '#sarcomaawareness'],
  },
  skin: {
    cancers: [
      'melanoma',
      'skin cancer',
      'a melanoma on the back',
      'squamous cell skin cancer',
      'a mole that was melanoma',
    ],
    treatments: ['immunotherapy', 'targeted therapy', 'radiotherapy'],
    surgeries: ['wide local excision', 'skin graft', 'lymph node surgery'],
    tests: ['skin biopsy', 'dermatology check', 'CT scan'],
    nurses: ['skin cancer nurse', 'melanoma nurse specialist'],
    misreads: ['a harmless mole', 'eczema', 'a skin tag'],
    hashtags: ['#melanoma', '#skincancer'],
  },
  upper_gi: {
    cancers: ['oesophageal cancer', 'stomach cancer', 'pancreatic cancer', 'liver cancer', 'gastric cancer'],
    treatments: ['chemo', 'FLOT chemo', 'chemoradiotherapy', 'a stent'],
    surgeries: ['Whipple', 'oesophagectomy', 'gastrectomy'],
    tests: ['endoscopy', 'CT scan', 'endoscopic ultrasound'],
    nurses: ['upper GI nurse', 'pancreatic nurse specialist'],
    misreads: ['indigestion', 'gallstones', 'reflux'],
    hashtags: ['#pancreaticcancer', '#oesophagealcancer', '#stomachcancer'],
  },
  urological: {
    cancers: ['bladder cancer', 'kidney cancer', 'testicular cancer', 'renal cancer'],
    treatments: ['BCG treatment', 'chemo', 'immunotherapy', 'radiotherapy'],
    surgeries: ['nephrectomy', 'cystectomy', 'orchidectomy', 'TURBT'],
    tests: ['cystoscopy', 'CT urogram', 'ultrasound'],
    nurses: ['urology nurse', 'uro-oncology CNS'],
    misreads: ['a kidney stone', 'a water infection', 'a cyst'],
    hashtags: ['#bladdercancer', '#kidneycancer', '#testicularcancer'],
  },
  other: {
    cancers: [
      'a neuroendocrine tumour',
      'a NET',
      'mesothelioma',
      'thyroid cancer',
      'cancer of unknown primary',
      'a carcinoid tumour',
    ],
    treatments: ['somatostatin injections', 'radioactive iodine', 'PRRT', 'chemo', 'immunotherapy'],
    surgeries: ['thyroidectomy', 'surgery to remove the tumour', 'pleurectomy'],
    tests: ['Gallium PET scan', 'CT scan', 'biopsy', 'thyroid ultrasound'],
    nurses: ['NET nurse specialist', 'mesothelioma nurse', 'thyroid nurse'],
    misreads: ['IBS', 'asthma', 'anxiety'],
    hashtags: ['#NETcancer', '#mesothelioma', '#thyroidcancer', '#rarecancer'],
  },
};
