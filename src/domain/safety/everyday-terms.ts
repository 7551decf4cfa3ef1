import type { SafetyKind } from '../model.js';
import type { SafetyCue, SafetyTerm } from './lexicon.js';

/**
 * How patients and families put safety events in their own words ("they gave dad someone else's
 * tablets", "found her on the floor", "kicked him out to free up a bed"), the cues some of them need
 * beside them, and the phrases that look like events but are not ("abuse of staff", "the fall in my PSA").
 */

// biome-ignore format: lexicon lists read better packed than one phrase per line
const PERSON = '{him,her,me,us,them,mum,mam,mom,dad,mother,father,nan,gran,grandad,husband,wife,partner,son,daughter,brother,sister}';
const MY_PERSON = '{my,our,his,her} {mum,mam,mom,dad,mother,father,nan,gran,grandad,husband,wife,partner,son,daughter}';
// biome-ignore format: lexicon lists read better packed than one phrase per line
const DRUGS = '{tablets,meds,medication,medications,medicine,medicines,drugs,insulin,morphine,antibiotics,injection,injections,painkillers,steroids,thinners,anticoagulants,dexamethasone,warfarin,heparin,oxycodone,chemo}';

const terms = (kind: SafetyKind, phrases: string[], needsCue?: SafetyCue): SafetyTerm[] =>
  phrases.map((phrase) => ({ phrase, kind, negatable: true, ...(needsCue ? { needsCue } : {}) }));

// biome-ignore format: lexicon lists read better packed than one phrase per line
export const EVERYDAY_TERMS: SafetyTerm[] = [
  ...terms('medication_error', [
    `someone elses ${DRUGS}`, `somebody elses ${DRUGS}`, `another patients ${DRUGS}`, `other patients ${DRUGS}`,
    'meant for another patient', 'meant for someone else', 'prescribed for someone else',
    `${DRUGS} {were,was} never given`, `${DRUGS} {werent,wasnt} given`, `never got {his,her,my} ${DRUGS}`,
    `ran out of {his,her,my,mums,dads} ${DRUGS}`, 'ran out of {his,her,my} blood thinners', `didnt have {his,her,my} ${DRUGS}`, `${DRUGS} twice`,
    'given it twice', 'given them twice', 'twice within an hour', 'twice in an hour', 'double dosed', 'doubled up on',
    'double anticoagulated', 'given two doses', 'ten times the dose', '10 times the dose', 'times the dose',
    'tenfold', 'ten fold', 'too much morphine', 'too much insulin', 'wrong strength', 'double the dose',
    'infused too {fast,quickly}', 'ran too {fast,quickly}', 'went in too {fast,quickly}', 'instead of over',
    'gave it anyway', 'given it anyway', 'gave it to me anyway', 'given anyway',
  ]),
  ...terms(
    'medication_error',
    ['anyway', 'regardless', 'even though', 'still gave', 'still given', 'still hung', 'still put up'],
    'allergy',
  ),
  ...terms('missed_deterioration', [
    'not escalated', 'never escalated', 'didnt escalate',
    'failed to escalate', 'no one escalated', 'nobody escalated', 'should have been escalated', 'missed the signs',
    'signs were missed', 'missed {his,her,my,the} {bleed,sepsis,infection,stroke,compression,clot,deterioration}',
    'missed for {hours,days,weeks}', 'begged for a doctor', 'begging for a doctor', 'pleaded for a doctor',
    'no doctor came', 'sicker and sicker', 'worse and worse', 'sleep it off',
  ]),
  ...terms('missed_deterioration', [
    'oxygen', 'sats', 'saturation*', 'blood pressure', 'going downhill', 'getting sicker', 'more confused',
    'increasingly confused', 'drowsy', 'unresponsive', 'cord compression', 'leg weakness', 'bleed',
    'ended up in {icu,itu,intensive,resus,hdu}', 'news score', 'news of {5,6,7,8,9,10,11,12}',
  ], 'delay'),
  ...terms('fall', [
    'nasty fall', 'bad fall', 'another fall', 'second fall', 'fallen', 'fell', 'slipped {in,on,off}',
    'broke {his,her,my} hip', 'fractured {his,her,my} hip', 'collapsed on the floor', 'collapsed in a heap',
    'collapsed in the {toilet,bathroom,shower}', 'in a heap on the floor', 'fell from the hoist',
    'slipped out of the hoist', `dropped ${PERSON}`, `dropped ${MY_PERSON}`, 'dropped when hoisting',
  ]),
  ...terms('fall', ['on the floor', 'on the ward floor'], 'floor'),
  ...terms('unsafe_discharge', [
    `discharged ${PERSON} without`, `discharged ${MY_PERSON} without`, `sent ${PERSON} home {without,alone}`,
    `sent ${MY_PERSON} home {without,alone}`, `sent ${PERSON} home with {a,no}`, `discharged ${PERSON} with a`,
    'discharged with a {temp,temperature,fever,drain}', 'sent home with a {temp,temperature,fever,drain}',
    `kicked ${PERSON} out`, `kicked ${MY_PERSON} out`, 'free up {the,a} bed', 'free up beds', 'to free a bed',
    'sent home in {his,her,my} {gown,pyjamas,nightie,nightdress}',
  ]),
  ...terms('unsafe_discharge', [
    'no district nurse*', 'no carers', 'no care in place', 'no support in place', 'no package of care',
    'no follow up', 'no meds', 'no medication', 'no discharge letter', 'could barely {stand,walk}', 'couldnt stand',
    'couldnt walk', 'still in pain', 'drain still in', 'hospital gown', 'nobody at home',
    'no one at home', 'to an empty {house,home}', 'needed the bed', 'wanted the bed',
  ], 'discharge'),
  ...terms('safeguarding', [
    `rough with ${PERSON}`, `rough with ${MY_PERSON}`, 'handled {him,her,me} roughly', `shouted at ${PERSON}`,
    `screamed at ${PERSON}`, `swore at ${PERSON}`, 'hits me', 'beats me', 'domestic violence',
    'hit by {my,her,his} {husband,partner,wife,boyfriend,girlfriend,son,daughter,carer}',
    'coercive', `tied ${PERSON} {down,up}`, 'tied {his,her,my} hands', `strapped ${PERSON} down`, 'stealing',
    'took {her,his,my} money', 'takes {her,his,my} {money,pension}', 'money went missing', 'jewellery went missing',
    'sexual comment*', 'sexual remark*', 'inappropriate comment*', 'inappropriate remark*', 'groped',
    'touched {her,him,me} inappropriately', 'left naked', 'left exposed', 'naked behind', 'doesnt feed {her,him}',
  ]),
  ...terms('self_harm', [
    'ending it all', 'thoughts of ending', 'thought about ending', 'ending things', 'cutting {himself,herself}',
    'cut {himself,herself,themselves}', 'cutting themselves', 'harming {himself,herself}', 'harm {himself,herself}',
    'hurting {himself,herself}', 'self-harming', 'didnt want to wake up', 'dont want to wake up',
    'not want to wake up', 'not wanting to wake up', '{hoped,wished} i wouldnt wake up', 'better off dead',
    'better off without me', 'no point living', 'no point in living', 'not worth living', 'take {my,his,her} life',
  ]),
  ...terms('other_harm', [
    'leaked {out,into}', 'tissued', 'left a burn', 'nasty burn', 'burnt {my,his,her} {skin,arm,hand,leg}',
    'burned {my,his,her} {skin,arm,hand,leg}', '{picc,hickman,central,port} line {got,became,was} infected',
    'line infection', 'line got infected', 'infected {picc,hickman,line,port,cannula}', 'infected line',
    'tube {went,was} {into,in} {his,her,my,the} lung', 'tube into {his,her,my,the} lung',
    'tube {was,were} {put,placed,passed,pushed} {into,in} {his,her,my,the} lung', 'misplaced {ng,feeding} tube',
    'feeding tube in {his,her,the} lung', 'treated the wrong {area,side,spot,place}', 'radiotherapy to the wrong',
    'given to the wrong {area,side,spot,place}', 'planning error', 'planning mistake',
  ]),
];

/** Cue words for terms that need context, by cue kind (see SafetyTerm.needsCue). */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const EXTRA_CUES: Readonly<Record<Exclude<SafetyCue, 'delay'>, string[]>> = {
  allergy: ['allergic', 'allergy', 'allergies', 'anaphyla*'],
  discharge: [
    'discharg*', 'sent home', `sent ${PERSON} home`, `sent ${MY_PERSON} home`, 'kicked out', 'you can go',
    'go home', 'went home', 'sent out',
  ],
  floor: ['found', 'lying', 'lay', 'collapsed', 'couldnt get up', 'left {him,her,me}'],
};

/** More words that make a deterioration sign a concern: it was explained away or not acted on. */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const EXTRA_DELAY_CUES = [
  'faulty', 'just tired*', 'just anxiety', 'it was nothing', 'said it was just', 'told {me,us} it was just', 'told it was just',
  'nothing to worry', 'take paracetamol', 'begged', 'pleaded', 'kept telling', 'kept asking', 'no one listened',
  'nobody listened', 'blamed', 'too late', 'for days', 'for hours', 'nobody noticed', 'no one noticed',
];

/**
 * Phrases that look like an event and are not: any term overlapping one of these is dropped ("fell
 * asleep", "abuse of staff won't be tolerated", "the fall in my PSA").
 */
// biome-ignore format: lexicon lists read better packed than one phrase per line
export const NOT_EVENTS = [
  'fell asleep', 'fell ill', 'fell apart', 'fell through', 'fell pregnant', 'fell behind', 'fell short',
  'fell silent', 'fell into', 'fell on deaf', 'fell in love', 'fell between', 'fell off the {list,radar,system}',
  'fell under', 'fell within', 'fell outside', 'fell to pieces', 'fell flat', 'fallen asleep', 'fallen through',
  'fallen ill', 'fallen behind', 'fallen apart', 'fallen off the {list,radar,system}',
  '{fall,falls,fell,drop,dropped} in {my,his,her,the,their} {psa,levels,level,numbers,count,counts,markers,ca125,bloods,weight,temperature,temp,bp,marker,tumour}',
  'abuse {of,towards,to,against,at} {staff,our,the,nhs,nurses,doctors}', 'abusive {to,towards} {staff,our,the,nurses}',
  'oxygen mask', 'on oxygen', 'home oxygen', 'blood pressure {tablets,medication,meds,cuff,machine}',
  'free up {time,space}', 'still given the choice', 'still gave up', `dropped ${PERSON} off`, `dropped ${MY_PERSON} off`,
  'dropped {me,us} a', 'fell to {me,us}', 'heart fell', 'face fell',
];

/** Words that, a few tokens before a self-harm phrase, make it a screening question ("asked if I had…"). */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(['asked', 'ask', 'asking', 'asks', 'screening']);
/** Tokens back from a self-harm phrase that QUESTION_WORDS may stand. */
export const QUESTION_WINDOW = 10;
