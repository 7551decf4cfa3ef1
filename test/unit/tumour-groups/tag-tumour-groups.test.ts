import { describe, expect, it } from 'vitest';
import type { TumourGroupId } from '../../../src/domain/model.js';
import { tagTumourGroups } from '../../../src/domain/tumour-groups/tag-tumour-groups.js';

const positives: Array<[string, TumourGroupId[]]> = [
  ['Diagnosed with a glioblastoma last spring', ['brain_cns']],
  ['My GBM was operated on quickly', ['brain_cns']],
  ['a meningioma was found on the MRI', ['brain_cns']],
  ['the brain tumour clinic', ['brain_cns']],
  ['low grade glioma', ['brain_cns']],
  ['I had DCIS and a lumpectomy', ['breast']],
  ['breast cancer nurse was amazing', ['breast']],
  ['after my mastectomy', ['breast']],
  ['they found a tumour in my breast', ['breast']],
  ['NSCLC stage 3', ['lung']],
  ['my SCLC was treated with chemo', ['lung']],
  ['lung cancer diagnosis', ['lung']],
  ['cancer in my left lung', ['lung']],
  ['bowel cancer screening picked it up', ['colorectal']],
  ['colon cancer surgery', ['colorectal']],
  ['rectal cancer and a stoma', ['colorectal']],
  ['oesophageal cancer', ['upper_gi']],
  ['stomach cancer', ['upper_gi']],
  ['gastric cancer', ['upper_gi']],
  ['pancreatic cancer and a Whipple', ['upper_gi']],
  ['liver cancer', ['upper_gi']],
  ['the HPB team', ['upper_gi']],
  ['cholangiocarcinoma', ['upper_gi']],
  ['kidney cancer', ['urological']],
  ['bladder cancer and a TURBT', ['urological']],
  ['renal cell carcinoma', ['urological']],
  ['testicular cancer at 24', ['urological']],
  ['prostate cancer', ['prostate']],
  ['my PSA was high and the biopsy showed cancer', ['prostate']],
  ['radical prostatectomy', ['prostate']],
  ['ovarian cancer', ['gynaecological']],
  ['cervical cancer', ['gynaecological']],
  ['womb cancer', ['gynaecological']],
  ['endometrial cancer', ['gynaecological']],
  ['vulval cancer', ['gynaecological']],
  ['the gynae oncology team', ['gynaecological']],
  ['melanoma on my back', ['skin']],
  ['skin cancer clinic', ['skin']],
  ['a BCC removed from my nose', ['skin']],
  ['an SCC on his scalp', ['skin']],
  ['soft tissue sarcoma', ['sarcoma']],
  ['GIST in the stomach wall', ['sarcoma']],
  ['osteosarcoma in her leg', ['sarcoma']],
  ["Ewing's sarcoma", ['sarcoma']],
  ['mouth cancer', ['head_and_neck']],
  ['throat cancer and radiotherapy', ['head_and_neck']],
  ['laryngeal cancer', ['head_and_neck']],
  ['cancer of the tongue', ['head_and_neck']],
  ['HNC clinic', ['head_and_neck']],
  ['thyroid cancer', ['head_and_neck']],
  ['AML induction chemo', ['haematological']],
  ['I have ALL', ['haematological']],
  ['CLL on watch and wait', ['haematological']],
  ['CML and imatinib', ['haematological']],
  ['multiple myeloma', ['haematological']],
  ['non-Hodgkin lymphoma', ['haematological']],
  ['leukaemia', ['haematological']],
  ['leukemia', ['haematological']],
  ['a neuroendocrine tumour', ['other']],
  ['my NET was found by chance', ['other']],
  ["children's cancer ward", ['other']],
  ['the teenage cancer unit', ['other']],
  ['mesothelioma from asbestos', ['lung']],
  ['breast cancer then later bowel cancer', ['breast', 'colorectal']],
];

const negatives = [
  'the cancer centre was lovely',
  'Macmillan were a great help',
  'the oncology ward was clean',
  'chemo was tough',
  'thank you all',
  'THANK YOU ALL SO MUCH',
  'ALL THE STAFF WERE GREAT',
  'on the net',
  'the net result was good',
  'I have an enlarged prostate',
  'my PSA test was normal',
  'chest pain and a sore throat',
  'my lungs were checked',
  'a kidney infection',
  'skin was itchy',
  'stomach ache after lunch',
  'bowel problems for years',
  'breastfeeding support was great',
  'the liver function tests',
];

describe('tagTumourGroups', () => {
  it.each(positives)('%s → %j', (text, groups) => {
    expect(tagTumourGroups(text).groups).toEqual(groups);
  });

  it.each(negatives)('%s tags nothing', (text) => {
    expect(tagTumourGroups(text)).toEqual({ groups: [], subtypes: [], rareCancer: false });
  });

  it('does not tag the site a cancer spread to', () => {
    expect(tagTumourGroups('bowel cancer spread to my liver').groups).toEqual(['colorectal']);
  });

  it('reports subtypes and rare cancers', () => {
    expect(tagTumourGroups('my NET')).toEqual({ groups: ['other'], subtypes: ['neuroendocrine'], rareCancer: true });
    expect(tagTumourGroups('mesothelioma')).toEqual({ groups: ['lung'], subtypes: ['mesothelioma'], rareCancer: true });
    expect(tagTumourGroups('thyroid cancer').subtypes).toEqual(['thyroid']);
    expect(tagTumourGroups('prostate cancer').rareCancer).toBe(false);
    expect(tagTumourGroups('lung and breast cancer').rareCancer).toBe(false);
    expect(tagTumourGroups('breast cancer and a sarcoma').rareCancer).toBe(true);
  });

  it('returns groups sorted and unique', () => {
    expect(tagTumourGroups('melanoma, then breast cancer, then another melanoma').groups).toEqual(['breast', 'skin']);
  });
});
