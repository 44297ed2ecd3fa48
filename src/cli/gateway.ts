// `aispm gateway --config FILE` runs the AI gateway; `aispm gateway keys create|list|rotate|revoke` manages its
// virtual keys in the aispm store; `aispm gateway check FILE` validates a config. Wiring only: the
// work is in src/gateway/.

import { Command, InvalidArgumentError, Option } from 'commander';
import { GatewayConfigError, loadGatewayConfig, type LoadedConfig } from '../gateway/config.js';
import { type BudgetUse, currentBudgetUse, generateKey, generateKeyId, hashKey, parseWhen } from '../gateway/keys/keys.js';
import { createLogger } from '../gateway/log.js';
import { configNeedsStore, startGateway, type GatewayStore } from '../gateway/server.js';
import { ScanInputError } from '../scan.js';
import type { BudgetPeriod, RuntimeStore, VirtualKeyRecord } from '../store/runtime.js';
import { defaultDataDir } from './config.js';

export interface GatewayIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: GatewayIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };

function loadConfig(file: string): LoadedConfig {
  try {
    return loadGatewayConfig(file);
  } catch (e) {
    if (e instanceof GatewayConfigError) throw new ScanInputError(e.message);
    throw e;
  }
}

interface StoreFlags {
  dataDir?: string;
  config?: string;
  storeFrom?: string;
}

/** Opens the store the flags or the config name: --data-dir, the config's store section, DATABASE_URL, the default. */
async function openGatewayStore(o: StoreFlags, loaded?: LoadedConfig): Promise<GatewayStore & { close(): Promise<void> }> {
  const cfg = loaded?.config.store;
  const { openDb, storeOver } = await import('../store/index.js');
  const { runtimeStore } = await import('../store/runtime.js');
  const databaseUrl = cfg?.database_url || process.env.DATABASE_URL || undefined;
  const db = await openDb({ dataDir: o.dataDir || cfg?.data_dir || defaultDataDir(), databaseUrl });
  return { store: storeOver(db), runtime: runtimeStore(db), close: () => db.close() };
}

function parseBudget(v: string): { tokens: number; period: BudgetPeriod } {
  const m = /^(\d+)\s*\/\s*(hour|day|week|month)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected TOKENS/PERIOD, e.g. 1000000/month (periods: hour, day, week, month)');
  return { tokens: Number(m[1]), period: m[2] as BudgetPeriod };
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function when(v: string): string {
  try {
    return new Date(parseWhen(v)).toISOString();
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

/** A key as listed: never its hash. */
function publicKey(k: VirtualKeyRecord): Record<string, unknown> {
  const { keyHash: _h, prevHash: _p, ...rest } = k;
  return rest;
}

function keyTable(keys: VirtualKeyRecord[], use: Map<string, BudgetUse>): string {
  const rows = keys.map((k) => [
    k.id,
    k.name,
    k.app ?? '',
    k.team ?? '',
    k.models.length ? k.models.join(',') : '*',
    k.budget ? `${use.get(k.id)?.tokens ?? 0} of ${k.budget.tokens}/${k.budget.period}` : '',
    [k.rateLimit?.requestsPerMinute ? `${k.rateLimit.requestsPerMinute} rpm` : '', k.rateLimit?.tokensPerMinute ? `${k.rateLimit.tokensPerMinute} tpm` : ''].filter(Boolean).join(' '),
    k.expiresAt ?? '',
    k.status,
  ]);
  const head = ['ID', 'NAME', 'APP', 'TEAM', 'MODELS', 'BUDGET USED', 'LIMITS', 'EXPIRES', 'STATUS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd() + '\n';
  return line(head) + rows.map(line).join('');
}

async function withKeys<T>(o: StoreFlags, fn: (runtime: RuntimeStore) => Promise<T>): Promise<T> {
  const loaded = o.storeFrom ? loadConfig(o.storeFrom) : undefined;
  const s = await openGatewayStore(o, loaded);
  try {
    return await fn(s.runtime);
  } finally {
    await s.close();
  }
}

interface CreateFlags extends StoreFlags {
  name: string;
  app?: string;
  team?: string;
  models?: string;
  budget?: { tokens: number; period: BudgetPeriod };
  rpm?: number;
  tpm?: number;
  expires?: string;
  format: 'text' | 'json';
}

export function registerGatewayCommand(program: Command, io: GatewayIo = processIo): Command {
  const gateway = program
    .command('gateway')
    .description('run the AI gateway: an OpenAI/Anthropic-compatible proxy with guardrails, abuse detection and security events')
    .option('-c, --config <file>', 'gateway config (YAML; see examples/gateway.yaml)')
    .option('--port <n>', 'listen on this port instead of listen.port', positive)
    .option('--host <host>', 'listen on this address instead of listen.host')
    .option('--data-dir <dir>', 'embedded store location (default: $AISPM_DATA_DIR or ~/.local/share/aispm); DATABASE_URL selects PostgreSQL')
    .action(async (o: StoreFlags & { port?: number; host?: string }) => {
      if (!o.config) throw new ScanInputError('aispm gateway needs --config FILE (start from examples/gateway.yaml)');
      const loaded = loadConfig(o.config);
      const logger = createLogger(loaded.config.log.level, loaded.config.log.format);
      const store = configNeedsStore(loaded) ? await openGatewayStore(o, loaded) : undefined;
      let gw;
      try {
        gw = await startGateway(loaded, { store, logger, port: o.port, host: o.host });
      } catch (e) {
        await store?.close();
        if (e instanceof GatewayConfigError) throw new ScanInputError(e.message);
        throw e;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info('shutting down', { signal });
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          void gw.close().finally(() => store?.close().finally(resolve) ?? resolve());
        };
        const onInt = () => stop('SIGINT');
        const onTerm = () => stop('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
    });

  gateway
    .command('check')
    .description('validate a gateway config (keys, routes, guardrail scopes and CEL conditions) without starting it')
    .argument('<config>', 'gateway config (YAML)')
    .action(async (file: string) => {
      const o = { config: file };
      const loaded = loadConfig(o.config);
      const { GuardrailSet } = await import('../gateway/guardrails/compile.js');
      try {
        new GuardrailSet(loaded.config.guardrails, { onError: loaded.config.guardrail_defaults.on_error, latencyBudgetMs: loaded.config.guardrail_defaults.latency_budget_ms }, loaded);
      } catch (e) {
        if (e instanceof GatewayConfigError) throw new ScanInputError(e.message);
        throw e;
      }
      const c = loaded.config;
      io.out(`${o.config}: ok (${c.upstreams.length} upstreams, ${c.routes.length} routes, ${c.guardrails.length} guardrail entries, ${c.keys.static.length} static keys, ${c.events.sinks.length} event sinks)\n`);
    });

  const keys = gateway.command('keys').description('manage virtual keys (stored hashed in the aispm store)');
  const storeOpts = (cmd: Command) =>
    cmd
      .option('--data-dir <dir>', 'embedded store location; DATABASE_URL selects PostgreSQL')
      .option('--store-from <config>', 'take the store location from this gateway config');

  storeOpts(
    keys
      .command('create')
      .description('create a key; it is printed once and stored only as its hash')
      .requiredOption('--name <name>', 'unique name (e.g. the application and environment)')
      .option('--app <app>', 'application the key belongs to (inventory and events)')
      .option('--team <team>', 'team (guardrail scope)')
      .option('--models <globs>', 'allowed models, comma-separated globs (default: all)')
      .option('--budget <tokens/period>', 'token budget, e.g. 1000000/month', parseBudget)
      .option('--rpm <n>', 'requests per minute', positive)
      .option('--tpm <n>', 'tokens per minute', positive)
      .option('--expires <when>', 'expiry: a duration (30d, 12h) or an ISO date', when)
      .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text')),
  ).action(async (_o: CreateFlags, cmd: Command) => {
    const o = cmd.optsWithGlobals<CreateFlags>();
    const key = generateKey();
    const rec = await withKeys(o, (rt) =>
      rt.createKey({
        id: generateKeyId(),
        name: o.name,
        ...(o.app ? { app: o.app } : {}),
        ...(o.team ? { team: o.team } : {}),
        keyHash: hashKey(key),
        models: o.models ? o.models.split(',').map((s) => s.trim()).filter(Boolean) : [],
        ...(o.budget ? { budget: o.budget } : {}),
        ...(o.rpm || o.tpm ? { rateLimit: { ...(o.rpm ? { requestsPerMinute: o.rpm } : {}), ...(o.tpm ? { tokensPerMinute: o.tpm } : {}) } } : {}),
        ...(o.expires ? { expiresAt: o.expires } : {}),
        status: 'active',
        createdAt: new Date().toISOString(),
      }).catch((e: Error) => {
        if (/unique|duplicate/i.test(e.message)) throw new ScanInputError(`a gateway key named ${o.name} already exists`);
        throw e;
      }),
    );
    if (o.format === 'json') io.out(JSON.stringify({ ...publicKey(rec), key }, null, 2) + '\n');
    else io.out(`Created ${rec.id} (${rec.name}). The key is shown once; store it now:\n\n  ${key}\n\n`);
  });

  storeOpts(
    keys
      .command('list')
      .description('list keys (never their values or hashes)')
      .option('--all', 'include revoked keys')
      .addOption(new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table')),
  ).action(async (_o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<StoreFlags & { all?: boolean; format: 'table' | 'json' }>();
    const { list, use } = await withKeys(o, async (rt) => {
      const list = await rt.listKeys({ includeRevoked: o.all });
      return { list, use: await currentBudgetUse(rt, list) };
    });
    const json = () => JSON.stringify(list.map((k) => ({ ...publicKey(k), ...(use.has(k.id) ? { usage: use.get(k.id) } : {}) })), null, 2) + '\n';
    io.out(o.format === 'json' ? json() : list.length ? keyTable(list, use) : 'No gateway keys.\n');
  });

  storeOpts(
    keys
      .command('rotate')
      .description('issue a new key for the same id, limits and usage; the old key keeps working for --grace')
      .argument('<key>', 'key id or name')
      .option('--grace <duration>', 'how long the old key stays valid (e.g. 1h, 7d; default: not at all)')
      .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text')),
  ).action(async (idOrName: string, _o: unknown, cmd: Command) => {
    const o = cmd.optsWithGlobals<StoreFlags & { grace?: string; format: 'text' | 'json' }>();
    const key = generateKey();
    const grace = o.grace ? when(o.grace) : undefined;
    const rec = await withKeys(o, (rt) => rt.rotateKey(idOrName, hashKey(key), grace).catch(rethrowKeyError));
    if (o.format === 'json') io.out(JSON.stringify({ ...publicKey(rec), key }, null, 2) + '\n');
    else io.out(`Rotated ${rec.id} (${rec.name})${grace ? `; the old key works until ${grace}` : '; the old key no longer works'}. New key, shown once:\n\n  ${key}\n\n`);
  });

  storeOpts(keys.command('revoke').description('revoke a key at once (running gateways drop it at their next refresh)').argument('<key>', 'key id or name')).action(
    async (idOrName: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<StoreFlags>();
      const rec = await withKeys(o, (rt) => rt.revokeKey(idOrName).catch(rethrowKeyError));
      io.out(`Revoked ${rec.id} (${rec.name}).\n`);
    },
  );
  return gateway;
}

function rethrowKeyError(e: Error): never {
  if (e.constructor.name === 'KeyNotFoundError') throw new ScanInputError(e.message);
  throw e;
}
