import { TUMOUR_GROUPS, type TumourGroupId } from '../src/domain/model.js';
import { tagTumourGroups } from '../src/domain/tumour-groups/tag-tumour-groups.js';
import {
  asRecord,
  BLIND_V1_LABEL,
  BLIND_V2_LABEL,
  blindCasesFile,
  blindV1CasesFile,
  enumArrayField,
  percent,
  printBlindTable,
  printMisses,
  readJsonLines,
  readLabelledFftTexts,
  stringField,
  tallyClasses,
  wantsMisses,
} from './read-cases.js';

interface TumourGroupCase {
  text: string;
  groups: TumourGroupId[];
  rareCancer: boolean;
}

/** One case line: `{text, groups: [tumour group id], rareCancer}`; an empty list means no group is named. */
function checkCase(value: unknown, where: string): TumourGroupCase {
  const record = asRecord(value, where);
  const rareCancer = record['rareCancer'];
  if (typeof rareCancer !== 'boolean') throw new Error(`${where}: "rareCancer" must be true or false`);
  return {
    text: stringField(record, 'text', where),
    groups: enumArrayField(record, 'groups', TUMOUR_GROUPS, where),
    rareCancer,
  };
}

function scoreCases(cases: TumourGroupCase[]) {
  const counts = new Map(TUMOUR_GROUPS.map((g) => [g, { tp: 0, fp: 0, fn: 0 }]));
  const failures: string[] = [];
  let exact = 0;
  let rareRight = 0;
  for (const c of cases) {
    const tags = tagTumourGroups(c.text);
    const got = new Set(tags.groups);
    const want = new Set(c.groups);
    for (const group of TUMOUR_GROUPS) {
      const n = counts.get(group)!;
      if (got.has(group) && want.has(group)) n.tp++;
      else if (got.has(group)) n.fp++;
      else if (want.has(group)) n.fn++;
    }
    const setRight = [...got].sort().join() === [...want].sort().join();
    if (setRight) exact++;
    if (tags.rareCancer === c.rareCancer) rareRight++;
    if (!setRight || tags.rareCancer !== c.rareCancer) {
      failures.push(
        `  expected [${c.groups.join(', ')}]${c.rareCancer ? ' rare' : ''}, ` +
          `got [${tags.groups.join(', ')}]${tags.rareCancer ? ' rare' : ''}: ${c.text}`,
      );
    }
  }
  const { perClass: perGroup, micro, support } = tallyClasses(counts);
  const noGroup = cases.filter((c) => c.groups.length === 0);
  const noGroupUntagged = noGroup.filter((c) => tagTumourGroups(c.text).groups.length === 0).length;
  return {
    cases: cases.length,
    perGroup,
    micro,
    support,
    exactSetAccuracy: exact / cases.length,
    rareCancerAccuracy: rareRight / cases.length,
    noGroupCases: noGroup.length,
    noGroupUntagged,
    failures,
  };
}

/** Best of three passes over the texts, after one warm-up pass, on one core. */
function commentsPerSecond(texts: string[]): number {
  for (const t of texts) tagTumourGroups(t);
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    for (const t of texts) tagTumourGroups(t);
    best = Math.min(best, performance.now() - start);
  }
  return Math.round(texts.length / (best / 1000));
}

type TumourGroupScore = ReturnType<typeof scoreCases>;

const asBlindTable = (s: TumourGroupScore) => ({
  perClass: s.perGroup,
  total: { support: s.support, precision: s.micro.precision, recall: s.micro.recall },
});

function main(): void {
  const json = process.argv.includes('--json');
  const showMisses = wantsMisses();
  const file = blindCasesFile('tumour-group-cases.jsonl');
  const score = scoreCases(readJsonLines(file, checkCase));
  const v1File = blindV1CasesFile('tumour-group-cases.jsonl');
  const v1 = v1File === null ? null : scoreCases(readJsonLines(v1File, checkCase));
  const texts = readLabelledFftTexts();
  const throughput = commentsPerSecond(texts);

  console.log(
    `tagTumourGroups, ${BLIND_V2_LABEL}: ${score.cases} cases (${score.noGroupCases} name no group), ${file}`,
  );
  if (v1 && v1File) {
    console.log(`tagTumourGroups, ${BLIND_V1_LABEL}: ${v1.cases} cases (${v1.noGroupCases} name no group), ${v1File}`);
  }
  console.log('(v2 was written without reading the tagger, its lexicon or any earlier fixture: the honest estimate)\n');
  printBlindTable('group', TUMOUR_GROUPS, asBlindTable(score), v1 ? asBlindTable(v1) : null);
  const both = (name: string, f: (s: TumourGroupScore) => string) =>
    console.log(`${name.padEnd(34)} ${f(score).padStart(12)}${v1 ? `  ${f(v1).padStart(12)}  (v1)` : ''}`);
  console.log('');
  both('exact-set accuracy', (s) => percent(s.exactSetAccuracy));
  both('rareCancer accuracy', (s) => percent(s.rareCancerAccuracy));
  both('no-group cases left untagged', (s) => `${s.noGroupUntagged}/${s.noGroupCases}`);
  console.log(
    `${'throughput (FFT texts, one core)'.padEnd(34)} ${throughput.toLocaleString('en-GB')} comments/s over ${texts.length} texts`,
  );
  printMisses(`${BLIND_V2_LABEL} mismatches`, score.failures, showMisses);
  if (v1) printMisses(`${BLIND_V1_LABEL} mismatches`, v1.failures, showMisses);
  if (json) {
    const figures = ({ failures: _failures, ...rest }: TumourGroupScore) => rest;
    console.log(
      JSON.stringify({
        file,
        ...figures(score),
        commentsPerSecond: throughput,
        fftTexts: texts.length,
        blindV2: { file, ...figures(score) },
        blind: v1 && v1File ? { file: v1File, seenDuringTuning: true, ...figures(v1) } : null,
      }),
    );
  }
}

main();
