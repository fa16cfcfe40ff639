import { defineConfig } from 'tsup';

/**
 * Builds the benchmark: one self-contained ESM file per process it starts
 * (the orchestrator, each measured worker, the RSS probe). callbridge's code
 * is bundled from src/ with the settings of the package build (esbuild,
 * target node20); its runtime dependencies and the official SDKs stay
 * external and load from node_modules, as in the package. The output goes to
 * node_modules/.cache (ignored by git, and inside the package so that
 * node_modules resolves); BENCH_OUT_DIR overrides it.
 */
export default defineConfig({
  entry: {
    run: 'bench/run.ts',
    'normalize-worker': 'bench/workers/normalize.ts',
    'list-callbridge': 'bench/workers/list-callbridge.ts',
    'list-twilio': 'bench/workers/list-twilio.ts',
    'list-fetch': 'bench/workers/list-fetch.ts',
    'make-pages': 'bench/workers/make-pages.ts',
    'make-ndjson': 'bench/workers/make-ndjson.ts',
    'ndjson-parse': 'bench/workers/ndjson-parse.ts',
    'rss-probe': 'bench/workers/rss-probe.ts',
    'phone-equivalence': 'bench/workers/phone-equivalence.ts',
  },
  outDir: process.env.BENCH_OUT_DIR ?? 'node_modules/.cache/callbridge-bench',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: false,
  sourcemap: false,
  clean: true,
  dts: false,
  silent: true,
  external: ['twilio', '@signalwire/compatibility-api'],
});
