import { defineConfig } from 'tsup';

const shared = { entry: { index: 'src/index.ts', emulator: 'src/emulator/index.ts', webhooks: 'src/webhooks/index.ts', sync: 'src/sync/index.ts' }, dts: true, target: 'node20', sourcemap: true } as const;

export default defineConfig([
  { ...shared, format: ['esm'], clean: true },
  // ky 1.x ships ESM only. A CJS build that require()s it breaks: Node < 20.19 throws ERR_REQUIRE_ESM, and where
  // require(esm) works (20.19+, 22.12+, 24) it returns ky's module namespace, whose `default` esbuild's interop
  // wraps a second time. Bundling ky into the CJS files alone means the CJS entries never load ky's ESM at all.
  // Split, so that the root and subpath entries share one copy of each class (instanceof holds across them).
  { ...shared, format: ['cjs'], noExternal: ['ky'], splitting: true },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
  },
]);
