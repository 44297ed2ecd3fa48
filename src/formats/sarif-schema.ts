// Validates SARIF against the official OASIS SARIF 2.1.0 schema (vendored, unchanged, in test/schemas/).
// The schema is JSON Schema draft-04, which Ajv 8 only reads through ajv-draft-04 (a devDependency): only
// tests import this module.

import { readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fromPackageRoot } from '../policy/package-root.js';

// Both packages are CommonJS with a `default` property; under NodeNext the default import may be either shape.
type AjvCtor = new (opts: Record<string, unknown>) => { compile(schema: unknown): ValidateFunction };
const AjvDraft04: AjvCtor = (AjvDraft04Module as unknown as { default?: AjvCtor }).default ?? (AjvDraft04Module as unknown as AjvCtor);
type FormatsPlugin = (ajv: unknown) => unknown;
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

export const SARIF_SCHEMA_FILE = fromPackageRoot('test', 'schemas', 'sarif-2.1.0.schema.json');

let cached: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const ajv = new AjvDraft04({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
}

function describe(e: ErrorObject): string {
  const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${params}`;
}

/** One message per schema error; none when the log is valid SARIF 2.1.0. */
export function validateSarif(log: unknown): string[] {
  cached ??= compile();
  const data = typeof log === 'string' ? (JSON.parse(log) as unknown) : log;
  return cached(data) ? [] : (cached.errors ?? []).map(describe);
}
