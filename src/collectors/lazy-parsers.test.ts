// Every scan worker imports the collector registry at start-up. Parsers that are expensive to import (the
// HCL parser boots a Go WASM runtime; the allow-list schema pulls in zod) must load on the first file that
// needs them instead. A fresh process records every module the ESM loader resolves, so a static import
// that brings one back fails here.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const HEAVY = { hcl: '/@cdktf/hcl2json/', zod: '/zod/' };

// A resolve hook that appends each resolved URL to the file named by RESOLVED_LOG.
const RECORDER = `data:text/javascript,${encodeURIComponent(
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.RESOLVED_LOG, r.url + '\\n');
  return r;
}`,
)}`;

test('importing the collector registry loads neither the HCL parser nor zod; the first .tf file loads the parser', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-lazy-'));
  try {
    const log = path.join(dir, 'resolved.log');
    const url = (rel: string) => JSON.stringify(pathToFileURL(path.join(here, rel)).href);
    const script = `
      import { register } from 'node:module';
      import { readFileSync, writeFileSync } from 'node:fs';
      register(${JSON.stringify(RECORDER)});
      const { COLLECTORS } = await import(${url('index.ts')});
      const atStart = readFileSync(process.env.RESOLVED_LOG, 'utf8');
      const { collectText } = await import(${url('terraform/test-helpers.ts')});
      const terraform = COLLECTORS.find((c) => c.id === 'terraform');
      const out = await collectText(terraform, 'main.tf', 'resource "aws_s3_bucket" "data" {\\n  bucket = "training-data"\\n}\\n');
      const afterTf = readFileSync(process.env.RESOLVED_LOG, 'utf8');
      process.stdout.write(JSON.stringify({ atStart, afterTf, warnings: out.warnings }));
    `;
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, RESOLVED_LOG: log },
      encoding: 'utf8',
    });
    const { atStart, afterTf, warnings } = JSON.parse(stdout) as { atStart: string; afterTf: string; warnings: unknown[] };
    assert.match(atStart, /collectors\/terraform\/hcl\.ts/, 'the recorder saw the terraform collector load');
    assert.ok(!atStart.includes(HEAVY.hcl), 'the HCL parser was imported with the registry');
    assert.ok(!atStart.includes(HEAVY.zod), 'zod was imported with the registry');
    assert.deepEqual(warnings, []);
    assert.ok(afterTf.includes(HEAVY.hcl), 'collecting a .tf file loaded the HCL parser');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the lazy parser is the one the static import would give', async () => {
  const { loadHcl2Json } = await import('./terraform/hcl.js');
  const [a, b] = await Promise.all([loadHcl2Json(), loadHcl2Json()]);
  assert.equal(a, b);
  const stat = await import('@cdktf/hcl2json');
  assert.equal(a.parse, stat.parse);
  assert.deepEqual(await a.parse('t.tf', 'x = 1\n'), { x: 1 });
});
