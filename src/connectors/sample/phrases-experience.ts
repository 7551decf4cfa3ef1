import type { ThemeId } from '../../domain/model.js';
import type { ThemePhrases } from './theme-phrases.js';

type ExperienceTheme = Exclude<
  ThemeId,
  | 'gp_referral'
  | 'diagnostic_tests'
  | 'being_told_diagnosis'
  | 'treatment_decisions'
  | 'cns_access'
  | 'waiting_times'
  | 'inpatient_care'
  | 'outpatient_day_care'
  | 'care_coordination'
>;

/** Themes about how care felt, support around it, and the setting. See theme-phrases.ts for the slots. */
export const EXPERIENCE_PHRASES: Readonly<Record<ExperienceTheme, ThemePhrases>> = {
  emotional_support: {
    positive: [
      'The Macmillan centre gave us somewhere to cry and talk.',
      'They offered counselling and it really helped with the anxiety.',
      'Staff noticed {I} was struggling and sat with {me} for a while.',
      'The support group they put us in touch with has been a lifeline.',
      'Someone always asked how {I} was coping, not just about the bloods.',
    ],
    negative: [
      'Nobody asked how {I} was coping mentally, not once.',
      'Asked for psychological support and was told the waiting list is {n} months.',
      '{I} was falling apart and was just handed a leaflet.',
      'No emotional support at all for {carer}, who did all the caring.',
      'Felt completely alone once treatment ended.',
    ],
    positiveShort: ['emotional support fantastic', 'counselling offered straight away'],
    negativeShort: ['zero emotional support', 'left to cope alone'],
  },
  information_communication: {
    positive: [
      'Everything was explained in plain English with written information to take home.',
      'The consultant drew diagrams and answered every single question.',
      'We always knew what was happening next and why.',
      'Clear information about the side effects of {treatment} and who to call.',
      'Communication has been excellent from start to finish.',
    ],
    negative: [
      'Nobody explained the side effects of {treatment}.',
      'Letters full of jargon and nobody to ask about them.',
      'Different doctors told us completely different things.',
      'Kept in the dark about the {test} results for weeks.',
      'Had to chase for information at every step.',
    ],
    positiveShort: ['everything explained clearly', 'great communication'],
    negativeShort: ['no one explains anything', 'kept in the dark'],
  },
  staff_attitude_dignity: {
    positive: [
      'The surgeon was brilliant and treated {me} like a person, not a number.',
      'Every member of staff was kind and respectful.',
      'The nurses protected {my} dignity even on the worst days.',
      'Such caring staff, from the porters to the consultant.',
      'The oncologist was warm, honest and never rushed us.',
    ],
    negative: [
      'One nurse was incredibly rude and made {me} feel like a nuisance.',
      'The consultant talked over {me} to {carer} as if {I} wasn’t there.',
      'Left exposed with the curtain open, no dignity at all.',
      'Staff rolled their eyes when {I} asked for help.',
      'The registrar was dismissive and arrogant.',
    ],
    positiveShort: ['surgeon brilliant', 'staff so kind'],
    negativeShort: ['nurse incredibly rude', 'consultant dismissive'],
  },
  home_community_support: {
    positive: [
      'The district nurses came out to dress the wound at home.',
      'The community nurses and the hospice at home team were wonderful.',
      'They sorted the equipment at home before discharge.',
      'The community team kept in touch after {I} got home.',
      'Physio came to the house, which made such a difference.',
    ],
    negative: [
      'Discharged with no support at home and a wound nobody came to dress.',
      'The district nurse visits were cancelled again and again.',
      'Promised carers at home that never turned up.',
      'Nobody followed up after discharge, we were on our own.',
      'Waited {n} weeks for a commode and a hospital bed at home.',
    ],
    positiveShort: ['district nurses fab', 'great support at home'],
    negativeShort: ['no support at home', 'carers never came'],
  },
  digital_access: {
    positive: [
      'The patient app is great, all the results and appointments in one place.',
      'Video appointments saved a two hour round trip.',
      'Being able to message the team online was really handy.',
      'Booking blood tests online was easy.',
      'Results were on the NHS app within days.',
    ],
    negative: [
      'The patient portal never works and the phone line is constantly engaged.',
      'Told to check the app but the results never appear on it.',
      'A phone consultation for something that needed to be face to face.',
      'Couldn’t get through on the phone for {n} days.',
      'Appointment letters only come through the app, which is no use to {carer}.',
    ],
    positiveShort: ['app brilliant', 'video appointments handy'],
    negativeShort: ['phone line always engaged', 'portal useless'],
  },
  equity_inclusion: {
    positive: [
      'They booked an interpreter for every appointment without being asked.',
      'As a wheelchair user {I} was made to feel completely welcome.',
      'Staff respected our faith and found a quiet room to pray.',
      'Large print information was ready for every appointment.',
      'My partner was treated as next of kin without any fuss, which meant a lot.',
    ],
    negative: [
      'No interpreter was booked so family had to translate the diagnosis.',
      'The clinic had no wheelchair access to the scan room.',
      'Felt judged about weight at every appointment.',
      'Felt invisible as a same-sex couple, every form assumed there was a wife.',
      'Being deaf, nobody thought to write anything down.',
    ],
    positiveShort: ['interpreter always booked', 'fully accessible'],
    negativeShort: ['no interpreter provided', 'no wheelchair access'],
  },
  facilities_environment: {
    positive: [
      'The new cancer centre is bright, clean and calm.',
      'Lovely garden to sit in between treatments.',
      'Parking was free for cancer patients which helped a lot.',
      'The wards were spotless.',
      'Comfy chairs and free tea on the unit.',
    ],
    negative: [
      'Parking costs a fortune when you are there every day for radiotherapy.',
      'The toilets on the ward were filthy.',
      'The waiting room was packed with nowhere to sit.',
      'The building is falling apart, buckets catching leaks from the ceiling.',
      'The food on the ward was inedible.',
    ],
    positiveShort: ['building spotless', 'free parking'],
    negativeShort: ['parking a nightmare', 'toilets filthy'],
  },
  pain_symptom_management: {
    positive: [
      'They got the pain under control within a day.',
      'The palliative team were brilliant at managing the sickness from {treatment}.',
      'Pain relief was on time and reviewed properly.',
      'Anti-sickness meds were sorted quickly when {I} struggled.',
      'They listened when {I} said the pain was getting worse.',
    ],
    negative: [
      '{I} was in agony for hours waiting for pain relief.',
      'Nobody took the side effects of {treatment} seriously.',
      'Pain meds were late every single night.',
      'Vomiting for days and nobody reviewed the anti-sickness tablets.',
      'Told the pain was normal and sent home.',
    ],
    positiveShort: ['pain well controlled', 'side effects managed'],
    negativeShort: ['left in agony', 'pain relief always late'],
  },
  end_of_life_care: {
    positive: [
      'The palliative care team made sure {I} died peacefully, as {I} wanted.',
      'The hospice team made the last days calm and dignified.',
      'We were allowed to stay at the end and the nurses were so gentle.',
      'They honoured the wish to die at home.',
      'The end of life care was compassionate and we will never forget it.',
    ],
    negative: [
      '{I} died on a busy ward with no side room and no privacy.',
      'Nobody told us {I} was dying until the very last day.',
      'The wish to die at home was ignored because the paperwork wasn’t done.',
      'No palliative care review despite us begging for one.',
      'We weren’t called in time to say goodbye.',
    ],
    positiveShort: ['palliative team wonderful', 'a peaceful death'],
    negativeShort: ['no dignity at the end', 'no palliative care'],
  },
};
