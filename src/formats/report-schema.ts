// Validates a JSON report against its published schema (`schemas/report-<version>.schema.json`, JSON Schema
// draft-07), chosen by the report's own `schemaVersion`.

import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { REPORT_SCHEMA_VERSION } from '../model/index.js';
import { fromPackageRoot } from '../policy/package-root.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

export function reportSchemaFile(version = REPORT_SCHEMA_VERSION): string {
  return fromPackageRoot('schemas', `report-${version}.schema.json`);
}

const compiled = new Map<string, ValidateFunction>();

function validator(version: string): ValidateFunction {
  let v = compiled.get(version);
  if (!v) {
    const file = reportSchemaFile(version);
    if (!existsSync(file)) throw new Error(`no schema for report version ${version} (schemas/report-${version}.schema.json)`);
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    compiled.set(version, v);
  }
  return v;
}

function describe(e: ErrorObject): string {
  const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${params}`;
}

/** One message per schema error (none when valid), against the schema of the report's own version. */
export function validateReport(report: unknown): string[] {
  const data = typeof report === 'string' ? (JSON.parse(report) as unknown) : report;
  const version = (data as { schemaVersion?: unknown })?.schemaVersion;
  if (typeof version !== 'string') return ['/schemaVersion: missing'];
  const v = validator(version);
  return v(data) ? [] : (v.errors ?? []).map(describe);
}
