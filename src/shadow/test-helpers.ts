// Shared by the shadow tests: analyse fixtures from testdata/ into summaries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EgressAggregator, summariseAll, type ServiceSummary, type SummaryOptions } from './aggregate.js';
import type { AllowList } from './allowlist.js';
import { parseAllowList } from './allowlist.js';
import { analyseLog, type AnalyseOptions, type LogStats } from './analyse.js';

export const TESTDATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata');
export const fixture = (name: string) => path.join(TESTDATA, name);

export function fixtureAllowList(name = 'allowlist.yaml'): AllowList {
  return parseAllowList(readFileSync(fixture(name), 'utf8'), name);
}

export async function analyseFixture(
  name: string,
  opts: AnalyseOptions & { allowList?: AllowList; summary?: Partial<SummaryOptions> } = {},
): Promise<{ stats: LogStats; services: ServiceSummary[]; byId: Map<string, ServiceSummary> }> {
  const agg = new EgressAggregator(opts.allowList);
  const stats = await analyseLog({ path: fixture(name) }, name, agg, opts);
  const services = summariseAll(agg, { allowListKnown: !!opts.allowList, ...opts.summary });
  return { stats, services, byId: new Map(services.map((s) => [s.service, s])) };
}
