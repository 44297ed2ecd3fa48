// A pre-initialised PGlite data directory, made once at build time. Creating a database in WASM (initdb)
// costs 6-15 s; unpacking this template into a new data directory costs a fraction of that. The file name
// carries the PGlite version and a hash of the migrations, so a stale template is never used.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations } from './migrations.js';

const require = createRequire(import.meta.url);

/** PGlite's version, from its package.json (which the package does not export, so it is found on disk). */
function pgliteVersion(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === '@electric-sql/pglite') return pkg.version;
  }
  return 'unknown';
}

export function templateFileName(): string {
  const version = pgliteVersion();
  const h = createHash('sha256');
  for (const m of loadMigrations()) h.update(`${m.version}\0${m.sql}\0`);
  return `pglite-template-${version}-${h.digest('hex').slice(0, 12)}.tgz`;
}

/** Where the build writes the template: `dist/`, found from both the source and the compiled module. */
export function templateDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/src/store -> dist ; src/store -> dist
  return here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '..', '..') : path.resolve(here, '..', '..', 'dist');
}

export function findTemplate(): Blob | undefined {
  if (process.env.AISPM_NO_STORE_TEMPLATE) return undefined;
  const file = path.join(templateDir(), templateFileName());
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}
