/**
 * Preloaded (`node --import`) into a process the bench does not write, such as
 * `callbridge normalize`: when that process exits, writes its peak RSS
 * (ru_maxrss) and its run time to the file named by BENCH_PROBE_OUT.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_PROBE_OUT;
const start = performance.now();
if (out !== undefined && out !== '') {
  process.once('exit', () => {
    writeFileSync(out, JSON.stringify({ peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6, wallMs: performance.now() - start }));
  });
}
