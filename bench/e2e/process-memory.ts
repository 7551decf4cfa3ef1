import { readFileSync } from 'node:fs';

/**
 * Memory of a live process from /proc/<pid>/status (Linux): VmHWM is the peak resident set since
 * the process started, VmRSS the current one. Undefined when the process is gone or /proc is absent.
 */
export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}
