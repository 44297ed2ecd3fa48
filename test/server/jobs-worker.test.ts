// `aispm worker` as real processes on PostgreSQL: one runs a scan job and stops cleanly on SIGTERM; one is killed
// (SIGKILL) in the middle of a delivery, its lease runs out, and a second worker retries and finishes the job.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { enqueueJob, getJob } from '../../src/store/jobs.js';
import { insertSource } from '../../src/server/sources.js';
import { createIntegration } from '../../src/integrations/repository.js';
import { Receiver } from '../support/receivers/index.js';
import { REPO_ROOT } from '../store/engines.js';
import { eventually, openTestDb, type TestDb } from './jobs-support.js';

interface Worker {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function startWorker(databaseUrl: string, dataDir: string, extra: string[] = []): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'src', 'cli', 'run.ts'), 'worker', '--lease-seconds', '2', '--poll-ms', '100', '--no-scheduler', ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, AISPM_DATA_DIR: dataDir, AISPM_BASE_URL: 'https://aispm.test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log: () => out, exited };
}

describe('aispm worker processes on postgres', () => {
  let t: TestDb;
  let dir: string;
  const workers: Worker[] = [];
  before(async () => {
    t = await openTestDb('postgres');
    dir = mkdtempSync(path.join(tmpdir(), 'aispm-worker-test-'));
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a worker runs a queued scan and stops cleanly on SIGTERM', async () => {
    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, '.cursor'), { recursive: true });
    writeFileSync(path.join(project, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/'] } } }));
    const source = await insertSource(t.db, { name: 'project', kind: 'directory', location: project, createdBy: 'alice' });
    const job = await enqueueJob(t.db, { kind: 'scan', payload: { sourceId: source.id, requestedBy: 'alice' } });
    const w = startWorker(t.location.options.databaseUrl!, dir);
    workers.push(w);
    const done = await eventually(async () => {
      const j = await getJob(t.db, job.id);
      return j && (j.status === 'succeeded' || j.status === 'failed') ? j : undefined;
    }, 'the scan job to finish');
    assert.equal(done.status, 'succeeded', `${done.lastError}\n${w.log()}`);
    assert.ok((done.result as { scanId?: string }).scanId);
    w.child.kill('SIGTERM');
    assert.equal(await w.exited, 0, w.log());
    assert.match(w.log(), new RegExp(`job ${job.id} \\(scan\\) succeeded`));
    assert.match(w.log(), /SIGTERM: finishing running jobs/);
  });

  test('a worker killed mid-job loses its lease and another worker retries the job to the end', async () => {
    // a webhook endpoint that hangs on the first delivery (the worker is then mid-job) and accepts the next
    const hook = new Receiver();
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    hook.on('POST', '/hook', async () => {
      calls++;
      if (calls === 1) {
        await hung;
        return { status: 500, text: 'too late' };
      }
      return { status: 202, json: { ok: true } };
    });
    await hook.start();
    try {
      const integ = await createIntegration(t.db, { name: 'hook', type: 'webhook', config: { url: `${hook.url}/hook` }, secrets: { signingSecret: 'whsec_worker_kill_test_0123' }, events: ['scan.completed'] }, 'admin');
      const job = await enqueueJob(t.db, {
        kind: 'deliver',
        payload: { action: 'notify', integrationId: integ.id, event: { id: 'evt-kill', type: 'scan.completed', at: new Date().toISOString(), data: { source: 'project' } } },
        maxAttempts: 3,
      });
      const a = startWorker(t.location.options.databaseUrl!, dir, ['--kinds', 'deliver']);
      workers.push(a);
      await eventually(async () => (calls >= 1 ? true : undefined), 'worker A to start the delivery');
      const running = await getJob(t.db, job.id);
      assert.equal(running?.status, 'running');
      const deadWorker = running?.lockedBy;
      a.child.kill('SIGKILL');
      await a.exited;

      const b = startWorker(t.location.options.databaseUrl!, dir, ['--kinds', 'deliver']);
      workers.push(b);
      const done = await eventually(async () => {
        const j = await getJob(t.db, job.id);
        return j?.status === 'succeeded' || j?.status === 'failed' ? j : undefined;
      }, 'worker B to finish the job');
      assert.equal(done.status, 'succeeded', `${done.lastError}\n${b.log()}`);
      assert.equal(done.attempts, 2);
      assert.equal(done.errors.length, 1);
      assert.equal(done.errors[0].worker, deadWorker);
      assert.match(done.errors[0].error, /stopped renewing its lease/);
      assert.equal(calls, 2);
      b.child.kill('SIGTERM');
      assert.equal(await b.exited, 0);
    } finally {
      release();
      await hook.close();
    }
  });
});
