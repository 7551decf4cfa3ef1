import { seededRandom, shuffled } from '../random.js';
import { textKey } from '../text/normalise.js';

/** What the split needs of a comment: who wrote it and what it says. */
export interface SplittableComment {
  respondentId?: string | undefined;
  text: string;
}

export interface SplitOptions {
  /** Seed of the group shuffle. @defaultValue 20240617 */
  seed?: number;
  /** Share of comments held out for testing. @defaultValue 0.2 */
  testShare?: number;
  /** Groups larger than this share of all comments always train: one giant group of "Nothing." answers
   *  would otherwise make the test set one kind of comment. @defaultValue 0.02 */
  maxTestGroupShare?: number;
}

/**
 * Group id per comment: comments by one respondent, or with the same normalised text, share a group
 * (union-find), so a split by group cannot put a respondent or a text on both sides.
 */
export function groupComments(comments: readonly SplittableComment[]): number[] {
  const parent = comments.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    let node = i;
    while (parent[node] !== root) {
      const next = parent[node] as number;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const firstByKey = new Map<string, number>();
  comments.forEach((comment, i) => {
    const keys = [`t:${textKey(comment.text)}`];
    if (comment.respondentId) keys.push(`r:${comment.respondentId}`);
    for (const key of keys) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  return comments.map((_, i) => find(i));
}

/** Indices of the training and held-out comments; deterministic for a given seed. */
export function splitTrainTest(
  comments: readonly SplittableComment[],
  options: SplitOptions = {},
): { train: number[]; test: number[] } {
  const seed = options.seed ?? 20240617;
  const testShare = options.testShare ?? 0.2;
  const maxGroup = (options.maxTestGroupShare ?? 0.02) * comments.length;
  const groups = groupComments(comments);
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const testGroups = new Set<number>();
  let testCount = 0;
  const target = testShare * comments.length;
  for (const g of shuffled([...members.keys()], seededRandom(seed))) {
    const size = (members.get(g) as number[]).length;
    if (size > maxGroup || testCount + size > target) continue;
    testGroups.add(g);
    testCount += size;
  }
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((g, i) => {
    (testGroups.has(g) ? test : train).push(i);
  });
  return { train, test };
}

/** Fold number (0…k−1) per comment, whole groups per fold, for cross-validation inside a training set. */
export function groupedFolds(comments: readonly SplittableComment[], k: number, seed: number): number[] {
  const groups = groupComments(comments);
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  // Largest groups first, each to the currently smallest fold, in a seeded order among equal sizes.
  const order = shuffled([...sizes.keys()], seededRandom(seed)).sort(
    (a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0),
  );
  const foldSize = new Array<number>(k).fill(0);
  const foldOf = new Map<number, number>();
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if ((foldSize[f] as number) < (foldSize[best] as number)) best = f;
    foldOf.set(g, best);
    foldSize[best] = (foldSize[best] as number) + (sizes.get(g) ?? 0);
  }
  return groups.map((g) => foldOf.get(g) as number);
}
