import { readdirSync, readFileSync } from 'node:fs';

/**
 * `tsx` runs the CLI in a child node process and relays signals to it, but SIGKILL cannot be
 * relayed: killing only the tsx parent would orphan the real worker. So a hard kill lists the
 * descendants from /proc first, then kills each by its id.
 */

function parentOf(pid: number): number | undefined {
  try {
    // Field 4 of /proc/<pid>/stat is the parent id; the command name (field 2) may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

export function descendantsOf(root: number): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = pids.filter((pid) => frontier.includes(parentOf(pid) ?? -1));
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** SIGKILL to a process and every process under it, deepest first. */
export function killTree(root: number): void {
  for (const pid of [...descendantsOf(root).reverse(), root]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
