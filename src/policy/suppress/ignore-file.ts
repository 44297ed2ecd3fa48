// The ignore file (`.aispm-ignore.yaml` at the scan root, or `--ignore-file`): entries that mute findings of a check,
// optionally only under a path glob, on one asset or one fingerprint, with a reason and an optional expiry date.
// Each entry is validated on its own: a bad entry is a warning naming the file and line, and the others still apply.

import ignore from 'ignore';
import { isMap, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { z } from 'zod';
import type { Asset, Finding, ScanWarning } from '../../model/index.js';

export const DEFAULT_IGNORE_FILE = '.aispm-ignore.yaml';

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

const EntrySchema = z.strictObject({
  check: z.string().trim().min(1, 'a check id is required'),
  path: z.string().trim().min(1).optional(),
  asset: z.string().trim().min(1).optional(),
  fingerprint: z.string().trim().toLowerCase().regex(/^[0-9a-f]{8,64}$/, 'a fingerprint is 8 to 64 hex digits (a prefix is fine)').optional(),
  reason: z.string().trim().min(1, 'a reason is required'),
  until: z.string().trim().regex(DATE, 'a date such as 2025-12-31').optional(),
});

export type IgnoreEntry = z.infer<typeof EntrySchema> & { line?: number };

export interface IgnoreRules {
  entries: IgnoreEntry[];
  warnings: ScanWarning[];
}

/** Parses the file's text; `file` names it in warnings. Never throws for bad content: that is warnings. */
export function parseIgnoreFile(text: string, file: string, now: Date): IgnoreRules {
  const warnings: ScanWarning[] = [];
  const warn = (message: string, line?: number) => warnings.push({ file, ...(line ? { line } : {}), message, collector: 'suppress' });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    warn(`invalid YAML, no entry applied: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line);
    return { entries: [], warnings };
  }
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  if (doc.contents === null) return { entries: [], warnings }; // an empty file ignores nothing
  const list = doc.get('ignore', true) as { items?: unknown[] } | undefined;
  if (!isMap(doc.contents) || !list || !Array.isArray(list.items)) {
    warn('expected a top-level `ignore:` list of entries (check, reason, and optionally path, asset, fingerprint, until)', lineAt(doc.contents));
    return { entries: [], warnings };
  }
  for (const key of (doc.contents as YAMLMap).items) {
    const name = (key.key as { value?: unknown })?.value;
    if (name !== 'ignore') warn(`unknown key "${String(name)}" (only \`ignore:\` is read)`, lineAt(key.key));
  }
  const entries: IgnoreEntry[] = [];
  for (const item of list.items) {
    const line = lineAt(item);
    const parsed = EntrySchema.safeParse((item as { toJSON?: () => unknown })?.toJSON?.() ?? item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path[0];
      // point at the offending key's own line when there is one
      const keyLine = key !== undefined && isMap(item) ? lineAt((item as YAMLMap).get(String(key), true)) : undefined;
      const what = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      warn(`ignore entry skipped: ${key !== undefined ? `${String(key)}: ` : ''}${what}`, keyLine ?? line);
      continue;
    }
    const entry: IgnoreEntry = { ...parsed.data, line };
    if (entry.check === '*' && !entry.path && !entry.asset && !entry.fingerprint) {
      warn('ignore entry skipped: check "*" needs a path, asset or fingerprint (it would mute everything)', line);
      continue;
    }
    if (entry.until) {
      const until = new Date(/T/.test(entry.until) ? entry.until : `${entry.until}T00:00:00.000Z`);
      if (Number.isNaN(until.getTime())) {
        warn(`ignore entry skipped: until: "${entry.until}" is not a date`, line);
        continue;
      }
      if (until.getTime() <= now.getTime()) {
        warn(`ignore entry for ${entry.check} expired on ${entry.until}: its findings are reported again`, line);
        continue;
      }
      entry.until = until.toISOString();
    }
    entries.push(entry);
  }
  return { entries, warnings };
}

function matches(entry: IgnoreEntry, f: Finding, assets: Map<string, Pick<Asset, 'key'>>): boolean {
  if (entry.check !== '*' && entry.check.toUpperCase() !== f.checkId.toUpperCase()) return false;
  if (entry.fingerprint && !f.fingerprint.startsWith(entry.fingerprint)) return false;
  if (entry.asset && entry.asset !== f.assetId && entry.asset !== assets.get(f.assetId)?.key) return false;
  if (entry.path) {
    // every file the finding points at must be under the glob (gitignore syntax, as --exclude)
    const files = f.evidence.map((e) => e.file).filter((x): x is string => !!x);
    if (!files.length) return false;
    const glob = ignore().add(entry.path);
    if (!files.every((file) => glob.ignores(file))) return false;
  }
  return true;
}

/** Marks the findings the rules cover; returns how many. The first matching entry gives the reason. */
export function applyIgnoreRules(findings: Finding[], rules: IgnoreEntry[], assets: Asset[]): number {
  if (!rules.length) return 0;
  const byId = new Map(assets.map((a) => [a.id, a]));
  let count = 0;
  for (const f of findings) {
    if (f.suppressed) continue;
    const entry = rules.find((r) => matches(r, f, byId));
    if (!entry) continue;
    f.suppressed = { kind: 'ignore-file', reason: entry.reason, ...(entry.until ? { until: entry.until } : {}) };
    count++;
  }
  return count;
}
