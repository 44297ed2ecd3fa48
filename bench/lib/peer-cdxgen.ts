// The peer: cdxgen's AI-BOM mode on the same tree. Installed on demand into bench/.work/peers (never a
// project dependency); any failure becomes a reason shown in the table instead of a number.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ReportedModel } from './child-result.js';
import { runProcess } from './process.js';

export type PeerResult = { measured: true; version: string; wallMs: number; models: ReportedModel[] } | { measured: false; reason: string };

const PACKAGE = '@cyclonedx/cdxgen';

/** Installs cdxgen into `peersDir` unless it is there already; returns the binary or a reason. */
export async function ensureCdxgen(peersDir: string, timeoutMs: number): Promise<{ bin: string; version: string } | { reason: string }> {
  const bin = path.join(peersDir, 'node_modules', '.bin', 'cdxgen');
  if (!existsSync(bin)) {
    mkdirSync(peersDir, { recursive: true });
    const r = await runProcess('npm', ['install', '--no-audit', '--no-fund', '--prefix', peersDir, PACKAGE], { timeoutMs });
    if (r.timedOut) return { reason: `npm install ${PACKAGE} timed out after ${Math.round(timeoutMs / 1000)} s` };
    if (r.code !== 0 || !existsSync(bin)) return { reason: `npm install ${PACKAGE} failed: ${lastLine(r.stderr)}` };
  }
  const pkg = JSON.parse(readFileSync(path.join(peersDir, 'node_modules', '@cyclonedx', 'cdxgen', 'package.json'), 'utf8')) as { version: string };
  return { bin, version: pkg.version };
}

/** Runs `cdxgen -t ai` over the tree, offline (no dependency installs, no licence look-ups). */
export async function runCdxgen(peersDir: string, tree: string, timeoutMs: number, installTimeoutMs: number): Promise<PeerResult> {
  const found = await ensureCdxgen(peersDir, installTimeoutMs);
  if ('reason' in found) return { measured: false, reason: found.reason };
  const out = path.join(peersDir, 'cdxgen-out.json');
  rmSync(out, { force: true });
  const env = { ...process.env, FETCH_LICENSE: 'false', CDXGEN_DEBUG_MODE: '', NODE_NO_WARNINGS: '1' };
  const r = await runProcess(found.bin, ['-t', 'ai', '-o', out, '--no-install-deps', tree], { timeoutMs, env, cwd: peersDir });
  if (r.timedOut) return { measured: false, reason: `cdxgen ${found.version} did not finish within ${Math.round(timeoutMs / 1000)} s` };
  if (r.code !== 0 || !existsSync(out)) return { measured: false, reason: `cdxgen ${found.version} exited with ${r.code}: ${lastLine(r.stderr || r.stdout)}` };
  return { measured: true, version: found.version, wallMs: Math.round(r.wallMs), models: cdxgenModels(JSON.parse(readFileSync(out, 'utf8'))) };
}

interface CdxComponent {
  type: string;
  group?: string;
  name: string;
  properties?: Array<{ name: string; value: string }>;
  components?: CdxComponent[];
}

/**
 * The machine-learning-model components of a CycloneDX BOM as model ids. cdxgen puts the provider in
 * `group` for hosted models and the Hub organisation for Hugging Face ones; components for local weight
 * files (provider `local`) are left out, as aispm's model-file assets are.
 */
export function cdxgenModels(bom: { components?: CdxComponent[] }): ReportedModel[] {
  const out: ReportedModel[] = [];
  const visit = (cs: CdxComponent[] = []) => {
    for (const c of cs) {
      visit(c.components);
      if (c.type !== 'machine-learning-model') continue;
      const provider = c.properties?.find((p) => p.name === 'cdx:ai:provider')?.value;
      if (provider === 'local' || c.group === 'local') continue;
      const hubId = provider === 'huggingface' && c.group && c.group !== 'huggingface';
      const id = hubId ? `${c.group}/${c.name}` : c.name;
      out.push({ id, ...(provider ? { provider } : {}), key: `${c.group ?? ''}/${c.name}` });
    }
  };
  visit(bom.components);
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).slice(-1)[0]?.slice(0, 200) ?? '(no output)';
}
