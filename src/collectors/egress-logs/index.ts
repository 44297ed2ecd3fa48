// Collector `egress-logs`: proxy, DNS, TLS and firewall logs inside a scanned tree (Squid access.log,
// Zeek http/dns/ssl logs, JSON-lines, CSV and key=value exports, plain or gzip). Each AI service the
// traffic reached becomes an `ai-service` asset keyed by provider id, with who called it, how often, the
// bytes sent and when (attrs.egress), and `sanctioned` when the tree has an allow-list at
// `security/ai-allowlist.yaml`. Whether the service is also declared by code is the graph's to say.
// Logs are streamed from disk, never read whole.

import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { EgressAggregator, summariseAll } from '../../shadow/aggregate.js';
import type { AllowList, AllowListError } from '../../shadow/allowlist.js';
import { analyseLog, DETECT_LINES } from '../../shadow/analyse.js';
import { EGRESS_COLLECTOR_ID, EGRESS_COLLECTOR_VERSION, serviceDraft } from '../../shadow/assets.js';
import { isGzip, type LogSource } from '../../shadow/lines.js';
import { detectFormat, type LogFormat } from '../../shadow/parsers/index.js';
import type { ColumnMap } from '../../shadow/records.js';
import type { CollectContext, Collector, FileInput } from '../types.js';

/** Where a scanned tree keeps its AI allow-list, relative to the root. */
export const ALLOWLIST_PATH = 'security/ai-allowlist.yaml';
/** Logs larger than this are skipped with a warning (streamed, but a scan should not spend minutes on one file). */
export const MAX_LOG_BYTES = 2 * 1024 * 1024 * 1024;

// `access.log`, `access.log.1`, `access.log.gz`; Zeek's `http.log`, `ssl.09:00:00-10:00:00.log.gz`.
const LOG_NAME = /^(?:access|squid|proxy|egress|firewall|http|https|dns|ssl|tls|conn)(?:[._-][\w:.-]*)?\.log(?:\.\d+)?(?:\.gz)?$|^access\.log(?:\.\d+)?(?:\.gz)?$/;
const ANY_LOG = /\.log(?:\.\d+)?(?:\.gz)?$/;
const LOG_FOLDER = /(?:^|\/)logs?\//;

/** The formats recognised by content alone (distinctive enough to claim a file with any name). */
const SNIFFED: ReadonlySet<LogFormat> = new Set(['zeek', 'squid']);
const SNIFF_TEXT_BYTES = 16 * 1024;

export function isEgressLogName(rel: string, base: string): boolean {
  return LOG_NAME.test(base) || (ANY_LOG.test(base) && LOG_FOLDER.test(rel));
}

/** Decompresses the start of a gzip stream (a truncated member is fine: only the first lines are needed). */
function headText(head: Buffer): string {
  const bytes = isGzip(head) ? gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }) : head;
  return bytes.subarray(0, SNIFF_TEXT_BYTES).toString('utf8');
}

export function sniffEgressLog(head: Buffer): boolean {
  try {
    const lines = headText(head).split('\n', DETECT_LINES + 1).slice(0, DETECT_LINES);
    const format = detectFormat(lines);
    return format !== undefined && SNIFFED.has(format);
  } catch {
    return false; // not gzip after all, or binary
  }
}

// The allow-list schema pulls in zod (about 200 ms of CPU at import): loaded only when a tree has an allow-list.
let allowListModule: Promise<typeof import('../../shadow/allowlist.js')> | undefined;
const loadAllowListModule = () => (allowListModule ??= import('../../shadow/allowlist.js'));

export interface EgressCollectorOptions {
  /** Applied to every log; default: the tree's `security/ai-allowlist.yaml` when it exists. */
  allowList?: AllowList;
  columns?: ColumnMap;
}

/** The scanned root from a file's absolute and relative paths (empty when the input is not on disk). */
function rootOf(file: FileInput): string | undefined {
  if (!path.isAbsolute(file.abs)) return undefined;
  const relNative = file.rel.split('/').join(path.sep);
  return file.abs.endsWith(relNative) ? file.abs.slice(0, file.abs.length - relNative.length) : undefined;
}

export function createEgressLogsCollector(options: EgressCollectorOptions = {}): Collector {
  // one allow-list per scanned root, loaded once per process (worker threads each load their own)
  const allowLists = new Map<string, Promise<AllowList | { error: AllowListError } | undefined>>();
  const loadAllowList = (root: string) => {
    let p = allowLists.get(root);
    if (!p) {
      const abs = path.join(root, ALLOWLIST_PATH);
      p = fs
        .readFile(abs, 'utf8')
        .then(async (text) => {
          const { AllowListError, parseAllowList } = await loadAllowListModule();
          try {
            return parseAllowList(text, ALLOWLIST_PATH);
          } catch (e) {
            if (e instanceof AllowListError) return { error: e };
            throw e;
          }
        })
        .catch(() => undefined); // no allow-list, or one that cannot be read: none applies
      allowLists.set(root, p);
    }
    return p;
  };

  const allowListFor = async (file: FileInput, ctx: CollectContext): Promise<AllowList | undefined> => {
    if (options.allowList) return options.allowList;
    const root = rootOf(file);
    if (root === undefined) return undefined;
    const found = await loadAllowList(root);
    if (found && 'error' in found) {
      ctx.warn(`allow-list not applied: ${found.error.message}`);
      return undefined;
    }
    return found;
  };

  return {
    id: EGRESS_COLLECTOR_ID,
    version: EGRESS_COLLECTOR_VERSION,
    wants: isEgressLogName,
    sniff: (head) => sniffEgressLog(head),
    async collect(file, ctx) {
      if (file.size > MAX_LOG_BYTES) {
        ctx.warn(`log is ${file.size} bytes, over the ${MAX_LOG_BYTES}-byte limit of the egress-logs collector; analyse it with \`aispm shadow\``);
        return;
      }
      // Stream from disk; inputs that live only in memory (tests, nested content) are small.
      const src: LogSource = path.isAbsolute(file.abs) && existsSync(file.abs) ? { path: file.abs } : { bytes: await file.bytes() };
      const allowList = await allowListFor(file, ctx);
      const agg = new EgressAggregator(allowList);
      const stats = await analyseLog(src, file.rel, agg, { columns: options.columns });
      if (!stats.format) return; // named like a log, but not an egress log
      for (const w of stats.warnings) ctx.warn(w.message, w.line);
      for (const s of summariseAll(agg, { allowListKnown: !!allowList })) {
        ctx.asset(serviceDraft(s, s.logs.map((l) => ctx.at(l.line, l.snippet))));
      }
    },
  };
}

export const egressLogsCollector: Collector = createEgressLogsCollector();
