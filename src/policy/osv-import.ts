// Refreshes the bundled advisory list from OSV records (the open vulnerability format GitHub's advisory database and
// the OSV project publish; the OSV per-ecosystem exports are zip files of one JSON record per advisory). Only AI
// libraries of the package catalogue are kept, so the list stays about AI. Works offline on files you downloaded:
//   npm run advisories:update -- PyPI-all.zip npm-all.zip [more.json ...]

import { readFileSync, statSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { lookupPackage } from '../collectors/catalogue.js';
import type { Advisory } from './advisories.js';

/** The fields of an OSV record this import reads (https://ossf.github.io/osv-schema/). */
export interface OsvRecord {
  id: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  withdrawn?: string;
  affected?: Array<{
    package?: { ecosystem?: string; name?: string };
    ranges?: Array<{ type?: string; events?: Array<{ introduced?: string; fixed?: string; last_affected?: string; limit?: string }> }>;
  }>;
}

const OSV_ECOSYSTEMS: Record<string, Advisory['ecosystem']> = { PyPI: 'pypi', npm: 'npm' };

const normalise = (eco: string, name: string) => (eco === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name);

/** Whether the package catalogue knows this package as an AI library (prefix entries such as `@langchain/` too). */
export type AiPackageTest = (ecosystem: Advisory['ecosystem'], name: string) => boolean;
const inCatalogue: AiPackageTest = (eco, name) => lookupPackage(eco, name) !== undefined;

/** OSV range events → the ecosystem's range syntax (`>=1.0,<1.2` for PyPI, `>=1.0.0 <1.2.0` for npm), `||`-joined. */
export function rangesFromEvents(ecosystem: Advisory['ecosystem'], events: NonNullable<NonNullable<OsvRecord['affected']>[number]['ranges']>[number]['events']): { affected: string; fixed?: string } | undefined {
  const and = ecosystem === 'pypi' ? ',' : ' ';
  const parts: string[] = [];
  let lower: string | undefined;
  let fixed: string | undefined;
  for (const e of events ?? []) {
    if (e.introduced !== undefined) lower = e.introduced;
    else if (e.fixed !== undefined || e.last_affected !== undefined || e.limit !== undefined) {
      const upper = e.fixed !== undefined ? `<${e.fixed}` : e.last_affected !== undefined ? `<=${e.last_affected}` : `<${e.limit}`;
      parts.push(lower && lower !== '0' ? `>=${lower}${and}${upper}` : upper);
      if (e.fixed !== undefined) fixed = e.fixed;
      lower = undefined;
    }
  }
  if (lower !== undefined) parts.push(lower === '0' ? (ecosystem === 'pypi' ? '>=0' : '>=0.0.0') : `>=${lower}`);
  return parts.length ? { affected: parts.join(' || '), fixed } : undefined;
}

/** The advisories of one OSV record that concern AI libraries (one per affected package). */
export function advisoriesFromOsv(record: OsvRecord, isAi: AiPackageTest = inCatalogue): Advisory[] {
  if (record.withdrawn || !record.id) return [];
  const id = record.aliases?.find((a) => a.startsWith('CVE-')) ?? record.aliases?.find((a) => a.startsWith('GHSA-')) ?? record.id;
  const summary = (record.summary ?? record.details ?? '').split('\n')[0]!.trim().slice(0, 200) || `See ${id}`;
  const out: Advisory[] = [];
  for (const aff of record.affected ?? []) {
    const eco = OSV_ECOSYSTEMS[aff.package?.ecosystem ?? ''];
    const name = aff.package?.name;
    if (!eco || !name || !isAi(eco, name)) continue;
    const ranges = (aff.ranges ?? []).filter((r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER').map((r) => rangesFromEvents(eco, r.events)).filter((r) => r !== undefined);
    if (!ranges.length) continue;
    const fixed = ranges.map((r) => r.fixed).filter((f) => f !== undefined).at(-1);
    out.push({ id, ecosystem: eco, package: name, affected: ranges.map((r) => r.affected).join(' || '), ...(fixed ? { fixed } : {}), summary });
  }
  return out;
}

/** Reads OSV records from JSON files and zip exports; a file that is neither is an error naming it. */
export function readOsvRecords(file: string): OsvRecord[] {
  const bytes = readFileSync(file);
  const parse = (text: string, where: string): OsvRecord => {
    try {
      return JSON.parse(text) as OsvRecord;
    } catch (e) {
      throw new Error(`${where}: not an OSV JSON record (${(e as Error).message})`);
    }
  };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const files = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
    return Object.entries(files).map(([name, data]) => parse(Buffer.from(data).toString('utf8'), `${file}:${name}`));
  }
  if (!statSync(file).isFile()) throw new Error(`${file}: not a file`);
  const value = parse(bytes.toString('utf8'), file) as OsvRecord | OsvRecord[];
  return Array.isArray(value) ? value : [value];
}

/** Merges imported advisories into the current list: same id + package replaces, new ones are added, sorted. */
export function mergeAdvisories(current: Advisory[], imported: Advisory[]): Advisory[] {
  const key = (a: Advisory) => `${a.id}|${a.ecosystem}|${normalise(a.ecosystem, a.package)}`;
  const byKey = new Map(current.map((a) => [key(a), a]));
  for (const a of imported) byKey.set(key(a), a);
  return [...byKey.values()].sort((a, b) => a.ecosystem.localeCompare(b.ecosystem) || a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}
