/**
 * Common given names (with the short forms people sign with) and surnames in England and Wales, lower
 * case. They let a name count where its capital letter cannot be relied on: written in lower case after
 * a cue ("nurse becky", "my hubby steve", "dr smith") or alone at the end of a post ("…\nKaren").
 * Written by hand from the ONS lists of popular baby names (1940s–2010s) and the most frequent surnames.
 */

// biome-ignore format: name lists read better packed than one name per line
const GIVEN = `aaron abbie abby abdul abigail adam adrian ahmed aidan aileen aimee alan alastair albert alex alexa
alexander alexandra alf alfie alfred ali alice alison alistair allan amanda amber amelia amir amy andrea andrew andy
angela angie anita ann anna anne annette annie anthony antony archie arthur ash ashley audrey austin ava babs barbara
barry bart basil bea becca becky belinda ben benjamin bernard bernie bert beryl beth bethany betty bev beverley bill
billy bob bobby brandon brenda brendan brian bridget bruce bryan caitlin callum calum cameron carl carla carly carol
carole caroline carolyn cassie catherine cath cathy charlie charles charlotte chelsea cheryl chloe chris chrissie
christina christine christopher clare claire colin connor conor craig dan daniel danielle danny darren dave david
dawn dean debbie deborah debra declan dee denise dennis derek des desmond diana diane dianne dom dominic don donald
donna doreen doris dorothy doug douglas duncan dylan ed eddie edith edward eileen elaine eleanor elizabeth ella ellen
ellie elliot elsie emily emma eric erin ethan eve evelyn evie fiona florence frances francis frank freddie freya gail
gareth garry gary gavin gaz gemma geoff geoffrey george georgia gerald geraldine gill gillian gina glen glenda
glenn gloria gordon grace graham greg gregory gwen hannah harold harriet harry harvey hayley hazel heather helen
henry hilary hilda holly howard hugh ian irene isaac isabel isabella isla ivy jack jackie jacob jacqueline jade
jake james jamie jan jane janet janice jasmine jason jay jayne jean jeanette jeff jen jenna jennifer jenny jeremy
jess jessica jill jim jimmy jo joan joanna joanne jodie joe joel john johnny jon jonathan jordan joseph josh joshua
joy joyce judith judy julia julie june justin karen kate katherine kathleen kathryn kathy katie kay keith kelly ken
kenneth kerry kevin kieran kim kirsty kyle lauren laura lee leah len leo leon les lesley leslie lewis liam lily linda
lindsay lisa liz lizzie lois lorna lorraine louis louise lucy luke lyn lynda lynn lynne maggie malcolm mandy margaret
maria marian marie marion mark martin martyn mary mason matt matthew maureen max megan mel melanie melissa mia michael
michelle mick mike millie mo mohammed molly muhammad muriel nadia naomi natalie nathan neil nicola nicole nick
nicholas nigel noah norma norman olive oliver olivia oscar owen paddy pam pamela pat patricia patrick paul paula
pauline pearl peggy penny pete peter phil philip phillip phoebe phyllis polly priya rachel ray raymond rebecca reg
reggie rhys richard rick ricky rita rob robbie robert robin rod roger ron ronald ronnie rosa rose rosemary ross roy
ruby russell ruth ryan sadie sally sam samantha samuel sandra sara sarah scott sean shane shannon sharon shaun sheila
shirley simon sophie stacey stan stanley stella steph stephanie stephen steve steven stewart stuart sue susan suzanne
sylvia tania tanya tara ted teddy terence teresa terry tess theo theresa thomas tim timothy tina toby tom tommy tony
tracey tracy trevor val valerie vanessa vera vicky victoria vince vincent violet vivian wayne wendy will william
yvonne zara zoe deb baz kev del tel shaz nic sal bex jules mags rach kaz trish christy`;

// biome-ignore format: name lists read better packed than one name per line
const SURNAMES = `smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright
walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill ward morris
moore clark lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young griffiths
mitchell kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson
simpson ellis adams singh begum wilkinson foster chapman powell webb rogers gray grey mason ali hunt hussain campbell
matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey
graham pearson ahmed fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne fox ford pearce
day brooks west lawrence cole atkinson bradley spencer gill dawson ball burton o'brien watts rose booth perry ryan
grant wells armstrong francis rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh
riley dunn woods parsons berry stone reid holland hawkins harding porter robertson newton oliver reed kennedy
williamson bird gardner shah dean lane cooke bates henderson parry burgess bishop walton burns nicholson shepherd
ross cross long freeman warren nicholls hamilton byrne sutton mcdonald yates hodgson robson curtis hopkins o'connor
harper coleman watkins moss mccarthy chambers o'neill griffin sharp hardy wheeler potter osborne johnston gordon doyle
wallace george jordan hutchinson rowe burke may pritchard gilbert willis higgins read miles stevenson stephenson
hammond arnold buckley walters hewitt barber nelson slater austin sullivan whitehead mann frost lambert stephens
blake akhtar lynch goodwin barton woodward thomson cunningham quinn barnett baxter bibi clayton nash greenwood jennings
holt kemp poole gallagher bond stokes tucker davidson fowler heath norman middleton lawson banks french stanley jarvis
gibbs ferguson hayward carroll douglas`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(GIVEN.split(/\s+/));
export const SURNAMES_LIST: ReadonlySet<string> = new Set(SURNAMES.split(/\s+/));

/** A name word (any case) that is a known given name or surname. */
export function isKnownName(word: string): boolean {
  const lower = word.toLowerCase().replace(/[’]/g, "'");
  return GIVEN_NAMES.has(lower) || SURNAMES_LIST.has(lower);
}
