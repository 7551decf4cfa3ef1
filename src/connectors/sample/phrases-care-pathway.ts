import type { ThemeId } from '../../domain/model.js';
import type { ThemePhrases } from './theme-phrases.js';

export type CarePathwayTheme = Extract<
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

/** Themes along the route from GP to treatment. See theme-phrases.ts for the slots. */
export const CARE_PATHWAY_PHRASES: Readonly<Record<CarePathwayTheme, ThemePhrases>> = {
  gp_referral: {
    positive: [
      'The GP took it seriously straight away and referred {me} on the two week wait.',
      'Credit to our GP practice, the urgent referral went off the same day.',
      'Our GP listened, examined {me} properly and got {me} seen at {trust} within a fortnight.',
      'One GP appointment and {I} had a fast track referral, no messing about.',
      'So grateful the GP didn’t just put it down to {misread} and referred {me} quickly.',
    ],
    negative: [
      '{I} went back to the GP {n} times before anyone referred {me}.',
      'The GP kept saying it was {misread} and it took months to get a referral.',
      'The GP surgery lost the referral and nobody noticed for {n} weeks.',
      'Couldn’t get a GP appointment for weeks, and by the time {I} was referred it had spread.',
      'Fobbed off by the GP with {misread} twice before they finally referred {me}.',
    ],
    positiveShort: ['GP referred {me} fast', 'quick GP referral'],
    negativeShort: ['GP fobbed {me} off for months', 'referral lost by the GP'],
  },
  diagnostic_tests: {
    positive: [
      '{I} had the {test} and the results were back within a week.',
      'The {test} was quick and the radiographer explained everything as she went.',
      'Scans were booked promptly and the results came through fast.',
      'The team doing the {test} were calm and reassuring.',
      'All the tests were done in one day at the one-stop clinic.',
    ],
    negative: [
      '{I} waited {n} weeks for the {test} results with no news at all.',
      'The {test} was cancelled twice on the day.',
      'Nobody explained how to prepare for the {test} so it had to be done again.',
      'The {test} results got lost between departments.',
      'The {test} was painful and nobody warned {me} what to expect.',
    ],
    positiveShort: ['{test} done quickly', 'results back fast'],
    negativeShort: ['{test} results took forever', '{test} cancelled twice'],
  },
  being_told_diagnosis: {
    positive: [
      'The consultant who told {me} it was {cancer} was kind and took her time.',
      'Being told was awful but they did it gently, in a private room, with a nurse there.',
      'They made sure {carer} could be there when they gave the diagnosis.',
      'The doctor broke the news honestly and kindly and gave {me} time to ask questions.',
      'Told face to face that it was {cancer}, with time to take it in before anything else.',
    ],
    negative: [
      '{I} was told it was {cancer} over the phone, at work.',
      'Found out it was {cancer} from a letter on the app before anyone had spoken to {me}.',
      'The doctor said the word cancer in a corridor and then walked off.',
      'The diagnosis was given with students in the room and no nurse, then {I} was sent home with nothing.',
      'They told {me} it was {cancer} and left {me} alone with a leaflet.',
    ],
    positiveShort: ['diagnosis given with real kindness', 'bad news broken gently'],
    negativeShort: ['told it was cancer over the phone', 'diagnosis blurted out in a corridor'],
  },
  treatment_decisions: {
    positive: [
      'They went through every option and let {me} decide about {treatment}.',
      '{I} felt fully involved in choosing between {surgery} and {treatment}.',
      'The consultant explained the pros and cons of each treatment and respected the choice.',
      'The MDT plan was explained clearly and they asked what mattered most.',
      'Given time to think it over before agreeing to {treatment}, no pressure at all.',
    ],
    negative: [
      'Nobody asked what {I} wanted, the plan was just decided.',
      'Never offered any alternative to {treatment} or told about the side effects.',
      'Felt pressured into {surgery} in a ten minute appointment.',
      '{I} wasn’t involved in any of the decisions about treatment.',
      'Had to find out about the clinical trial ourselves, nobody mentioned it.',
    ],
    positiveShort: ['involved in every decision', 'options properly explained'],
    negativeShort: ['treatment decided without asking', 'no choice given'],
  },
  cns_access: {
    positive: [
      'The {nurse} has been an absolute rock and always rings back the same day.',
      'Having a named {nurse} to call made all the difference.',
      'The specialist nurse sorted things we didn’t even know we needed.',
      '{I} could always reach the {nurse} when worried.',
      'The key worker was on the end of the phone whenever we needed her.',
    ],
    negative: [
      'Never met the {nurse} once and the number goes to a voicemail that is always full.',
      'Left messages for the specialist nurse for a week and nobody called back.',
      'Promised a key worker and never got one.',
      'The CNS line rings out every single time.',
      'No idea who the {nurse} even is, {n} months in.',
    ],
    positiveShort: ['CNS always there', 'specialist nurse amazing'],
    negativeShort: ['CNS never rings back', 'no key worker'],
  },
  waiting_times: {
    positive: [
      'From referral to starting {treatment} was just under a month.',
      'Seen well within the target and treatment started quickly.',
      'The date for the {surgery} came through much faster than expected.',
      'Hardly any wait at all for {treatment}.',
      'They got {me} in quickly once they knew it was {cancer}.',
    ],
    negative: [
      '{I} waited {n} weeks for {treatment} to start and the worry was unbearable.',
      'The {surgery} was cancelled twice because there were no beds.',
      'Sat in the waiting room {hours} hours past the appointment time.',
      'Over two months from diagnosis to treatment, way past the 62 day target.',
      'The waiting list for {surgery} is a joke.',
    ],
    positiveShort: ['treatment started quickly', 'no waiting around'],
    negativeShort: ['{n} week wait for {treatment}', 'op cancelled twice'],
  },
  inpatient_care: {
    positive: [
      'The ward staff after the {surgery} were brilliant, nothing was too much trouble.',
      'Nurses on the ward checked on {me} all through the night.',
      'The stay on the ward was as comfortable as it could possibly be.',
      'Night staff on the ward were so gentle.',
      'The ward was well run and the nurses clearly cared.',
    ],
    negative: [
      'The ward was short staffed and {I} waited over an hour for help to the toilet.',
      'Left on a trolley overnight before a bed came up on the ward.',
      'The buzzer was ignored for ages on the ward after the {surgery}.',
      'The ward was chaos, meds late and nobody knew what was going on.',
      '{I} was left in a soiled bed on the ward for hours.',
    ],
    positiveShort: ['ward nurses lovely', 'ward care spot on'],
    negativeShort: ['ward appalling', 'ward chaotic'],
  },
  outpatient_day_care: {
    positive: [
      'The chemo day unit is run like clockwork.',
      'Clinic appointments were always on time and the day unit staff are lovely.',
      'The radiotherapy team were brilliant for every one of the {n} sessions.',
      'The day unit nurses make a horrible thing almost bearable.',
      'The outpatient clinic was efficient and friendly every time.',
    ],
    negative: [
      'The day unit is so overbooked you wait hours for the chemo to be made up.',
      'Clinic running {hours} hours late again with no explanation.',
      'Radiotherapy appointments kept being moved at short notice.',
      'Clinic letters arrive after the appointment date.',
      'Bloods on the day unit are always delayed so treatment starts late.',
    ],
    positiveShort: ['day unit brilliant', 'clinic ran on time'],
    negativeShort: ['clinic always hours late', 'day unit overbooked'],
  },
  care_coordination: {
    positive: [
      'The hospital and the GP talked to each other so nothing fell through the cracks.',
      'Moving between two hospitals for surgery and chemo was seamless.',
      'The MDT coordinator kept everything on track.',
      'All the appointments were lined up in advance, {I} never had to chase.',
      'Every team knew the history before we walked in.',
    ],
    negative: [
      'Two hospitals, two sets of notes, and neither knew what the other was doing.',
      'The referral to oncology just disappeared into the system.',
      'Had to repeat the whole history at every single appointment.',
      'Nobody coordinated anything, we were the ones chasing every department.',
      'The {test} results never made it to the consultant in time for clinic.',
    ],
    positiveShort: ['everything joined up', 'care well coordinated'],
    negativeShort: ['left hand doesn’t know what the right is doing', 'referral vanished'],
  },
};
