import { describe, expect, it } from 'vitest';
import { THEMES, type ThemeId } from '../../../src/domain/model.js';
import { detectThemes } from '../../../src/domain/themes/detect-themes.js';

const examples: Record<ThemeId, string[]> = {
  gp_referral: ['My GP referred me on the two week wait', 'the family doctor fast tracked me'],
  diagnostic_tests: ['the MRI and CT scans were quick', 'I had a biopsy and bloods', 'the PET scan was delayed'],
  being_told_diagnosis: ['the way they broke the news was kind', 'I was told I had cancer over the phone'],
  treatment_decisions: ['they explained my treatment options', 'I was involved in every decision'],
  cns_access: ['my CNS always rang back', 'the Macmillan nurse was my key worker', 'the specialist nurse was great'],
  waiting_times: ['I waited 3 hours in the waiting room', 'the delay was awful', 'seen on the 2 week wait'],
  inpatient_care: ['the ward was short of beds', 'the food on the ward was cold'],
  outpatient_day_care: ['the chemo unit ran on time', 'my outpatient appointment was moved'],
  emotional_support: ['they put me at ease when I was scared', 'a counsellor helped with my anxiety'],
  information_communication: ['the consultant explained everything clearly', 'I was kept informed'],
  staff_attitude_dignity: ['the nurses were so kind', 'the registrar was rude and dismissive'],
  care_coordination: ['they lost my notes again', 'nobody knew who was in charge of my follow up'],
  home_community_support: ['the district nurses came daily', 'my carer was not told anything'],
  digital_access: ['the phone line was never answered', 'the patient portal never worked', 'the app crashed'],
  equity_inclusion: ['there was no interpreter', 'the clinic was not wheelchair accessible', 'as an LGBT patient'],
  facilities_environment: ['the parking was impossible', 'the toilets were dirty'],
  pain_symptom_management: ['my pain was well controlled', 'the anti sickness medication worked'],
  end_of_life_care: ['the hospice made his last days peaceful', 'palliative care was excellent'],
};

describe('detectThemes', () => {
  it('has examples for every theme', () => {
    expect(Object.keys(examples).sort()).toEqual([...THEMES].sort());
  });

  for (const id of THEMES) {
    it.each(examples[id])(`${id}: %s`, (sentence) => {
      expect(detectThemes([sentence]).map((t) => t.id)).toContain(id);
    });
  }

  it('lists the sentences that mention each theme, themes in THEMES order', () => {
    const result = detectThemes(['I had an MRI.', 'The nurses were kind.', 'Waited 2 hours for the scan.']);
    expect(result.find((t) => t.id === 'diagnostic_tests')?.sentences).toEqual([0, 2]);
    expect(result.find((t) => t.id === 'staff_attitude_dignity')?.sentences).toEqual([1]);
    expect(result.find((t) => t.id === 'waiting_times')?.sentences).toEqual([2]);
    const order = result.map((t) => THEMES.indexOf(t.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('finds nothing in text about none of the themes', () => {
    expect(detectThemes(['Thank you.', 'Nothing to add.'])).toEqual([]);
    expect(detectThemes([])).toEqual([]);
  });

  it('does not read a lower-case pet as a PET scan', () => {
    expect(detectThemes(['my pet dog visited']).map((t) => t.id)).not.toContain('diagnostic_tests');
  });
});
