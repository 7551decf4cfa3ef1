import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc times (USER_HZ): 100 on every Linux build Node supports. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, every thread) a live process has used since it started, in seconds, from
 * /proc/<pid>/stat (Linux). On a machine shared with other work the wall clock measures the share
 * a process got, not what the work costs; CPU time is steadier. Undefined when the process is gone.
 */
export function procCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 (the command) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_SECOND : undefined;
}
