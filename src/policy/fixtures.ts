// Check fixtures: a small graph written by hand. Assets need only `kind` and `key` (the id is derived as the
// graph builder would); edges are `[from, kind, to]` or `{from, kind, to}` where an end is an asset id or
// `<kind>:<key>`. A full Report JSON is accepted as is.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ASSET_KINDS, EDGE_KINDS, SENSITIVITIES, assetId, type Asset, type Edge, type Report } from '../model/index.js';

const FixtureAsset = z
  .object({
    id: z.string().optional(),
    kind: z.enum(ASSET_KINDS),
    key: z.string().min(1),
    name: z.string().optional(),
    provider: z.string().optional(),
    owner: z.string().optional(),
    environment: z.string().optional(),
    sensitivity: z.enum(SENSITIVITIES).optional(),
    tags: z.array(z.string()).optional(),
    attrs: z.record(z.string(), z.any()).optional(),
    evidence: z.array(z.object({ file: z.string().optional(), line: z.number().optional(), snippet: z.string().optional(), uri: z.string().optional(), collector: z.string() })).optional(),
  })
  .strict();
const FixtureEdge = z.union([
  z.tuple([z.string(), z.enum(EDGE_KINDS), z.string()]),
  z.object({ from: z.string(), kind: z.enum(EDGE_KINDS), to: z.string() }).passthrough(),
]);
const FixtureSchema = z.object({ assets: z.array(FixtureAsset), edges: z.array(FixtureEdge).default([]) }).passthrough();

export type Graph = Pick<Report, 'assets' | 'edges'>;

export function readFixture(file: string, label = file): Graph {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`);
  }
  return fixtureGraph(raw, label);
}

export function fixtureGraph(raw: unknown, label: string): Graph {
  const parsed = FixtureSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${label}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const assets: Asset[] = parsed.data.assets.map((a) => ({
    id: a.id ?? assetId(a.kind, a.key),
    kind: a.kind,
    key: a.key,
    name: a.name ?? a.key,
    ...(a.provider ? { provider: a.provider } : {}),
    ...(a.owner ? { owner: a.owner } : {}),
    ...(a.environment ? { environment: a.environment } : {}),
    ...(a.sensitivity ? { sensitivity: a.sensitivity } : {}),
    attrs: a.attrs ?? {},
    evidence: a.evidence ?? [],
    tags: a.tags ?? [],
  }));
  const ids = new Set(assets.map((a) => a.id));
  const resolve = (ref: string, where: string): string => {
    if (ids.has(ref)) return ref;
    const colon = ref.indexOf(':');
    const kind = ref.slice(0, colon);
    if (colon > 0 && (ASSET_KINDS as readonly string[]).includes(kind)) return assetId(kind as Asset['kind'], ref.slice(colon + 1));
    throw new Error(`${label}: ${where}: ${ref} is neither an asset id nor <kind>:<key>`);
  };
  const edges: Edge[] = parsed.data.edges.map((e, i) => {
    const [from, kind, to] = Array.isArray(e) ? e : [e.from, e.kind, e.to];
    return { from: resolve(from, `edges.${i}`), kind, to: resolve(to, `edges.${i}`) };
  });
  return { assets, edges };
}
