/** Plain-language names for the ids CareVoice uses (src/domain/model.ts); the e2e test checks the tumour groups. */

export const TUMOUR_GROUP_LABELS = {
  brain_cns: 'Brain and central nervous system',
  breast: 'Breast',
  colorectal: 'Bowel (colorectal)',
  gynaecological: 'Gynaecological',
  haematological: 'Blood (haematological)',
  head_and_neck: 'Head and neck',
  lung: 'Lung',
  prostate: 'Prostate',
  sarcoma: 'Sarcoma',
  skin: 'Skin',
  upper_gi: 'Upper gastrointestinal',
  urological: 'Urological',
  other: 'Other cancers',
};

/** Every group but these four is a rare or less common cancer. */
export const COMMON_TUMOUR_GROUPS = ['breast', 'prostate', 'lung', 'colorectal'];

export const RARE_TUMOUR_GROUPS = Object.keys(TUMOUR_GROUP_LABELS).filter((id) => !COMMON_TUMOUR_GROUPS.includes(id));

export const THEME_LABELS = {
  gp_referral: 'GP referral',
  diagnostic_tests: 'Tests',
  being_told_diagnosis: 'Being told the diagnosis',
  treatment_decisions: 'Decisions about treatment',
  cns_access: 'Clinical nurse specialist',
  waiting_times: 'Waiting times',
  inpatient_care: 'Care on the ward',
  outpatient_day_care: 'Outpatient and day care',
  emotional_support: 'Emotional support',
  information_communication: 'Information and communication',
  staff_attitude_dignity: 'Dignity and respect',
  care_coordination: 'Joined-up care',
  home_community_support: 'Support at home',
  digital_access: 'Online and phone access',
  equity_inclusion: 'Fair and equal care',
  facilities_environment: 'Buildings and facilities',
  pain_symptom_management: 'Pain and symptoms',
  end_of_life_care: 'End of life care',
};

export const ALERT_KIND_LABELS = {
  medication_error: 'Medication error',
  missed_deterioration: 'Missed deterioration',
  fall: 'Fall',
  pressure_ulcer: 'Pressure ulcer',
  unsafe_discharge: 'Unsafe discharge',
  safeguarding: 'Safeguarding concern',
  self_harm: 'Self-harm',
  other_harm: 'Other harm',
  worse_than_survey: 'Comments worse than the survey suggests',
  deteriorating: 'Comments getting worse',
};

/** `all` is the overall row in scores and survey figures. */
export function tumourGroupLabel(id) {
  return id === 'all' ? 'All cancers' : (TUMOUR_GROUP_LABELS[id] ?? id);
}

export function themeLabel(id) {
  return id === 'all' ? 'Overall' : (THEME_LABELS[id] ?? id);
}

/** "2025-03" → "March 2025". */
export function periodLabel(period) {
  const [year, month] = period.split('-').map(Number);
  if (!year || !month) return period;
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
