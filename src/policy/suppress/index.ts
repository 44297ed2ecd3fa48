// Suppression: muted findings stay in the report with `suppressed` set (kind, reason, who, until), never dropped.
// Scan time applies inline comments, then the ignore file, then the baseline (the first that matches wins); the
// store's triage decisions (accepted, false positive) are applied after a save, when the store is used.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Asset, Finding, ScanWarning } from '../../model/index.js';
import { applyBaseline, readBaseline } from './baseline.js';
import { SuppressionInputError } from './errors.js';
import { applyIgnoreRules, DEFAULT_IGNORE_FILE, parseIgnoreFile } from './ignore-file.js';
import { applyInline } from './inline.js';

export { SuppressionInputError } from './errors.js';
export { DEFAULT_IGNORE_FILE, parseIgnoreFile, applyIgnoreRules, type IgnoreEntry } from './ignore-file.js';
export { parseDirective, applyInline } from './inline.js';
export { readBaseline, applyBaseline } from './baseline.js';

export interface SuppressOptions {
  /** The scanned root (absolute): inline comments are read under it, the default ignore file sits in it. */
  root: string;
  /** An ignore file the user named (it must exist); default: `.aispm-ignore.yaml` at the root, when present. */
  ignoreFile?: string;
  /** A previous JSON report or SARIF file. */
  baseline?: string;
  /** Expiry dates in the ignore file are compared with this (the scan's start). */
  now: Date;
}

export interface SuppressCounts {
  inline: number;
  ignoreFile: number;
  baseline: number;
}

export interface PreparedSuppressions {
  /** Marks the findings (in place) and adds the ignore file's warnings; returns how many each kind muted. */
  apply(findings: Finding[], assets: Asset[], warnings: ScanWarning[]): SuppressCounts;
}

/**
 * Reads what the user named before the scan does any work, so that a missing ignore file or an unusable baseline is
 * a usage error up front (SuppressionInputError), not after minutes of scanning.
 */
export function prepareSuppressions(opts: SuppressOptions): PreparedSuppressions {
  const baseline = opts.baseline ? readBaseline(opts.baseline) : undefined;
  let ignoreText: string | undefined;
  let ignoreName: string | undefined;
  const read = (file: string, name: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SuppressionInputError(code === 'ENOENT' ? `ignore file not found: ${name}` : `ignore file ${name}: cannot read it (${code ?? (e as Error).message})`);
    }
  };
  if (opts.ignoreFile) {
    ignoreName = opts.ignoreFile;
    ignoreText = read(path.resolve(opts.ignoreFile), opts.ignoreFile);
  } else if (existsSync(path.join(opts.root, DEFAULT_IGNORE_FILE))) {
    ignoreName = DEFAULT_IGNORE_FILE; // relative to the root, like every other path in the report
    ignoreText = read(path.join(opts.root, DEFAULT_IGNORE_FILE), DEFAULT_IGNORE_FILE);
  }
  return {
    apply(findings, assets, warnings) {
      const counts: SuppressCounts = { inline: 0, ignoreFile: 0, baseline: 0 };
      counts.inline = applyInline(findings, opts.root, warnings);
      if (ignoreText !== undefined) {
        const rules = parseIgnoreFile(ignoreText, ignoreName!, opts.now);
        warnings.push(...rules.warnings);
        counts.ignoreFile = applyIgnoreRules(findings, rules.entries, assets);
      }
      if (baseline) counts.baseline = applyBaseline(findings, baseline, opts.baseline!);
      return counts;
    },
  };
}

export interface StoredTriage {
  fingerprint: string;
  status: 'accepted' | 'false-positive';
  reason?: string;
  by?: string;
  until?: string;
}

/**
 * The store's decisions on this scan's findings: the status always, and the suppression unless a scan-time one was
 * already there (so a finding shows the first reason it was muted for).
 */
export function applyStoredTriage(findings: Finding[], triaged: StoredTriage[]): number {
  const byFingerprint = new Map(triaged.map((t) => [t.fingerprint, t]));
  let count = 0;
  for (const f of findings) {
    const t = byFingerprint.get(f.fingerprint);
    if (!t) continue;
    f.status = t.status;
    if (!f.suppressed) {
      f.suppressed = { kind: t.status, reason: t.reason ?? '' };
      if (t.by) f.suppressed.by = t.by;
      if (t.until) f.suppressed.until = t.until;
    }
    count++;
  }
  return count;
}
