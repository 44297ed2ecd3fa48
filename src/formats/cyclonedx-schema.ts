// Validates a CycloneDX 1.6 JSON BOM against the official schema shipped by @cyclonedx/cyclonedx-library
// (a devDependency). Only tests import this module: the renderer itself never needs the schema.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a `default` property; under NodeNext the default import may be either shape.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/**
 * The 1.6 schema refers to its companions by relative file name, so they must be registered under the
 * URLs those names resolve to from the schema's own `$id` (not under the `$id`s the companion files carry).
 */
const SCHEMA_BASE = 'http://cyclonedx.org/schema/';
const BOM_SCHEMA_FILE = 'bom-1.6.SNAPSHOT.schema.json';
const COMPANION_FILES = ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json'];

// Formats the CycloneDX schema uses that ajv-formats does not define. Both checks are linear-time.
// An IRI reference: no whitespace, controls or characters RFC 3987 excludes; `%` only as a percent-escape.
const IRI_REFERENCE = /^(?:[^\s\u0000-\u001f\u007f<>"{}|\\^`%]|%[0-9A-Fa-f]{2})*$/u;
const IDN_EMAIL = /^[^\s@]+@[^\s@]+$/u;

let cached: ValidateFunction | undefined;

function schemaDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
}

function compile(): ValidateFunction {
  const dir = schemaDir();
  const read = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, addUsedSchema: false });
  addFormats(ajv);
  ajv.addFormat('iri-reference', IRI_REFERENCE);
  ajv.addFormat('idn-email', IDN_EMAIL);
  for (const file of COMPANION_FILES) {
    // re-identify each companion by the URL the BOM schema's relative $ref resolves to
    ajv.addSchema({ ...read(file), $id: SCHEMA_BASE + file });
  }
  return ajv.compile(read(BOM_SCHEMA_FILE));
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const params = e.params && Object.keys(e.params).length ? JSON.stringify(e.params) : '';
  // enum errors carry the whole allowed list (hundreds of SPDX ids): keep messages readable
  const extra = params ? ` ${params.length > 200 ? params.slice(0, 200) + '…' : params}` : '';
  return `${where}: ${e.message ?? e.keyword}${extra}`;
}

/** Validates a parsed BOM (or its JSON text) against CycloneDX 1.6; returns one message per error, none when valid. */
export function validateCycloneDx(bom: unknown): string[] {
  cached ??= compile();
  const data = typeof bom === 'string' ? (JSON.parse(bom) as unknown) : bom;
  return cached(data) ? [] : (cached.errors ?? []).map(describe);
}
