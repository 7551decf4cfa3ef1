/**
 * Tumour-group tagging evaluation on the independent blind set test/fixtures/blind/tumour-group-cases.jsonl:
 * precision and recall per CPES tumour group, exact-set accuracy (all groups of a comment right, and no
 * others), rareCancer accuracy, comments with no group left untagged, and tagTumourGroups() throughput
 * over the labelled FFT texts.
 *
 *   tsx bench/eval-tumour-groups.ts [--json] [--cases FILE]   (--cases replaces the blind set)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedDataDir } from '../src/config/paths.js';
import { TUMOUR_GROUPS, type TumourGroupId } from '../src/domain/model.js';
import { tagTumourGroups } from '../src/domain/tumour-groups/tag-tumour-groups.js';
import { asRecord, blindCasesFile, enumArrayField, readJsonLines, stringField } from './read-cases.js';

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

function readFftTexts(): string[] {
  const file = join(sharedDataDir(), 'fft-comments-labelled.csv');
  const records = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return records
    .filter((r) => (r['FFT answer'] ?? '').trim() !== '' && (r['Comment sentiment'] ?? '').trim() !== '')
    .map((r) => r['FFT answer']!.trim());
}

interface GroupFigures {
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
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
  const perGroup: Record<string, GroupFigures> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [group, n] of counts) {
    tp += n.tp;
    fp += n.fp;
    fn += n.fn;
    perGroup[group] = {
      support: n.tp + n.fn,
      ...n,
      precision: n.tp + n.fp > 0 ? n.tp / (n.tp + n.fp) : null,
      recall: n.tp + n.fn > 0 ? n.tp / (n.tp + n.fn) : null,
    };
  }
  const noGroup = cases.filter((c) => c.groups.length === 0);
  const noGroupUntagged = noGroup.filter((c) => tagTumourGroups(c.text).groups.length === 0).length;
  return {
    cases: cases.length,
    perGroup,
    micro: { precision: tp + fp > 0 ? tp / (tp + fp) : null, recall: tp + fn > 0 ? tp / (tp + fn) : null },
    support: tp + fn,
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

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function main(): void {
  const json = process.argv.includes('--json');
  const file = blindCasesFile('tumour-group-cases.jsonl');
  const score = scoreCases(readJsonLines(file, checkCase));
  const texts = readFftTexts();
  const throughput = commentsPerSecond(texts);

  console.log(
    `tagTumourGroups on ${score.cases} independent cases (${score.noGroupCases} name no tumour group), ${file}`,
  );
  console.log('(blind set: written without reading the tagger or its lexicon: an honest estimate)\n');
  console.log(`${'group'.padEnd(16)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
  for (const group of TUMOUR_GROUPS) {
    const g = score.perGroup[group]!;
    console.log(
      `${group.padEnd(16)} ${String(g.support).padStart(7)} ${pct(g.precision).padStart(9)} ${pct(g.recall).padStart(7)}`,
    );
  }
  console.log(
    `${'micro-average'.padEnd(16)} ${String(score.support).padStart(7)} ${pct(score.micro.precision).padStart(9)} ` +
      `${pct(score.micro.recall).padStart(7)}`,
  );
  console.log(`\n${'exact-set accuracy'.padEnd(34)} ${pct(score.exactSetAccuracy)}`);
  console.log(`${'rareCancer accuracy'.padEnd(34)} ${pct(score.rareCancerAccuracy)}`);
  console.log(`${'no-group cases left untagged'.padEnd(34)} ${score.noGroupUntagged}/${score.noGroupCases}`);
  console.log(
    `${'throughput (FFT texts, one core)'.padEnd(34)} ${throughput.toLocaleString('en-GB')} comments/s over ${texts.length} texts`,
  );
  if (score.failures.length > 0) console.log(`\nmismatches:\n${score.failures.join('\n')}`);
  if (json) {
    const { failures: _failures, ...figures } = score;
    console.log(JSON.stringify({ file, ...figures, commentsPerSecond: throughput, fftTexts: texts.length }));
  }
}

main();
