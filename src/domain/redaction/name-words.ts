/**
 * Capitalised words that are not people's names, so a name after a cue ("Dr", "my husband") stops
 * before them. Lower case; compared after lower-casing the candidate word.
 */
const COMMON_WORDS = `a about above after again against all also always am an and any are as at be because been before
being below between both but by can could did do does doing down during each even ever every everyone everything few
for from further had has have having he her here hers him his how however i if in into is it its itself just least
less let like many me might more most much must my myself never next no nobody none nor not nothing now of off often
on once only or other our ours out over own please quite rather really same she should since so some someone
something soon still such than thank thanks that the their theirs them then there these they this those though
through thus to today tomorrow tonight too under until up upon us very was we were what when where whether which
while who whom whose why will with within without would yes yesterday yet you your yours
absolutely amazing awful brilliant caring dear excellent fantastic fine first good great happy kind lovely nice
overall sadly sorry super terrible unfortunately well wonderful indeed all both again
sad angry upset frustrated disappointed worried anxious scared grateful thankful relieved confused exhausted tired
unhappy satisfied dissatisfied pleased delighted impressed
issues problems needs loads lots plenty care treatment appointment appointments help support advice kindly
patient patients ladies gentlemen guys everybody poem one two three sure start surestart grandmother grandfather
mother father sister brother
again another around back came come did felt get go going got just left made make said saw say seen see seemed told
took went`;

/** Months and days: "on Monday", "in March". April, May and June are also names, so cue code decides. */
export const CALENDAR_WORDS = new Set(
  `january february march july august september october november december jan feb mar apr jun jul aug sep sept oct
nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
christmas easter weekend morning afternoon evening night`.split(/\s+/),
);

/** Words that make the capitalised run a place or a service, not a person: "Dr Foster Unit", "Ward 5". */
export const PLACE_WORDS = new Set(
  `unit ward wards centre center clinic clinics hospital hospitals suite wing building house department dept lodge
hospice practice surgery institute trust infirmary foundation block room theatre theatres lounge team teams service
services bay bed floor level reception outpatients outpatient inpatients department annexe annex pavilion road
street lane avenue university college school charity appeal fund medical health healthcare group partnership
pharmacy dental`.split(/\s+/),
);

/** Roles and NHS vocabulary that follow a title without being a name: "Nurse Practitioner", "Sister Ward". */
const ROLE_WORDS = `nurse nurses sister sisters matron doctor doctors dr mr mrs ms mx miss prof professor sir dame
consultant consultants registrar surgeon surgeons oncologist oncologists radiographer radiographers physio
physiotherapist practitioner specialist specialists cns gp gps staff student students healthcare assistant hca
manager lead head chief clinical medical senior junior charge ward theatre team porter porters receptionist
receptionists therapist therapists pharmacist pharmacists paramedic paramedics midwife midwives carer carers
macmillan maggie maggie's marie curie cancer research nhs pals a&e icu itu hdu amu mri ct pet scan chemo
chemotherapy radiotherapy oncology haematology urology surgery breast lung prostate bowel skin blood head neck
brain royal general district county community mum mam mom mother dad father husband wife son daughter brother
partner friend family parents baby nan nana gran grandma grandad grandpa uncle aunt auntie christ god jesus lord
english british welsh scottish irish covid corona who who's nhs's`;

export const NOT_NAMES = new Set([...COMMON_WORDS.split(/\s+/), ...ROLE_WORDS.split(/\s+/)]);

/**
 * Given names and surnames that are also everyday lower-case words ("will", "rose", "hill"): written
 * in lower case they are read as words, never as names.
 */
export const LOWER_CASE_WORDS = new Set(
  `will may mark bill grace rose dawn sue pat rob nick don ray max ash ed mo des jack joy hope long cross day young
price read miles hunt banks wells holt fox booth ball bell hall hill wood woods king cook ward green brown white gray
grey black page lane stone bird reed grant hart lee les gill robin holly amber ivy jade ruby pearl violet ford west
north bishop porter potter mason baker barber carter fisher hunter parker turner walker shepherd cole dean nash dunn
berry perry sharp hardy heath frost french norman moss rowe bond poole marsh lowe payne burns mills miller cox
guy art carol sandy penny rod bob matt peter harry frank chase august april summer autumn faith patience chance rich
sunny misty cliff dale glen brook heather hazel iris lily poppy daisy olive sage`.split(/\s+/),
);
