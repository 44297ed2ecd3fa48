// A one-line progress bar on stderr, only when stderr is a terminal; silent otherwise.

import type { ScanProgress } from '../scan.js';
import { humanBytes } from '../formats/table.js';

export interface Progress {
  update(p: ScanProgress): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100) return; // at most ten redraws a second
      last = now;
      const secs = (now - t0) / 1000;
      const rate = secs > 0 ? humanBytes(p.bytes / secs) + '/s' : '';
      let line: string;
      if (p.phase === 'walk') line = `listing files… ${p.files.toLocaleString('en')}`;
      else if (p.phase === 'graph') line = 'building the asset graph…';
      else {
        const frac = p.totalBytes ? p.bytes / p.totalBytes : p.totalFiles ? p.files / p.totalFiles : 0;
        const width = 28;
        const filled = Math.round(frac * width);
        line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.files.toLocaleString('en')}/${(p.totalFiles ?? 0).toLocaleString('en')} files  ${rate}`;
      }
      const cols = stream.columns || 80;
      stream.write('\r' + line.slice(0, cols - 1).padEnd(Math.min(cols - 1, 80)));
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r' + ' '.repeat(Math.min((stream.columns || 80) - 1, 80)) + '\r');
    },
  };
}
