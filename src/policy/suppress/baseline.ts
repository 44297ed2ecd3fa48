// `--baseline FILE`: the fingerprints of an earlier run, from aispm's JSON report or a SARIF file, so that a CI run
// reports only what is new. Findings already in the baseline stay in the output, marked suppressed.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../model/index.js';
import { SuppressionInputError } from './errors.js';

const HEX_FINGERPRINT = /^[0-9a-f]{64}$/;

/** Every finding fingerprint the file names; throws SuppressionInputError naming the file when it is neither format. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SuppressionInputError(`baseline ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SuppressionInputError(`baseline ${file}: not JSON (${(e as Error).message}); give a report from --format json or sarif`);
  }
  const found = new Set<string>();
  const o = doc as { findings?: unknown; runs?: unknown };
  if (Array.isArray(o?.findings)) {
    for (const f of o.findings as Array<{ fingerprint?: unknown }>) if (typeof f?.fingerprint === 'string') found.add(f.fingerprint);
    return found;
  }
  if (Array.isArray(o?.runs)) {
    // SARIF: the finding fingerprint is one of the values of partialFingerprints / fingerprints (whatever its key)
    for (const run of o.runs as Array<{ results?: unknown }>) {
      for (const r of Array.isArray(run?.results) ? (run.results as Array<Record<string, unknown>>) : []) {
        for (const bag of [r.partialFingerprints, r.fingerprints, r.properties]) {
          if (!bag || typeof bag !== 'object') continue;
          for (const v of Object.values(bag as Record<string, unknown>)) {
            if (typeof v === 'string' && HEX_FINGERPRINT.test(v)) found.add(v);
          }
        }
      }
    }
    return found;
  }
  throw new SuppressionInputError(`baseline ${file}: neither an aispm JSON report (findings[]) nor a SARIF log (runs[])`);
}

export function applyBaseline(findings: Finding[], fingerprints: Set<string>, file: string): number {
  let count = 0;
  for (const f of findings) {
    if (f.suppressed || !fingerprints.has(f.fingerprint)) continue;
    f.suppressed = { kind: 'baseline', reason: `already in the baseline ${path.basename(file)}` };
    count++;
  }
  return count;
}
