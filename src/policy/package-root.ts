// Policy data (checks/, frameworks/, advisories.json) lives beside the sources, not in the compiled output,
// so it is found from the package root whether this module runs from src/ (tsx) or dist/src/ (built).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && isAispm(pkg)) return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('aispm package root not found above the policy module');
    dir = up;
  }
}

function isAispm(pkgFile: string): boolean {
  try {
    return JSON.parse(readFileSync(pkgFile, 'utf8')).name === 'aispm';
  } catch {
    return false;
  }
}

export function fromPackageRoot(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
