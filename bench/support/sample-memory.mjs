// Preloaded with `node --import` into a benchmarked process: every second (and at exit) appends the
// process's memory as V8 and the allocator see it to the file named by CAREVOICE_BENCH_MEMORY_LOG,
// one JSON line per sample, so a run shows where resident memory goes (V8 heap in use, heap reserved,
// memory outside the heap held by JS objects, array buffers, everything else) and when it grows.
import { appendFileSync } from 'node:fs';

const target = process.env.CAREVOICE_BENCH_MEMORY_LOG;
if (target) {
  const started = Date.now();
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const sample = () => {
    const m = process.memoryUsage();
    const line = {
      pid: process.pid,
      s: Math.round((Date.now() - started) / 100) / 10,
      rss: mb(m.rss),
      heapTotal: mb(m.heapTotal),
      heapUsed: mb(m.heapUsed),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
      maxRss: mb(process.resourceUsage().maxRSS * 1024),
    };
    appendFileSync(target, `${JSON.stringify(line)}\n`);
  };
  setInterval(sample, Number(process.env.CAREVOICE_BENCH_MEMORY_EVERY_MS ?? 1000)).unref();
  process.on('exit', sample);
}
