/**
 * The whole per-comment pass (normalise → redact → analyse) of an earlier commit beside the working
 * tree's, for the scripts that hold speed work to the same outputs (`compare-analyse`,
 * `check-analyse-outputs`): the commit's sources are exported with `git archive` to a temporary folder
 * that shares this checkout's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PassComment {
  text: string;
  question?: string | undefined;
}
/** One comment's redaction and analysis, as one JSON string (equal strings, equal outputs). */
export type Pass = (comment: PassComment) => string;

export const repoRoot = resolve(import.meta.dirname, '../..');

/** normalise → redact → analyse from the sources under `root`. */
async function loadPass(root: string): Promise<Pass> {
  const load = (path: string) => import(join(root, path));
  const { normaliseCommentText } = await load('src/pipeline/collect/normalise-text.ts');
  const { redact } = await load('src/domain/redaction/redact.ts');
  const { loadAnalyser } = await load('src/reference/load-analyser.ts');
  const analyse = loadAnalyser();
  return (comment) => {
    const redacted = redact(normaliseCommentText(comment.text));
    return JSON.stringify([redacted, analyse({ text: redacted.text, question: comment.question })]);
  };
}

/** Runs `use` with the pass of commit `base` and of the working tree, then removes the export. */
export async function withPassesAt<T>(
  base: string,
  use: (passes: { base: Pass; head: Pass }) => Promise<T>,
): Promise<T> {
  const baseRoot = mkdtempSync(join(tmpdir(), 'carevoice-base-'));
  try {
    const tarFile = join(baseRoot, 'base.tar');
    const files = ['package.json', 'tsconfig.json', 'src', 'config', 'models'];
    execFileSync('git', ['-C', repoRoot, 'archive', '--format=tar', '-o', tarFile, base, ...files]);
    execFileSync('tar', ['-x', '-f', tarFile, '-C', baseRoot]);
    symlinkSync(join(repoRoot, 'node_modules'), join(baseRoot, 'node_modules'));
    return await use({ base: await loadPass(baseRoot), head: await loadPass(repoRoot) });
  } finally {
    rmSync(baseRoot, { recursive: true, force: true });
  }
}
