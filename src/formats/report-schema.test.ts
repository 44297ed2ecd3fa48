import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ASSET_KINDS, EDGE_KINDS, ENTRY_KINDS, FRAMEWORKS, REPORT_SCHEMA_VERSION, SEVERITIES, TARGET_KINDS } from '../model/index.js';
import { renderJson } from './json.js';
import { reportSchemaFile, validateReport } from './report-schema.js';
import { fullReport } from './testdata/judged-report.js';
import { sampleReport } from './testdata/sample-report.js';

const schema = JSON.parse(readFileSync(reportSchemaFile(), 'utf8')) as {
  properties: { schemaVersion: { const: string } };
  definitions: Record<string, { properties: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>; propertyNames?: { enum: string[] } }>;
};

test('the schema of the current REPORT_SCHEMA_VERSION exists and names that version', () => {
  assert.equal(schema.properties.schemaVersion.const, REPORT_SCHEMA_VERSION);
});

test('the schema enumerations match the model (a new kind must be added to both)', () => {
  const d = schema.definitions;
  assert.deepEqual(d.Asset!.properties.kind!.enum, [...ASSET_KINDS]);
  assert.deepEqual(d.Edge!.properties.kind!.enum, [...EDGE_KINDS]);
  assert.deepEqual(d.Finding!.properties.severity!.enum, [...SEVERITIES]);
  assert.deepEqual(d.FrameworkMappings!.propertyNames!.enum, [...FRAMEWORKS]);
  assert.deepEqual(d.AttackPath!.properties.entry!.properties!.kind!.enum, [...ENTRY_KINDS]);
  assert.deepEqual(d.AttackPath!.properties.target!.properties!.kind!.enum, [...TARGET_KINDS]);
});

test('reports with findings, suppressions, attack paths and warnings validate; so does an inventory-only one', () => {
  assert.deepEqual(validateReport(renderJson(fullReport())), []);
  assert.deepEqual(validateReport(renderJson(sampleReport())), []);
});

test('the schema rejects what the model does not allow, so a pass means something', () => {
  const r = JSON.parse(renderJson(fullReport())) as Record<string, unknown> & { assets: Array<Record<string, unknown>>; findings: Array<Record<string, unknown>> };
  r.assets[0]!.kind = 'spaceship';
  r.findings[0]!.severity = 'urgent';
  delete r.findings[1]!.fingerprint;
  r.surprise = true;
  const errors = validateReport(r);
  assert.ok(errors.some((e) => e.startsWith('/assets/0/kind: must be equal to one of the allowed values')), errors.join('\n'));
  assert.ok(errors.some((e) => e.startsWith('/findings/0/severity')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes("must have required property 'fingerprint'")), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('must NOT have additional properties') && e.includes('surprise')), errors.join('\n'));
  assert.throws(() => validateReport({ schemaVersion: '0.9' }), /no schema for report version 0\.9 \(schemas\/report-0\.9\.schema\.json\)/);
  assert.deepEqual(validateReport({}), ['/schemaVersion: missing']);
});
