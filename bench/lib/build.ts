// Compiles the scanner to JavaScript for the benchmark, as `npm run build` does for the CLI: the scan's
// worker threads load `scan-worker.js`, which a TypeScript loader in the parent does not reach, and
// the measured code should be what users run. Non-TypeScript files under src/ (SQL migrations, data)
// are copied beside the output.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { runProcess } from './process.js';

export async function buildScanner(repoRoot: string, outDir: string, timeoutMs: number): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere in a tree under construction must not stop the bench: tsc still emits.
  const r = await runProcess(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', outDir, '--sourceMap', 'false'], { timeoutMs, cwd: repoRoot });
  if (r.timedOut) throw new Error(`building the scanner took over ${timeoutMs / 1000} s`);
  const entry = path.join(outDir, 'src', 'scan.js');
  if (!existsSync(entry)) throw new Error(`building the scanner produced no ${entry}: ${(r.stdout + r.stderr).slice(-1500)}`);
  copyAssets(path.join(repoRoot, 'src'), path.join(outDir, 'src'));
}

function copyAssets(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const src = path.join(from, name);
    if (statSync(src).isDirectory()) {
      if (name !== 'testdata' && name !== 'node_modules') copyAssets(src, path.join(to, name));
    } else if (!name.endsWith('.ts')) cpSync(src, path.join(to, name));
  }
}
