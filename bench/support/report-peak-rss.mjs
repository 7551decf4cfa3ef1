// Preloaded with `node --import` into a benchmarked process: at exit, appends the process's peak
// resident set (getrusage maxRSS, in kB) to the file named by CAREVOICE_BENCH_PEAK_RSS_FILE, so the
// figure covers the whole life of the process, up to its last allocation.
import { appendFileSync } from 'node:fs';

const target = process.env.CAREVOICE_BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    appendFileSync(target, `${JSON.stringify({ pid: process.pid, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  });
}
