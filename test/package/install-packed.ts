import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface LockEntry {
  version: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** Runs npm as the running npm (npm_execpath) when there is one, so `npm test` and `npx vitest` use the same npm. */
export function npm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath?.endsWith('.js') ? [process.execPath, [execPath]] : ['npm', []];
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Packs the built package into dir; returns the tarball's file name and integrity. */
export function pack(dir: string): { filename: string; integrity: string } {
  if (!existsSync(join(ROOT, 'dist/index.cjs'))) throw new Error(`${ROOT}dist is missing: run npm run build first`);
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as Array<{
    filename: string;
    integrity: string;
  }>;
  return packed!;
}

/**
 * The lock entries of the package's dependencies and theirs, from the repository's package-lock.json.
 * `npm ci` caches tarballs by integrity but no registry metadata, so `npm install --offline` can only
 * install from a lockfile that names each version and integrity.
 */
function dependencyClosure(dependencies: Record<string, string>): Record<string, LockEntry> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const out: Record<string, LockEntry> = {};
  const visit = (name: string) => {
    const key = `node_modules/${name}`;
    if (key in out) return;
    const entry = lock.packages[key];
    if (entry === undefined) throw new Error(`${name} is not at the top of package-lock.json: run npm ci`);
    out[key] = entry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep);
  };
  for (const name of Object.keys(dependencies)) visit(name);
  return out;
}

/**
 * Makes dir a project that depends on the tarball (in dir) and installs it from npm's cache only.
 * Throws if anything would need the network.
 */
export function installOffline(dir: string, tarball: { filename: string; integrity: string }): void {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as LockEntry & { license: string; bin: unknown; engines: unknown };
  const spec = `file:${tarball.filename}`;
  const project = { name: 'consumer', version: '1.0.0', private: true, dependencies: { callbridge: spec } };
  const packages = {
    '': project,
    'node_modules/callbridge': {
      version: manifest.version,
      resolved: spec,
      integrity: tarball.integrity,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
    ...dependencyClosure(manifest.dependencies ?? {}),
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(project, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ ...project, lockfileVersion: 3, requires: true, packages }, null, 2));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
}
