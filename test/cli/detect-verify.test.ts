// `aispm detect secrets --verify` as a user runs it: a child process asks the providers (here, the local stand-in
// that answers like them, reached through AISPM_VERIFY_ENDPOINTS) and prints live / refused next to masked keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ruleSamples } from '../../src/detectors/secrets/fixtures.js';
import { startProviderStandin } from '../support/provider-standin.js';

const run = promisify(execFile);

test('detect secrets --verify marks live and refused keys, never printing them', async () => {
  const samples = ruleSamples(3);
  const live = samples.find((s) => s.rule === 'openai-api-key')!.value;
  const revoked = samples.find((s) => s.rule === 'github-pat')!.value;
  const standin = await startProviderStandin({ valid: { openai: [live] } });
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aispm-verify-'));
    const file = path.join(dir, 'settings.py');
    writeFileSync(file, `OPENAI_API_KEY = "${live}"\nGITHUB_TOKEN = "${revoked}"\n`);
    const env = { ...process.env, AISPM_VERIFY_ENDPOINTS: `openai=${standin.url}/openai,github=${standin.url}/github` };
    const text = await run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'detect', 'secrets', '--verify', file], { env });
    assert.match(text.stdout, /openai-api-key .* valid \(HTTP 200\)/);
    assert.match(text.stdout, /github-pat .* invalid \(HTTP 401\)/);
    const jsonl = path.join(dir, 'in.jsonl');
    writeFileSync(jsonl, JSON.stringify({ text: `key: ${live}` }) + '\n');
    const lines = await run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'detect', 'secrets', '--verify', '--jsonl', jsonl], { env });
    const row = JSON.parse(lines.stdout.trim());
    assert.equal(row.detections[0].verified, 'valid');
    for (const out of [text.stdout, text.stderr, lines.stdout]) assert.ok(!out.includes(live) && !out.includes(revoked), 'a key was printed');
    await assert.rejects(run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', 'detect', 'pii', '--verify', file], { env }), /--verify applies to the secrets detector only/);
  } finally {
    await standin.close();
  }
});
