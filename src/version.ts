import { createRequire } from 'node:module';

// Read once from package.json so the CLI, reports and BOMs agree on one version.
const require = createRequire(import.meta.url);
function findVersion(): string {
  for (const p of ['../package.json', '../../package.json']) {
    try {
      return (require(p) as { version: string }).version;
    } catch {
      /* try the next layout (source vs dist) */
    }
  }
  return '0.0.0';
}
export const VERSION = findVersion();
