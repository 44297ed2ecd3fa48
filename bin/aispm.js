#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm run build). In a source checkout without a build, say so.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const main = path.join(here, '..', 'dist', 'src', 'cli', 'run.js');
if (!existsSync(main)) {
  console.error('aispm: not built yet; run `npm run build` first');
  process.exit(2);
}
await import(pathToFileURL(main).href);
