// The OpenAPI 3.1 document, generated from the routes as registered (zod → JSON Schema 2020-12), never hand-kept.
import { z } from 'zod';
import { VERSION } from '../version.js';
import type { RegisteredRoute } from './api.js';

type JsonSchema = Record<string, unknown>;

/** Schemas with a zod `.meta({ id })` land in components.schemas and are referenced from the operations. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    delete json.$schema;
    const defs = json.$defs as Record<string, JsonSchema> | undefined;
    delete json.$defs;
    for (const [name, def] of Object.entries(defs ?? {})) this.components[name] ??= this.rewrite(def);
    return this.rewrite(json);
  }

  private rewrite(json: JsonSchema): JsonSchema {
    return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'));
  }
}

/** Fastify `:id` → OpenAPI `{id}`. */
const openapiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(c: SchemaCollector, schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = c.convert(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || (required.has(name) && !('default' in s)),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

export function buildOpenApi(routes: RegisteredRoute[], serverUrl?: string): JsonSchema {
  const c = new SchemaCollector();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    const op: JsonSchema = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      // who may call it, machine-readable: the role-matrix test and the dashboard read this
      'x-aispm-access': r.access,
      parameters: [...parameters(c, r.params, 'path'), ...parameters(c, r.query, 'query')],
    };
    if (r.access === 'public') op.security = [];
    if (r.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: c.convert(r.body, 'input') } } };
    }
    const responses: Record<string, JsonSchema> = {};
    if (r.status === 204) responses['204'] = { description: 'Done' };
    else if (r.produces) {
      responses[String(r.status)] = {
        description: 'The exported document',
        content: Object.fromEntries(r.produces.map((t) => [t, { schema: { type: 'string' } }])),
      };
    } else {
      responses[String(r.status)] = {
        description: 'Success',
        content: { 'application/json': { schema: r.response ? c.convert(r.response, 'output') : {} } },
      };
    }
    const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    if (r.params || r.query || r.body) responses['400'] = err('Invalid parameters or body');
    if (r.access !== 'public') {
      responses['401'] = err('Not signed in (no valid session cookie or API token)');
      if (r.access !== 'viewer' || r.method !== 'GET') responses['403'] = err('Role or token scope too low, or missing CSRF token');
    }
    if (r.path.includes(':')) responses['404'] = err('Not found');
    op.responses = responses;
    (paths[openapiPath(r.path)] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'aispm API',
      version: VERSION,
      description:
        'AI Security Posture Management server. Sign in with POST /api/auth/login (session cookie; send the returned ' +
        'csrfToken as X-CSRF-Token on changes) or send an API token as `Authorization: Bearer aispm_...`. ' +
        '`x-aispm-access` on each operation is the least role needed (viewer < analyst < admin; `self`: any signed-in user).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { ...c.components, Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'aispm_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token (aispm_...), scoped read/write/admin' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  };
}
