// Configuration shared by the CLI commands.
import os from 'node:os';
import path from 'node:path';

/** Where the embedded store lives unless --data-dir or AISPM_DATA_DIR say otherwise. */
export function defaultDataDir(): string {
  if (process.env.AISPM_DATA_DIR) return process.env.AISPM_DATA_DIR;
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'aispm');
}
