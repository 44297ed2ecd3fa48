// The check library (Settings → Checks): everyone reads the built-in and custom checks; admins add, edit, enable,
// disable and delete custom checks, and try one on a source's latest scan before saving it. Custom checks are stored
// as their check.yaml text (migration 006) and judged by every later server scan beside the built-in library.
import { z } from 'zod';
import type { CheckDetail, CheckInfo } from '../../model/api.js';
import { SEVERITIES } from '../../model/finding.js';
import { evaluate, PolicyLoadError } from '../../policy/index.js';
import { CHECK_ID } from '../../policy/schema.js';
import {
  createCustomCheck, type CustomCheckRecord, deleteCustomCheck, getCustomCheck, updateCustomCheck,
} from '../../store/custom-checks.js';
import { ApiError, notFound, type RouteModule } from '../api.js';
import {
  builtinCheckDetail, builtinChecks, customCheckDetail, libraryChecks, MAX_CHECK_YAML, validateCheckYaml,
} from '../check-library.js';
import { complianceSource } from '../compliance.js';
import { csvList, type Expect, type SameShape } from '../schemas.js';

const frameworks = z.record(z.string(), z.array(z.string()));

const checkSchema = z.object({
  id: z.string(),
  longId: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  domain: z.string().describe('the folder of a built-in check (agents, secrets, cloud, ...); `custom` for custom checks'),
  kinds: z.array(z.string()),
  maturity: z.string(),
  frameworks,
  remediation: z.string(),
  references: z.array(z.string()),
  custom: z.boolean().describe('added through the server rather than shipped with aispm'),
  enabled: z.boolean().describe('server scans judge with it'),
});

const checkDetailSchema = checkSchema.extend({
  condition: z.string(),
  message: z.string(),
  yaml: z.string().describe('the check.yaml text: the built-in file, or the custom check as uploaded'),
  problem: z.string().nullable().describe('why a stored custom check no longer loads; scans skip it meanwhile'),
  createdBy: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export type CheckShapes = [Expect<SameShape<typeof checkSchema, CheckInfo>>, Expect<SameShape<typeof checkDetailSchema, CheckDetail>>];

const checkTestSchema = z.object({
  checkId: z.string(),
  source: z.string(),
  scanId: z.string(),
  evaluated: z.number().int().describe('assets of the check\'s kinds it was evaluated on'),
  total: z.number().int().describe('assets that fail it'),
  findings: z.array(z.record(z.string(), z.unknown())).describe('the findings it would raise (severity base score, before prioritisation)'),
  problems: z.array(z.object({ assetId: z.string().nullable(), message: z.string() })),
});

const idParam = z.object({ id: z.string().regex(CHECK_ID, 'a check id such as ACME-001') });
const yamlBody = z.string().min(1).max(MAX_CHECK_YAML).describe('the check.yaml text (docs/custom-checks.md)');

const FORMAT_HELP = 'The body\'s `yaml` is a check.yaml exactly as `aispm scan --policy DIR` reads it (docs/custom-checks.md). ' +
  'An invalid check is refused with 400 `invalid_check`, the message naming the line and key; `details` has `{ key, line, problem }`.';

/** The policy loader's complaint as a 400 naming the line and key. */
function invalidCheck(e: unknown): never {
  if (e instanceof PolicyLoadError && e.at) {
    const { key, line, problem } = e.at;
    throw new ApiError(400, 'invalid_check', `check.yaml${line ? ` line ${line}` : ''}: ${key}: ${problem}`, { key, line: line ?? null, problem });
  }
  if (e instanceof PolicyLoadError) throw new ApiError(400, 'invalid_check', e.message);
  throw e;
}

function validate(yaml: string, id?: string) {
  try {
    return validateCheckYaml(yaml, { id });
  } catch (e) {
    return invalidCheck(e);
  }
}

/** What the audit log keeps of a custom check: its whole definition. */
const audited = (r: CustomCheckRecord) => ({ id: r.id, enabled: r.enabled, yaml: r.yaml });

export const checkRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/checks',
    operationId: 'listChecks',
    summary: 'The check library the server judges scans with: built-in and custom checks',
    tags: ['checks'],
    access: 'viewer',
    query: z.object({
      q: z.string().max(200).optional().describe('text in the id, long id or title'),
      severity: csvList(SEVERITIES).optional(),
      domain: z.string().max(50).optional(),
      origin: z.enum(['builtin', 'custom']).optional().describe('built-in checks only, or custom ones only'),
    }),
    response: z.object({ items: z.array(checkSchema), domains: z.array(z.string()) }),
    handler: async ({ query, ctx }) => {
      const all = await libraryChecks(ctx.db);
      const q = query.q?.toLowerCase();
      const items = all
        .filter((c) => !q || `${c.id} ${c.longId} ${c.title}`.toLowerCase().includes(q))
        .filter((c) => !query.severity || query.severity.includes(c.severity))
        .filter((c) => !query.domain || c.domain === query.domain)
        .filter((c) => !query.origin || c.custom === (query.origin === 'custom'));
      return { items, domains: [...new Set(all.map((c) => c.domain))].sort() };
    },
  });

  api.route({
    method: 'GET',
    path: '/api/checks/:id',
    operationId: 'getCheck',
    summary: 'One check in full, with its check.yaml',
    tags: ['checks'],
    access: 'viewer',
    params: idParam,
    response: checkDetailSchema,
    handler: async ({ params, ctx }) => {
      const b = builtinChecks().byId.get(params.id);
      if (b) return builtinCheckDetail(b);
      const r = await getCustomCheck(ctx.db, params.id);
      if (!r) throw notFound(`check ${params.id}`);
      return customCheckDetail(r);
    },
  });

  api.route({
    method: 'POST',
    path: '/api/checks',
    operationId: 'createCheck',
    summary: 'Add a custom check (judged by every later scan while enabled)',
    description: FORMAT_HELP,
    tags: ['checks'],
    access: 'admin',
    body: z.object({ yaml: yamlBody, enabled: z.boolean().default(true) }),
    response: checkDetailSchema,
    status: 201,
    handler: async ({ body, user, ctx, audit }) => {
      const { check } = validate(body.yaml);
      return ctx.db.transaction(async (tx) => {
        const created = await createCustomCheck(tx, { id: check.id, yaml: body.yaml, enabled: body.enabled, by: user.username });
        if (!created) throw new ApiError(409, 'conflict', `a custom check ${check.id} exists: edit it, or give this one another id`);
        await audit({ action: 'check.create', target: { type: 'check', id: created.id }, after: audited(created) }, tx);
        return customCheckDetail(created);
      });
    },
  });

  /** Loads a custom check for a change, refusing built-in ids with a clear word. */
  const customOr404 = async (q: Parameters<typeof getCustomCheck>[0], id: string) => {
    if (builtinChecks().byId.has(id)) throw new ApiError(400, 'builtin_check', `${id} is a built-in check: built-in checks cannot be changed`);
    const r = await getCustomCheck(q, id);
    if (!r) throw notFound(`custom check ${id}`);
    return r;
  };

  api.route({
    method: 'PUT',
    path: '/api/checks/:id',
    operationId: 'updateCheck',
    summary: 'Replace a custom check\'s YAML (its id stays)',
    description: FORMAT_HELP,
    tags: ['checks'],
    access: 'admin',
    params: idParam,
    body: z.object({ yaml: yamlBody }),
    response: checkDetailSchema,
    handler: async ({ params, body, user, ctx, audit }) => {
      await customOr404(ctx.db, params.id);
      validate(body.yaml, params.id);
      return ctx.db.transaction(async (tx) => {
        const before = await customOr404(tx, params.id);
        const after = (await updateCustomCheck(tx, params.id, { yaml: body.yaml }, user.username))!;
        await audit({ action: 'check.update', target: { type: 'check', id: params.id }, before: audited(before), after: audited(after) }, tx);
        return customCheckDetail(after);
      });
    },
  });

  api.route({
    method: 'PATCH',
    path: '/api/checks/:id',
    operationId: 'setCheckEnabled',
    summary: 'Enable or disable a custom check (a disabled check\'s findings resolve at the next scan of each source)',
    tags: ['checks'],
    access: 'admin',
    params: idParam,
    body: z.object({ enabled: z.boolean() }),
    response: checkDetailSchema,
    handler: async ({ params, body, user, ctx, audit }) => {
      return ctx.db.transaction(async (tx) => {
        const before = await customOr404(tx, params.id);
        const after = (await updateCustomCheck(tx, params.id, { enabled: body.enabled }, user.username))!;
        await audit({ action: body.enabled ? 'check.enable' : 'check.disable', target: { type: 'check', id: params.id },
          before: audited(before), after: audited(after) }, tx);
        return customCheckDetail(after);
      });
    },
  });

  api.route({
    method: 'DELETE',
    path: '/api/checks/:id',
    operationId: 'deleteCheck',
    summary: 'Delete a custom check (its findings resolve at the next scan of each source)',
    tags: ['checks'],
    access: 'admin',
    params: idParam,
    status: 204,
    handler: async ({ params, user, ctx, audit }) => {
      await ctx.db.transaction(async (tx) => {
        const before = await customOr404(tx, params.id);
        await deleteCustomCheck(tx, params.id, user.username);
        await audit({ action: 'check.delete', target: { type: 'check', id: params.id }, before: audited(before) }, tx);
      });
    },
  });

  api.route({
    method: 'POST',
    path: '/api/checks/test',
    operationId: 'testCheck',
    summary: 'Dry run: what a check would raise on the latest scan of a source (nothing is stored)',
    description: `${FORMAT_HELP} The check may be one being edited (an existing custom id) but not a built-in id.`,
    tags: ['checks'],
    access: 'admin',
    body: z.object({
      yaml: yamlBody,
      source: z.string().min(1).max(100).optional().describe('the source\'s name; may be left out when there is only one'),
      limit: z.number().int().min(1).max(500).default(50).describe('findings listed at most'),
    }),
    response: checkTestSchema,
    handler: async ({ body, ctx }) => {
      const { check, set } = validate(body.yaml);
      const source = await complianceSource(ctx, body.source);
      if (!source.lastScanId) throw new ApiError(409, 'not_scanned', `source ${source.name} has not been scanned yet`);
      const [assets, edges] = await Promise.all([ctx.store.assets(source.name), ctx.store.edges(source.name)]);
      const { findings, problems } = evaluate({ assets, edges }, set);
      const kinds = new Set<string>(check.kinds);
      return {
        checkId: check.id,
        source: source.name,
        scanId: source.lastScanId,
        evaluated: assets.filter((a) => kinds.has(a.kind)).length,
        total: findings.length,
        findings: findings.slice(0, body.limit) as unknown as Array<Record<string, unknown>>,
        problems: problems.map((p) => ({ assetId: p.assetId ?? null, message: p.message })),
      };
    },
  });
};
