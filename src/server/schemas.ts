// Zod schemas shared by the route modules: pagination, and the JSON shapes the API answers with.
import { z } from 'zod';
import type { ApiToken, AssetSummary, Role, ScanRun, Source, User } from '../model/api.js';
import { ASSET_KINDS, EDGE_KINDS, SENSITIVITIES } from '../model/asset.js';
import { SEVERITIES } from '../model/finding.js';
import { ROLES } from './api.js';

/**
 * True when a response schema describes exactly a type of the shared model (src/model/api.ts), which the store, the
 * server and the dashboard all use: `Expect<SameShape<typeof schema, Type>>` fails to compile when one side drifts.
 */
export type SameShape<S extends z.ZodType, T> = [z.output<S>] extends [T] ? ([T] extends [z.output<S>] ? true : false) : false;
export type Expect<T extends true> = T;

export const MAX_PAGE = 500;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Exact up to the count cap, then the cap with `totalCapped: true`. */
    total: z.number().int(),
    totalCapped: z.boolean().optional(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** `a,b,c` in a query string → a validated list. */
export function csvList<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));
}

export const order = z.enum(['asc', 'desc']);
export const idParam = z.object({ id: z.coerce.number().int().min(1) });
export const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date or time');

export const roleSchema = z.enum(ROLES);
export const ok = z.object({ ok: z.literal(true) });

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  username: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'write', 'admin']),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const sourceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  /** Where the source is scanned from (a folder path for `directory`). */
  location: z.string(),
  description: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scanCount: z.number().int(),
  lastScanId: z.string().nullable(),
  lastScanAt: z.string().nullable(),
  assetCount: z.number().int(),
});

export const scanRunSchema = z.object({
  id: z.string(),
  sourceId: z.number().int(),
  source: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  scanId: z.string().nullable(),
  summary: z
    .object({ assets: z.number(), findings: z.number(), added: z.number(), changed: z.number(), removed: z.number() })
    .nullable(),
});

export const scanSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  status: z.string(),
  toolVersion: z.string().nullable(),
  assetCount: z.number().int(),
  edgeCount: z.number().int(),
  warningCount: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  stats: z.record(z.string(), z.unknown()),
});

const jsonValue = z.unknown();

export const evidenceSchema = z.object({
  file: z.string().optional(),
  line: z.number().optional(),
  endLine: z.number().optional(),
  snippet: z.string().optional(),
  url: z.string().optional(),
  collector: z.string().optional(),
}).passthrough();

export const assetSummarySchema = z.object({
  id: z.string(),
  source: z.string(),
  sourceId: z.number().int(),
  kind: z.enum(ASSET_KINDS),
  key: z.string(),
  name: z.string(),
  provider: z.string().nullable(),
  /** Assigned owner if a person set one, else the scanned owner. */
  owner: z.string().nullable(),
  ownerAssigned: z.boolean(),
  environment: z.string().nullable(),
  sensitivity: z.enum(SENSITIVITIES).nullable(),
  tags: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  evidenceCount: z.number().int(),
  openFindings: z.number().int().optional(),
});

export const edgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(EDGE_KINDS),
  attrs: z.record(z.string(), jsonValue).optional(),
});

export const assetDetailSchema = assetSummarySchema.extend({
  attrs: z.record(z.string(), jsonValue),
  evidence: z.array(evidenceSchema),
  scannedOwner: z.string().nullable(),
  removedAt: z.string().nullable(),
  /** Other sources holding an asset with the same id. */
  alsoIn: z.array(z.string()),
  relationships: z.object({
    outgoing: z.array(edgeSchema.extend({ target: z.object({ id: z.string(), kind: z.string(), name: z.string() }).nullable() })),
    incoming: z.array(edgeSchema.extend({ target: z.object({ id: z.string(), kind: z.string(), name: z.string() }).nullable() })),
  }),
  findings: z.array(z.record(z.string(), jsonValue)),
});

export const severitySchema = z.enum(SEVERITIES);

export type ModelShapes = [
  Expect<SameShape<typeof roleSchema, Role>>,
  Expect<SameShape<typeof userSchema, User>>,
  Expect<SameShape<typeof tokenSchema, ApiToken>>,
  Expect<SameShape<typeof sourceSchema, Source>>,
  Expect<SameShape<typeof scanRunSchema, ScanRun>>,
  Expect<SameShape<typeof assetSummarySchema, AssetSummary>>,
];
