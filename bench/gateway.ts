// bench:gateway — the AI gateway against calling the upstream directly and against the Portkey open-source
// gateway (@portkey-ai/gateway, a dev dependency), in the same run, on 127.0.0.1 only, bounded in time.
//
//   npm run bench:gateway                       # 5 s load runs, 10 s soak
//   npm run bench:gateway -- --duration 10 --soak 600   # the 10-minute soak at saturation
//   npm run bench:gateway -- --raw samples.json         # also every latency sample, per target, layout and round order
//
// Layout: the stand-in upstream (src/gateway/testing/upstream.ts, zero latency) and the load generator
// (autocannon; plain sequential requests for latency) share core 0; the gateways run on core 1
// (`taskset -c 1`) and are loaded one at a time, so every throughput is per core. Measured per target:
//   requests/s at saturation (50 connections); unloaded latency p50/p99 (sequential requests) and the latency
//   added over the direct call, and the time to the first streamed chunk (the upstream streams 20 chunks 2 ms
//   apart), in rounds that interleave the targets; for aispm with the default guardrails the resident memory
//   before and after a soak at saturation.
// This file is also the child process of each role (`--role upstream|aispm-off|aispm-on`).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Client } from 'undici';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : process.argv[i + 1]!;
};

const UPSTREAM_KEY = 'sk-bench-upstream-0123456789abcdef';
const APP_KEY = 'aispm_vk_bench-app-key-0123456789abcdefgh';
const PROMPT = 'Summarise the following customer note in two sentences: the printer on floor three keeps jamming when printing double-sided, please advise on next steps.';
const BODY = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }] });
const STREAM_BODY = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: PROMPT }] });

// ---------------------------------------------------------------------------------------------- child roles
/** A module of the build in dist/ (`npm run bench:gateway` compiles it first). */
function shipped(module: string): string {
  const file = path.join(root, 'dist', 'src', module);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx tsc -p tsconfig.build.json\` (npm run bench:gateway does)`);
  return pathToFileURL(file).href;
}

async function runRole(role: string): Promise<void> {
  if (role === 'upstream') {
    const { startStandInUpstream } = await import('../src/gateway/testing/upstream.js');
    const words = 'The printer jams because the duplex unit needs cleaning; please open a ticket with facilities and use single-sided printing until it is fixed today.'.split(' ');
    const up = await startStandInUpstream({ apiKeys: [UPSTREAM_KEY], record: false, port: Number(arg('port', '0')) });
    up.script = (r) => (r.body?.stream ? { chunks: words.slice(0, 20).map((w) => w + ' '), chunkDelayMs: 2 } : { text: 'The printer jams in duplex mode; open a ticket.' });
    process.stdout.write(`READY ${up.url}\n`);
    return;
  }
  if (role === 'floor') return runFloorProxy(arg('upstream', ''));
  // the gateway as shipped (tsc's output, what `aispm gateway` runs), not the source as tsx transforms it
  const { parseGatewayConfig } = (await import(shipped('gateway/config.js'))) as typeof import('../src/gateway/config.js');
  const { startGateway } = (await import(shipped('gateway/server.js'))) as typeof import('../src/gateway/server.js');
  const { silentLogger } = (await import(shipped('gateway/log.js'))) as typeof import('../src/gateway/log.js');
  const upstream = arg('upstream', '');
  let guardrails = '';
  if (role === 'aispm-on') {
    // the default guardrail set of examples/gateway.yaml, as shipped
    const example = readFileSync(path.join(root, 'examples', 'gateway.yaml'), 'utf8');
    guardrails = example.slice(example.indexOf('\nguardrails:'), example.indexOf('\nabuse:'));
  }
  const yaml = `
upstreams:
  - { name: up, provider: openai, base_url: "${upstream}/v1", api_key: "${UPSTREAM_KEY}", max_connections: 64 }
routes:
  - { name: main, api: openai, targets: [up] }
keys:
  static: [{ name: bench, app: bench, key: "${APP_KEY}" }]
abuse: { enabled: ${role === 'aispm-on'} }
${guardrails}
`;
  const loaded = parseGatewayConfig(yaml, 'bench.yaml', {});
  const gw = await startGateway(loaded, { port: 0, host: '127.0.0.1', logger: silentLogger });
  process.stdout.write(`READY ${gw.url}\n`);
}

/**
 * The floor: the least an HTTP proxy on node:http and undici can do: read the body, forward it with the upstream
 * key through undici's leanest API (dispatch, as aispm does), answer a whole body in one write and pass a stream's
 * chunks on as they come. Nothing a gateway needs, so no gateway on this stack can add less latency than it;
 * measured beside aispm to show how much of the added time is aispm's own work.
 */
async function runFloorProxy(upstream: string): Promise<void> {
  const http = await import('node:http');
  const { Pool } = await import('undici');
  const pool = new Pool(upstream, { connections: 64 });
  const headers = ['content-type', 'application/json', 'authorization', `Bearer ${UPSTREAM_KEY}`];
  const server = http.createServer({ keepAliveTimeout: 65_000, noDelay: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parts: Buffer[] = [];
      let status = 0;
      let type = '';
      let streaming = false;
      pool.dispatch(
        { origin: upstream, path: req.url!, method: 'POST', headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) },
        {
          onRequestStart() {}, // (its presence selects undici's current handler API)
          onResponseStart(_c, statusCode, h) {
            status = statusCode;
            type = String(h['content-type'] ?? 'application/json');
            streaming = type.startsWith('text/event-stream');
            if (streaming) res.writeHead(status, { 'content-type': type });
          },
          onResponseData(_c, chunk) {
            if (streaming) res.write(chunk);
            else parts.push(chunk);
          },
          onResponseEnd() {
            if (streaming) return void res.end();
            const body = Buffer.concat(parts);
            res.writeHead(status, { 'content-type': type, 'content-length': body.length });
            res.end(body);
          },
          onResponseError() {
            res.destroy();
          },
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as { port: number }).port}\n`);
}

// ---------------------------------------------------------------------------------------------- orchestration
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const cores = os.cpus().length;

function pinned(core: number, cmd: string, args: string[]): [string, string[]] {
  return hasTaskset && cores > core ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
}

interface Proc {
  child: ChildProcess;
  url: string;
}

function start(name: string, cmd: string, args: string[], ready: RegExp, core: number): Promise<Proc> {
  const [c, a] = pinned(core, cmd, args);
  const child = spawn(c, a, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${out}`)));
  });
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  const done = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

/** CPU time over all cores from /proc/stat: busy (not idle or waiting), given to other machines (steal), and all. */
function cpuTimes(): { busy: number; steal: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), steal: f[7] ?? 0, total };
  } catch {
    return undefined;
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

interface Target {
  name: string;
  url: string;
  path: string;
  headers: Record<string, string>;
}

async function throughput(t: Target, seconds: number): Promise<number> {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number; errors: number }>;
  const r = await autocannon({ url: t.url + t.path, method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: BODY, connections: 50, duration: seconds });
  if (r.non2xx || r.errors) throw new Error(`${t.name}: ${r.non2xx} non-2xx responses and ${r.errors} errors under load`);
  return Math.round(r.requests.average);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Sequential requests on one keep-alive connection: the time of each in ms (whole response, or first body chunk). */
async function latency(t: Target, client: Client, n: number, stream: boolean): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await client.request({ path: t.path, method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: stream ? STREAM_BODY : BODY });
    if (res.statusCode !== 200) throw new Error(`${t.name}: HTTP ${res.statusCode}: ${await res.body.text()}`);
    let first = 0;
    for await (const chunk of res.body) {
      if (!first && (chunk as Buffer).length) first = performance.now();
    }
    samples.push((stream ? first : performance.now()) - t0);
  }
  return samples;
}

function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: pct(sorted, 0.5), p99: pct(sorted, 0.99) };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  first: number;
  firstP99: number;
  /** The same latencies with the gateway on its own core (every hop crosses cores). */
  cross?: { p50: number; p99: number; first: number };
}

/** Moves every thread of a process to one core. */
function pinProcess(pid: number, core: number): void {
  if (hasTaskset && cores > core) spawnSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
}

async function main(): Promise<void> {
  const role = arg('role', '');
  if (role) return runRole(role);
  const seconds = Number(arg('duration', '5'));
  const soak = Number(arg('soak', '10'));
  const warmup = Number(arg('warmup', '3'));
  const n = Number(arg('requests', '1000'));
  if (hasTaskset && cores > 1) spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  // how busy other processes keep the cores, over 2 s before anything starts (a load average would still count
  // the build that `npm run bench:gateway` runs just before, and at the end the benchmark's own soak)
  const quietFrom = cpuTimes();
  await new Promise((r) => setTimeout(r, 2000));
  const cpuBefore = cpuTimes();
  const busyBefore = quietFrom && cpuBefore && cpuBefore.total > quietFrom.total ? (100 * (cpuBefore.busy - quietFrom.busy)) / (cpuBefore.total - quietFrom.total) : undefined;
  const tsx = ['--import', 'tsx', path.join('bench', 'gateway.ts')];
  const upstream = await start('upstream', process.execPath, [...tsx, '--role', 'upstream'], /READY (\S+)/, 0);
  const rows: Row[] = [];
  let memory: { before: number; after: number; peak: number; soakSeconds: number; soakRps: number; samples: number[] } | undefined;
  const rounds = Number(arg('rounds', '10'));
  const streams = Math.max(100, Math.floor(n / 5));
  const live: Array<{ target: Target; proc?: Proc; soak?: boolean }> = [];
  try {
    live.push({ target: { name: 'direct (stand-in upstream)', url: upstream.url, path: '/v1/chat/completions', headers: { authorization: `Bearer ${UPSTREAM_KEY}` } } });
    const floor = await start('floor', process.execPath, [...tsx, '--role', 'floor', '--upstream', upstream.url], /READY (\S+)/, 1);
    live.push({ target: { name: 'floor: minimal node:http + undici proxy', url: floor.url, path: '/v1/chat/completions', headers: {} }, proc: floor });
    for (const role of ['aispm-off', 'aispm-on']) {
      const gw = await start(role, process.execPath, [...tsx, '--role', role, '--upstream', upstream.url], /READY (\S+)/, 1);
      const name = role === 'aispm-off' ? 'aispm, guardrails off' : 'aispm, default guardrails';
      live.push({ target: { name, url: gw.url, path: '/v1/chat/completions', headers: { authorization: `Bearer ${APP_KEY}` } }, proc: gw, soak: role === 'aispm-on' });
    }
    const portkeyBin = path.join(root, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
    if (existsSync(portkeyBin)) {
      const port = 20000 + Math.floor(Math.random() * 20000);
      const pk = await start('portkey', process.execPath, [portkeyBin, `--port=${port}`, '--headless'], /(http:\/\/localhost:\d+)/, 1);
      const version = JSON.parse(readFileSync(path.join(root, 'node_modules', '@portkey-ai', 'gateway', 'package.json'), 'utf8')).version;
      live.push({
        target: {
          name: `Portkey ${version}, no guardrails`,
          url: `http://127.0.0.1:${port}`,
          path: '/v1/chat/completions',
          headers: { authorization: `Bearer ${UPSTREAM_KEY}`, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream.url}/v1` },
        },
        proc: pk,
      });
    }

    // 1. Throughput, one target at a time (the others idle), each after a discarded warm-up at saturation: the
    // guardrails' detectors reach their compiled steady state only after some thousands of requests, and a
    // gateway is measured running, not starting. This also leaves every JIT warm for the latency runs.
    const rps = new Map<string, number>();
    for (const { target } of live) {
      await throughput(target, warmup);
      rps.set(target.name, await throughput(target, seconds));
      process.stderr.write(`${target.name}: ${rps.get(target.name)} req/s\n`);
    }

    // 2. Unloaded latency in interleaved rounds: every round measures every target in turn (sequential whole
    // responses, then streams), so a change in the machine's speed during the run (the hypervisor's steal time
    // moves by tens of percent within minutes) falls on all targets alike instead of on whichever ran then.
    // The first round is discarded. First with the gateways on core 0 beside the client and the upstream (the
    // layout of the direct call they are compared with), then on core 1, where each of the four extra hops
    // wakes an idle virtual CPU.
    const rounds_ = async (): Promise<Array<{ full: number[]; first: number[] }>> => {
      const acc = live.map(() => ({ full: [] as number[], first: [] as number[] }));
      // one keep-alive connection per target for the whole pass
      const clients = live.map((l) => new Client(l.target.url, { pipelining: 1 }));
      try {
        // whole responses first, then streams: the pauses inside streams let the CPU idle, and requests right
        // after an idle spell run slower, which would fall on whichever target follows a stream
        for (const stream of [false, true]) {
          for (let r = 0; r <= rounds; r++) {
            for (let i = 0; i < live.length; i++) {
              const samples = await latency(live[i]!.target, clients[i]!, Math.ceil((stream ? streams : n) / rounds), stream);
              if (r > 0) (stream ? acc[i]!.first : acc[i]!.full).push(...samples);
            }
          }
        }
      } finally {
        await Promise.all(clients.map((c) => c.close()));
      }
      return acc;
    };
    for (const l of live) if (l.proc) pinProcess(l.proc.child.pid!, 0);
    const near = await rounds_();
    for (const l of live) if (l.proc) pinProcess(l.proc.child.pid!, 1);
    const apart = hasTaskset && cores > 1 ? await rounds_() : undefined;
    const raw = arg('raw', '');
    if (raw) writeFileSync(raw, JSON.stringify(live.map((l, i) => ({ name: l.target.name, near: near[i], apart: apart?.[i] }))));
    live.forEach((l, i) => {
      const full = summary(near[i]!.full);
      const first = summary(near[i]!.first);
      const cross = l.proc && apart ? { p50: summary(apart[i]!.full).p50, p99: summary(apart[i]!.full).p99, first: summary(apart[i]!.first).p50 } : undefined;
      rows.push({ name: l.target.name, rps: rps.get(l.target.name)!, p50: full.p50, p99: full.p99, first: first.p50, firstP99: first.p99, cross });
      process.stderr.write(`${l.target.name}: p50 ${full.p50.toFixed(3)} ms, p99 ${full.p99.toFixed(3)} ms, first chunk p50 ${first.p50.toFixed(3)} ms${cross ? `; own core p50 ${cross.p50.toFixed(3)} ms` : ''}\n`);
    });

    // 3. The soak, aispm with the default guardrails at saturation (the other gateways idle).
    const soaked = live.find((l) => l.soak);
    if (soaked?.proc) {
      const pid = soaked.proc.child.pid!;
      const before = rssMb(pid);
      let peak = before;
      const samples: number[] = [];
      const sampler = setInterval(() => {
        const now = rssMb(pid);
        samples.push(now);
        peak = Math.max(peak, now);
      }, 1000);
      const soakRps = await throughput(soaked.target, soak);
      clearInterval(sampler);
      const after = rssMb(pid);
      memory = { before, after, peak: Math.max(peak, after), soakSeconds: soak, soakRps, samples };
    }
  } finally {
    for (const l of live) if (l.proc) await stop(l.proc);
    await stop(upstream);
  }
  const direct = rows[0]!;
  const portkey = rows.find((r) => r.name.startsWith('Portkey'));
  const off = rows.find((r) => r.name === 'aispm, guardrails off');
  const on = rows.find((r) => r.name === 'aispm, default guardrails');
  const f = (x: number) => x.toFixed(3);
  const cpuAfter = cpuTimes();
  const stealPct = cpuBefore && cpuAfter && cpuAfter.total > cpuBefore.total ? (100 * (cpuAfter.steal - cpuBefore.steal)) / (cpuAfter.total - cpuBefore.total) : undefined;
  let md = `# Gateway benchmark\n\nGenerated by \`npm run bench:gateway\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cores} cores (${os.cpus()[0]?.model ?? 'cpu'}). `;
  md += hasTaskset && cores > 1
    ? 'Throughput: each gateway alone on core 1, the upstream and the load generator (autocannon, 50 connections) on core 0. Unloaded latency: the gateways moved onto core 0 with the client and the upstream, the layout of the direct call they are compared with; the "own core" columns repeat it with the gateways on core 1, where each of the four extra hops has to wake an idle virtual CPU. '
    : 'No CPU pinning available. ';
  md += `Throughput per target: a ${warmup} s warm-up at saturation (discarded), then ${seconds} s at saturation. Latency: ${rounds} interleaved rounds after a discarded one; in each round every target in turn answers ${Math.ceil(n / rounds)} sequential requests on its keep-alive connection (and in a second series of rounds ${Math.ceil(streams / rounds)} streams of 20 chunks 2 ms apart, for the time to the first chunk), so a change in the machine's speed during the run falls on every target alike (${n} requests and ${streams} streams per target and layout). `;
  md += 'The upstream is the zero-latency stand-in (src/gateway/testing/upstream.ts). ';
  if (busyBefore !== undefined) md += `Other processes kept the cores ${busyBefore.toFixed(1)}% busy in the 2 s before the run${busyBefore > 10 ? ', which inflates every number' : ''}. `;
  if (stealPct !== undefined) md += `The hypervisor took ${stealPct.toFixed(1)}% of the CPU time during the run for other machines (steal)${stealPct > 2 ? ', which inflates latency and lowers throughput of every target alike' : ''}. `;
  md += 'Guardrails on = the default set of examples/gateway.yaml (injection, secrets, personal data on requests; secrets on answers; tool hooks) plus abuse detection; no event sinks in either aispm run.\n\n';
  md += '| target | requests/s (1 core) | vs Portkey | latency p50 ms | p99 ms | added p50 ms | added p99 ms | first chunk p50 ms | added to first chunk ms | own core: added p50 / p99 / first chunk ms |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n';
  for (const r of rows) {
    const isDirect = r === direct;
    const isFloor = r.name.startsWith('floor');
    const cross = r.cross ? `${f(r.cross.p50 - direct.p50)} / ${f(r.cross.p99 - direct.p99)} / ${f(r.cross.first - direct.first)}` : '';
    md += `| ${r.name} | ${r.rps} | ${portkey && !isDirect && !isFloor ? `${(r.rps / portkey.rps).toFixed(2)}x` : ''} | ${f(r.p50)} | ${f(r.p99)} | ${isDirect ? '' : f(r.p50 - direct.p50)} | ${isDirect ? '' : f(r.p99 - direct.p99)} | ${f(r.first)} | ${isDirect ? '' : f(r.first - direct.first)} | ${cross} |\n`;
  }
  const floorRow = rows.find((r) => r.name.startsWith('floor'));
  if (floorRow && off) {
    md += `\nThe floor row is a proxy that does nothing but forward (bench/gateway.ts, \`runFloorProxy\`): on this stack and this machine no gateway can add less than its ${f(floorRow.p50 - direct.p50)} ms at p50. `;
    md += `Over the floor, aispm adds ${f(off.p50 - floorRow.p50)} ms at p50 without guardrails${on ? ` and ${f(on.p50 - floorRow.p50)} ms with the default set` : ''}.\n`;
  }
  // flat memory: after the first tenth of the soak (heap and JIT settled), RSS may not keep growing
  let flat: boolean | undefined;
  if (memory) {
    const settled = memory.samples[Math.floor(memory.samples.length / 10)] ?? memory.before;
    flat = memory.after <= settled * 1.05 + 2;
    md += `\nMemory of aispm with the default guardrails, soak at saturation for ${memory.soakSeconds} s (${memory.soakRps} req/s): RSS ${memory.before} MB before, ${settled} MB after the first tenth, ${memory.after} MB at the end, ${memory.peak} MB peak. `;
    if (memory.soakSeconds < 600) md += 'Run the 10-minute soak with `npm run bench:gateway -- --soak 600`.';
    md += '\n';
  }
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'PASS' : 'FAIL');
  md += '\n| goal (issue 6) | measured | result |\n| --- | --- | --- |\n';
  if (portkey && off) md += `| throughput without guardrails ≥ 3x Portkey | ${(off.rps / portkey.rps).toFixed(2)}x | ${verdict(off.rps >= 3 * portkey.rps)} |\n`;
  if (portkey && on) md += `| throughput with the default guardrails ≥ 2x Portkey | ${(on.rps / portkey.rps).toFixed(2)}x | ${verdict(on.rps >= 2 * portkey.rps)} |\n`;
  if (off) {
    md += `| added p50 ≤ 0.3 ms without guardrails | ${f(off.p50 - direct.p50)} ms | ${verdict(off.p50 - direct.p50 <= 0.3)} |\n`;
    md += `| added p99 ≤ 2 ms without guardrails | ${f(off.p99 - direct.p99)} ms | ${verdict(off.p99 - direct.p99 <= 2)} |\n`;
  }
  if (on) md += `| added p50 ≤ 1 ms with the default guardrails | ${f(on.p50 - direct.p50)} ms | ${verdict(on.p50 - direct.p50 <= 1)} |\n`;
  for (const r of [off, on]) if (r) md += `| ≤ 1 ms added to the first chunk (${r.name.slice(7)}) | ${f(r.first - direct.first)} ms | ${verdict(r.first - direct.first <= 1)} |\n`;
  if (memory) md += `| flat memory over a ${memory.soakSeconds} s soak at saturation | ${memory.after} MB at the end | ${memory.soakSeconds >= 600 ? verdict(flat) : `${verdict(flat)} (shorter than the 10-minute goal)`} |\n`;
  process.stdout.write(md);
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(root, 'bench', 'results', 'gateway.md'), md);
}

await main();
