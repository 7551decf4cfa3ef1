import type { ThemeId } from '../model.js';

/**
 * Words and phrases that mark each experience theme, cancer-care aware. Phrase syntax is the shared
 * phrase matcher's: `{a,b,}` alternatives, trailing `*` for a prefix, lower case unless an entry is
 * listed in CASE_SENSITIVE_THEME_TERMS. A theme is an aspect, so negation does not remove it:
 * "nobody explained anything" is about information all the same.
 */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const THEME_LEXICON: Record<ThemeId, string[]> = {
  gp_referral: [
    'gp', 'gps', 'g p', 'family doctor', 'own doctor', 'doctors surgery', 'gp surgery', 'gp practice', 'refer',
    'referr*', 'refers', 'two week wait', '2 week wait', '2ww', 'two week rule', 'fast track*', 'fast-track*',
    'urgent referral', 'suspected cancer', 'sent me to hospital', 'sent to hospital', 'signposted', 'signposting',
    'passed on to', 'passed me on', 'referred on',
  ],
  diagnostic_tests: [
    'scan', 'scans', 'scanned', 'scanning', 'mri', 'ct', 'pet scan*', 'pet ct', 'x ray*', 'xray*', 'ultrasound*',
    'biops{y,ies}', 'blood test*', 'bloods', 'test', 'tests', 'tested', 'testing', 'test result*', 'results',
    'endoscop*', 'colonoscop*', 'gastroscop*', 'bronchoscop*', 'cystoscop*', 'mammogram*', 'mammograph*',
    'investigation*', 'bone marrow', 'camera test', 'screening', 'triage', 'triaged', 'assess', 'assessed',
    'assessment*', 'examin*', 'checked me over', 'checked over', 'observations', 'obs', 'ecg', 'diagnostic*',
    'symptom checker',
  ],
  being_told_diagnosis: [
    'diagnos{is,ed,es,e}', 'misdiagnos*', 'told i had', 'told me i had', 'told he had', 'told she had',
    'broke the news', 'breaking the news', 'bad news', 'the news', 'found out i had', 'it was cancer', 'told it was',
    'told over the phone', 'given the diagnosis', 'prognosis', 'the results were', 'my results',
    'results were explained', 'told the results', 'shock', 'shocked',
  ],
  treatment_decisions: [
    'treatment option*', 'options', 'treatment plan*', 'plan of care', 'care plan*', 'decision*', 'decide*',
    'involved in', 'involve me', 'involved me', 'involving', 'choice*', 'choose', 'consent*', 'side effect*',
    'side-effect*', 'clinical trial*', 'trial', 'research', 'mdt', 'multidisciplinary', 'second opinion',
    'pros and cons', 'risks and benefits', 'my wishes', 'what i wanted', 'listened to my', 'my views', 'my opinion',
    'my say', 'have a say', 'personalised', 'tailored',
  ],
  cns_access: [
    'cns', 'clinical nurse specialist*', 'specialist nurse*', 'nurse specialist*', 'key worker*', 'keyworker*',
    'macmillan nurse*', 'breast care nurse*', 'cancer nurse*', 'lung nurse*', 'stoma nurse*', 'cancer navigator*',
    'nurse navigator*', 'my named nurse', 'named nurse', 'support worker', 'point of contact', 'contact person',
  ],
  waiting_times: [
    'wait', 'waits', 'waited', 'waiting', 'delay*', 'late', 'later', 'on time', 'quick', 'quicker', 'quickly',
    'prompt', 'promptly', 'promptness', 'fast', 'faster', 'speed*', 'speedy', 'swift*', 'hours', 'hour', 'minutes',
    'mins', 'long time', 'took ages', 'ages', 'straight away', 'straightaway', 'immediately', 'immediate', 'soon',
    'cancel*', 'postpone*', 'reschedul*', 'two week wait', '2 week wait', 'waiting list*', 'waiting room', 'timely',
    'timeliness', 'in good time', 'time scale*', 'timescale*', 'punctual', 'early', 'arrived', 'turned up',
    'came out', 'response time', 'took so long', 'too long', 'long wait', 'hanging around', 'no one came',
    'nobody came', 'still waiting', 'within', 'overdue', 'slow', 'slowly', 'asap',
  ],
  inpatient_care: [
    'ward', 'wards', 'inpatient*', 'in patient*', 'admitted', 'admission*', 'admit', 'stay', 'stayed', 'staying',
    'overnight', 'night staff', 'bed', 'beds', 'bedside', 'food', 'meal*', 'breakfast', 'lunch', 'dinner', 'drinks',
    'hungry', 'thirsty', 'call bell', 'buzzer', 'night nurse*', 'day nurse*', 'ward staff', 'healthcare assistant*',
    'hca', 'hcas', 'nursing staff', 'unit', 'activities', 'activity', 'fresh air', 'garden', 'recovery', 'theatre',
    'operation', 'surgery',
  ],
  outpatient_day_care: [
    'outpatient*', 'out patient*', 'clinic', 'clinics', 'appointment', 'appointments', 'appt*', 'day unit',
    'day case', 'day ward', 'chemo unit', 'chemo suite', 'chemotherapy unit', 'chemotherapy suite', 'radiotherapy',
    'chemo', 'chemotherapy', 'immunotherapy', 'infusion*', 'treatment room', 'oncology unit', 'haematology unit',
    'treatment centre', 'follow up appointment*', 'booked', 'booking', 'book', 'rebook*', 'consultation*', 'sessions',
    'session', 'home visit*', 'visits', 'visit',
  ],
  emotional_support: [
    'emotional*', 'reassur*', 'comfort', 'comforted', 'comforting', 'worr*', 'fear*', 'anxious', 'anxiety', 'scared',
    'frightened', 'afraid', 'counsell*', 'counselor', 'psycholog*', 'talking therap*', 'therapy', 'therapist',
    'someone to talk to', 'put me at ease', 'at ease', 'calm*', 'upset', 'distress*', 'lonely', 'alone', 'maggies',
    'maggie s', 'support group*', 'wellbeing', 'well being', 'made me feel', 'cope', 'coping', 'mental health',
    'emotionally', 'support', 'supported', 'supportive', 'supporting', 'encourag*',
  ],
  information_communication: [
    'explain*', 'information', 'info', 'inform', 'informed', 'informative', 'communicat*', 'kept informed',
    'kept me informed', 'kept up to date', 'update', 'updates', 'updated', 'letter', 'letters', 'leaflet*', 'advice',
    'advise*', 'question*', 'answered my question*', 'answer my question*', 'answer any question*',
    'questions answered', 'clear', 'clearly', 'jargon', 'told', 'telling', 'understand', 'understood',
    'understandable', 'instructions', 'guidance', 'conversation*', 'feedback', 'discuss*', 'mis communication',
    'miscommunication', 'contradict*', 'conflicting',
  ],
  staff_attitude_dignity: [
    'kind', 'kindly', 'kindness', 'friendly', 'unfriendly', 'caring', 'uncaring', 'polite', 'impolite', 'rude*',
    'respect*', 'disrespect*', 'dignity', 'undignified', 'compassion*', 'lovely', 'helpful', 'unhelpful',
    'professional', 'professionalism', 'professionally', 'unprofessional', 'attitude', 'manner', 'manners',
    'courteous', 'courtesy', 'dismissive', 'dismissed', 'empath*', 'understanding', 'nice', 'pleasant', 'welcoming',
    'considerate', 'arrogant', 'condescending', 'patronis*', 'smile', 'smiled', 'smiling', 'cheerful', 'privacy',
    'treated like', 'sympathetic', 'gentle', 'warm', 'approachable', 'patient with', 'very patient', 'so patient',
    'attentive', 'sensitive', 'insensitive', 'humour', 'humor', 'genuine', 'wonderful staff', 'amazing staff',
    'lovely staff', 'great staff', 'staff were', 'staff are', 'nurses were', 'doctors were', 'reassuring', 'calming',
    'listened to me', 'took time', 'time to listen', 'ignored', 'shouted', 'laughed at', 'judgemental', 'judgmental',
  ],
  care_coordination: [
    'organis*', 'organiz*', 'disorganis*', 'disorganiz*', 'coordinat*', 'co ordinat*', 'joined up', 'lost my',
    'lost the', 'notes', 'records', 'record', 'paperwork', 'admin', 'administration', 'administrative',
    'communication between', 'nobody knew', 'no one knew', 'handover', 'handed over', 'discharge*', 'follow up',
    'followed up', 'follow-up', 'transfer*', 'continuity', 'same nurse', 'same doctor', 'different doctor*',
    'different nurse*', 'mix up', 'mix-up', 'mixed up', 'efficient', 'efficiency', 'inefficient', 'well run',
    'well organised', 'smooth*', 'seamless*', 'teamwork', 'team work', 'worked together', 'work together', 'chase',
    'chased', 'chasing', 'system', 'process', 'processes', 'pass*', 'passed', 'passed around', 'pillar to post',
    'not joined up', 'management', 'managed', 'run', 'staffing', 'short staffed', 'understaffed', 'under staffed',
    'more staff', 'staff shortage*', 'busy', 'rushed', 'responsive',
  ],
  home_community_support: [
    'district nurse*', 'community nurse*', 'community team', 'community services', 'at home', 'home visit*', 'carer',
    'carers', 'family', 'families', 'relative*', 'social services', 'social worker*', 'care package', 'home care',
    'hospice at home', 'occupational therap*', 'physio*', 'equipment at home', 'next of kin', 'loved one*',
    'visiting', 'visitors', 'visit me',
  ],
  digital_access: [
    'portal', 'app', 'nhs app', 'online', 'website', 'web site', 'internet', 'email*', 'e mail*', 'text message*',
    'texts', 'texted', 'sms', 'phone', 'phones', 'phoned', 'phoning', 'telephone*', 'phone line', 'phone call*',
    'call back', 'called back', 'ring back', 'rang back', 'never answered', 'nobody answered', 'no one answered',
    'not answered', 'answer the phone', 'answered the phone', 'voicemail', 'answerphone', 'video call*',
    'video consultation*', 'zoom', 'teams call', 'get through', 'got through', 'getting through', 'engaged tone',
    'on hold', 'switchboard', '111', 'call handler', 'call', 'called', 'calling', 'calls', 'rang', 'ring', 'ringing',
    'contact', 'contacted', 'contacting', 'digital', 'remote', 'remotely', 'virtual',
  ],
  equity_inclusion: [
    'interpreter*', 'translat*', 'language', 'languages', 'english', 'disab*', 'wheelchair*', 'lgbt*', 'gay',
    'lesbian', 'bisexual', 'transgender', 'trans', 'non binary', 'racis*', 'racial*', 'discriminat*', 'religio*',
    'culture', 'cultural', 'deaf', 'blind', 'sign language', 'bsl', 'learning disabilit*', 'autism', 'autistic',
    'adhd', 'dementia', 'hearing aid*', 'accessible', 'accessibility', 'inaccessible', 'equal*', 'unequal',
    'diversity', 'inclusion', 'inclusive', 'prejudice*', 'ethnic*', 'halal', 'kosher', 'dyslexi*', 'stereotyp*',
    'pronoun*', 'gender', 'sexuality', 'older people',
  ],
  facilities_environment: [
    'clean', 'cleaned', 'cleaning', 'cleanliness', 'cleaner*', 'dirty', 'filthy', 'hygien*', 'infection control',
    'parking', 'car park*', 'toilet*', 'bathroom*', 'shower*', 'noise', 'noisy', 'quiet', 'temperature', 'cold',
    'too hot', 'environment', 'building*', 'facilit*', 'decor', 'comfortable', 'uncomfortable', 'chair', 'chairs',
    'seating', 'seats', 'tv', 'television', 'wifi', 'wi fi', 'signage', 'signposts', 'location', 'located',
    'transport', 'vehicle*', 'driver', 'drivers', 'driving', 'drove', 'taxi', 'journey*', 'picked up', 'pick up',
    'pickup', 'collected', 'dropped off', 'drop off', 'smell*', 'smelly', 'space', 'room', 'rooms', 'lighting',
    'equipment', 'atmosphere', 'surroundings', 'tidy', 'untidy', 'spotless', 'heating', 'ventilation', 'lift',
    'stairs', 'corridor*', 'ambulance car', 'pts', 'patient transport', 'hospital transport', 'bus', 'travel*',
    'distance', 'far away', 'miles',
  ],
  pain_symptom_management: [
    'pain', 'pains', 'painful', 'pain relief', 'painkiller*', 'pain killer*', 'morphine', 'oramorph', 'analgesi*',
    'paracetamol', 'codeine', 'symptom*', 'nausea', 'nauseous', 'sickness', 'vomit*', 'fatigue', 'breathless*',
    'medication*', 'medicine*', 'meds', 'tablets', 'prescri*', 'pharmac*', 'drug', 'drugs', 'anti sickness',
    'antisickness', 'steroids', 'dose', 'doses', 'dosage', 'inhaler', 'injection*', 'side effects', 'agony',
    'hurting', 'relief', 'clozapine', 'depot',
  ],
  end_of_life_care: [
    'end of life', 'palliative', 'hospice*', 'dying', 'died', 'passed away', 'death', 'last days', 'final days',
    'last hours', 'final hours', 'terminal*', 'bereave*', 'funeral', 'syringe driver', 'passing', 'dnr', 'dnacpr',
    'do not resuscitate', 'respect form', 'end-of-life', 'passed on peacefully', 'peacefully', 'his last', 'her last',
    'my last', 'last weeks', 'final weeks', 'deathbed', 'mortuary', 'lost her', 'lost him', 'lost my mum',
    'lost my dad', 'lost my husband', 'lost my wife',
  ],
};

/** Upper-case abbreviations matched only as written (lower-case "pet" is an animal). */
export const CASE_SENSITIVE_THEME_TERMS: Partial<Record<ThemeId, string[]>> = {
  diagnostic_tests: ['PET', 'CT', 'MRI'],
};
