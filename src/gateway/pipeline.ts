// One request through the gateway:
//   endpoint → body → key (auth, allowed models, rate limits, budget, abuse throttle) → route → request
//   guardrails (block / redact / flag, tool results) → abuse observation → upstream (retries, fallbacks)
//   → response guardrails (whole JSON, or stream events as they arrive) → usage, event, metrics, inventory.
// Without guardrails for the request the upstream body is forwarded untouched (bytes as they arrive for
// streams); with them, stream events are forwarded one by one as soon as each has been judged.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { recogniseModelId } from '../model/providers.js';
import type { AbuseDetector, Anomaly } from './abuse/detector.js';
import type { GatewayConfig } from './config.js';
import { decisionEvent, findingEvent, type Decision, type DecisionAction, type DecisionHit, type KeyIdentity } from './events/ocsf.js';
import type { EventBus } from './events/bus.js';
import { compileGlobs, type Matcher } from './glob.js';
import type { GuardrailSet, ResolvedGuardrails } from './guardrails/compile.js';
import { Redactor, StreamRestorer } from './guardrails/redact.js';
import { runHook, type GuardrailResult, type HookOutcome } from './guardrails/run.js';
import { StreamInspector } from './guardrails/stream.js';
import type { RuntimeInventory } from './inventory.js';
import type { KeyEntry, KeyRegistry } from './keys/registry.js';
import { presentedKey } from './keys/keys.js';
import type { Logger } from './log.js';
import type { GatewayMetrics } from './metrics.js';
import { anthropicProtocol } from './providers/anthropic.js';
import { openaiProtocol } from './providers/openai.js';
import { isRecord, newStreamState, setSlot, type ClientApi, type Endpoint, type GatewayErrorKind, type ProtocolAdapter, type TextSlot, type Usage } from './providers/types.js';
import { SseParser, sseFrame } from './sse.js';
import { callUpstream, Cancellation, UpstreamFailure, type CompiledRoute, type Upstream, type UpstreamResponse } from './upstream.js';

const ENDPOINTS: Record<string, { endpoint: Endpoint; api: ClientApi | 'either'; method: 'GET' | 'POST' }> = {
  '/v1/chat/completions': { endpoint: 'chat', api: 'openai', method: 'POST' },
  '/v1/responses': { endpoint: 'responses', api: 'openai', method: 'POST' },
  '/v1/completions': { endpoint: 'completions', api: 'openai', method: 'POST' },
  '/v1/embeddings': { endpoint: 'embeddings', api: 'openai', method: 'POST' },
  '/v1/messages': { endpoint: 'messages', api: 'anthropic', method: 'POST' },
  // both protocols list models here; Anthropic's clients send anthropic-version
  '/v1/models': { endpoint: 'models', api: 'either', method: 'GET' },
};

const PROTOCOLS: Record<ClientApi, ProtocolAdapter> = { openai: openaiProtocol, anthropic: anthropicProtocol };

export interface PipelineDeps {
  config: GatewayConfig;
  routes: CompiledRoute[];
  keys: KeyRegistry;
  guardrails: GuardrailSet;
  abuse: AbuseDetector;
  events: EventBus;
  metrics: GatewayMetrics;
  inventory?: RuntimeInventory;
  logger: Logger;
  now: () => number;
}

/** What the pipeline learns about one request, turned into its event at the end. */
interface Ctx {
  t0: number;
  requestId: string;
  api: ClientApi;
  proto: ProtocolAdapter;
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  clientIp: string;
  model?: string;
  stream: boolean;
  key?: KeyEntry;
  route?: CompiledRoute;
  upstream?: Upstream;
  attempts: number;
  hits: DecisionHit[];
  action: DecisionAction;
  reason?: string;
  status: number;
  usage: Usage;
  /** Gateway time so far, upstream waiting excluded (ms). */
  gatewayMs: number;
  upstreamMs?: number;
  prompt?: string[];
  celRequest?: Record<string, unknown>;
}

const STRICT: Record<DecisionAction, number> = { error: -1, allow: 0, flag: 1, redact: 2, block: 3, refuse: 3 };

function keyIdentity(e: KeyEntry): KeyIdentity {
  return { id: e.record.id, name: e.record.name, ...(e.record.app ? { app: e.record.app } : {}), ...(e.record.team ? { team: e.record.team } : {}) };
}

/**
 * The usage object of a JSON body, found in its bytes without decoding or parsing the whole body (embeddings
 * answers are large). Braces are ASCII and never part of a multi-byte UTF-8 character, so counting bytes is safe.
 */
export function sniffUsage(body: Buffer): Record<string, unknown> | undefined {
  const at = body.lastIndexOf('"usage"');
  if (at === -1) return undefined;
  const open = body.indexOf(123, at);
  if (open === -1) return undefined;
  let depth = 0;
  for (let i = open; i < body.length; i++) {
    const c = body[i];
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) {
      try {
        return JSON.parse(body.toString('utf8', open, i + 1)) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function usageFrom(u: Record<string, unknown> | undefined): Partial<Usage> {
  if (!u) return {};
  const r: Partial<Usage> = {};
  const input = u.prompt_tokens ?? u.input_tokens;
  const output = u.completion_tokens ?? u.output_tokens;
  if (typeof input === 'number') r.inputTokens = input;
  if (typeof output === 'number') r.outputTokens = output;
  return r;
}

export class Pipeline {
  private readonly routeCache = new Map<string, CompiledRoute | null>();
  private readonly routeMatchers: Array<{ route: CompiledRoute; api: ClientApi; matches: Matcher }>;

  constructor(private readonly d: PipelineDeps) {
    this.routeMatchers = d.routes.map((route) => ({ route, api: route.config.api, matches: compileGlobs(route.config.models) }));
  }

  private selectRoute(api: ClientApi, model: string | undefined): CompiledRoute | undefined {
    const k = `${api}\u0000${model ?? ''}`;
    const cached = this.routeCache.get(k);
    if (cached !== undefined) return cached ?? undefined;
    let found: CompiledRoute | null = null;
    for (const m of this.routeMatchers) {
      if (m.api === api && (model === undefined || m.matches(model))) {
        found = m.route;
        break;
      }
    }
    if (this.routeCache.size > 10_000) this.routeCache.clear();
    this.routeCache.set(k, found);
    return found ?? undefined;
  }

  /** The provider a model is attributed to: the upstream's, or for OpenAI-compatible servers the model's family. */
  private providerOf(ctx: Ctx): string | undefined {
    const u = ctx.upstream ?? ctx.route?.targets[0];
    if (!u) return undefined;
    if (u.provider !== 'openai-compatible') return u.provider;
    return (ctx.model && recogniseModelId(ctx.model)?.provider) || u.name;
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const t0 = performance.now();
    const spec = ENDPOINTS[path];
    if (!spec) {
      this.sendError(res, openaiProtocol, 'not_found', `Unknown path ${path}.`);
      req.resume();
      return;
    }
    const api: ClientApi = spec.api === 'either' ? (req.headers['anthropic-version'] ? 'anthropic' : 'openai') : spec.api;
    const proto = PROTOCOLS[api];
    const ctx: Ctx = {
      t0,
      requestId: randomUUID(),
      api,
      proto,
      endpoint: spec.endpoint,
      method: spec.method,
      clientIp: req.socket.remoteAddress ?? '',
      stream: false,
      attempts: 0,
      hits: [],
      action: 'allow',
      status: 200,
      usage: { inputTokens: 0, outputTokens: 0 },
      gatewayMs: 0,
    };
    try {
      await this.run(req, res, ctx, spec.method, query);
    } catch (e) {
      this.d.logger.error('request failed', { requestId: ctx.requestId, error: (e as Error).message });
      if (!res.headersSent) this.refuse(res, ctx, 'upstream', `Gateway error: ${(e as Error).message}`, 'error');
      else res.destroy();
    } finally {
      this.finish(ctx);
    }
  }

  private async run(req: IncomingMessage, res: ServerResponse, ctx: Ctx, method: 'GET' | 'POST', query: string): Promise<void> {
    const { proto } = ctx;
    if (req.method !== method) {
      req.resume();
      return this.refuse(res, ctx, 'not_found', `Use ${method} for ${ctx.endpoint}.`);
    }
    let raw: Buffer | undefined;
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      raw = await this.readBody(req);
      if (!raw) return this.refuse(res, ctx, 'too_large', `Request body larger than ${this.d.config.max_body_bytes} bytes.`);
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (!isRecord(parsed)) throw new Error('not an object');
        body = parsed;
      } catch {
        return this.refuse(res, ctx, 'bad_request', 'The request body is not a JSON object.');
      }
      if (typeof body.model !== 'string' || !body.model) return this.refuse(res, ctx, 'bad_request', 'The request needs a model.');
      ctx.model = body.model;
      ctx.stream = body.stream === true;
    }

    // identity and limits
    const verdict = this.d.keys.admit(presentedKey(req.headers), ctx.model);
    if (!verdict.ok) {
      if (verdict.retryAfterSeconds) res.setHeader('retry-after', String(verdict.retryAfterSeconds));
      return this.refuse(res, ctx, verdict.kind, verdict.message);
    }
    const entry = verdict.entry;
    ctx.key = entry;
    const throttled = this.d.abuse.throttled(entry.record.id);
    if (throttled !== undefined) {
      res.setHeader('retry-after', String(throttled));
      return this.refuse(res, ctx, 'rate_limited', `Key ${entry.record.id} is throttled after an abuse alert.`);
    }
    const route = this.selectRoute(ctx.api, ctx.model);
    if (!route) return this.refuse(res, ctx, 'not_found', `No route serves model ${ctx.model} over the ${ctx.api} API.`);
    ctx.route = route;

    // request guardrails
    const guards = ctx.model
      ? this.d.guardrails.resolve({ team: entry.record.team ?? '', keyId: entry.record.id, keyName: entry.record.name, route: route.config.name, model: ctx.model })
      : undefined;
    const celRequest = () => (ctx.celRequest ??= this.celRequest(ctx, body));
    const redactor = new Redactor();
    let bodyChanged = false;
    let slots: TextSlot[] | undefined;
    if (method === 'POST') {
      slots = proto.requestTexts(ctx.endpoint, body);
      const texts = slots.map((s) => s.text);
      ctx.prompt = texts;
      if (guards && guards.request.length) {
        const outcome = await runHook(guards.request, { hook: 'request', texts, roles: slots.map((s) => s.role), request: celRequest });
        this.record(ctx, 'request', outcome);
        if (outcome.block) return this.blocked(res, ctx, outcome.block);
        const redacted = redactor.apply(texts, outcome.redactions);
        if (redacted) {
          redacted.forEach((t, i) => t !== texts[i] && setSlot(slots![i]!, t));
          bodyChanged = true;
        }
      }
      if (guards && guards.tool.length) {
        const toolSlots = proto.requestToolResults(ctx.endpoint, body);
        if (toolSlots.length) {
          const texts = toolSlots.map((s) => s.text);
          const outcome = await runHook(guards.tool, {
            hook: 'tool_call',
            texts,
            roles: toolSlots.map((s) => s.role),
            request: celRequest,
            tool: { name: '', arguments: '', direction: 'result' },
          });
          this.record(ctx, 'tool_call', outcome);
          if (outcome.block) return this.blocked(res, ctx, outcome.block);
          const redacted = redactor.apply(texts, outcome.redactions);
          if (redacted) {
            redacted.forEach((t, i) => t !== texts[i] && setSlot(toolSlots[i]!, t));
            bodyChanged = true;
          }
        }
      }
    }

    // upstream
    const out = bodyChanged ? Buffer.from(JSON.stringify(body)) : raw;
    this.d.keys.countRequest(entry);
    const ac = new Cancellation();
    const onClose = () => {
      if (!res.writableFinished) ac.abort();
    };
    res.on('close', onClose);
    const tSend = performance.now();
    ctx.gatewayMs += tSend - ctx.t0;
    let attempt;
    try {
      const answer = callUpstream(route, ctx.endpoint, ctx.model, method, out, req.headers, query, ac);
      // The abuse baselines do not decide this request (a throttle applies to the next ones), so they are
      // updated after the request has gone out, while the upstream works on it.
      if (method === 'POST') this.observeAbuse(ctx, entry.record.id);
      attempt = await answer;
    } catch (e) {
      ctx.attempts = e instanceof UpstreamFailure ? e.attempts : ctx.attempts;
      ctx.upstreamMs = performance.now() - tSend;
      const kind: GatewayErrorKind = e instanceof UpstreamFailure ? e.kind : 'upstream';
      this.d.metrics.upstreamAttempts.inc({ upstream: route.targets[route.targets.length - 1]!.name, outcome: 'failed' });
      const t = performance.now();
      this.refuse(res, ctx, kind, (e as Error).message, 'error');
      ctx.gatewayMs += performance.now() - t;
      return;
    }
    const tHeaders = performance.now();
    ctx.upstreamMs = tHeaders - tSend;
    ctx.upstream = attempt.upstream;
    ctx.attempts = attempt.attempts;
    this.d.metrics.upstreamLatency.observe(ctx.upstreamMs / 1000);
    this.d.metrics.upstreamAttempts.inc({ upstream: attempt.upstream.name, outcome: String(attempt.response.statusCode) });
    const upstreamRes = attempt.response;
    const contentType = String(upstreamRes.headers['content-type'] ?? '');
    ctx.status = upstreamRes.statusCode;
    try {
      if (upstreamRes.statusCode >= 400) await this.passThrough(res, ctx, upstreamRes, contentType);
      else if (ctx.endpoint === 'models') await this.models(res, ctx, upstreamRes, contentType);
      else if (contentType.startsWith('text/event-stream')) await this.streamed(res, ctx, upstreamRes, guards, redactor, celRequest, ac);
      else await this.whole(res, ctx, upstreamRes, contentType, guards, redactor, celRequest);
    } finally {
      res.off('close', onClose);
    }
  }

  private readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const max = this.d.config.max_body_bytes;
    const declared = Number(req.headers['content-length']);
    if (declared > max) {
      req.resume();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > max) {
          req.removeAllListeners('data');
          req.resume();
          resolve(undefined);
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
      req.on('error', reject);
    });
  }

  private celRequest(ctx: Ctx, body: Record<string, unknown>): Record<string, unknown> {
    const k = ctx.key?.record;
    let chars = 0;
    for (const t of ctx.prompt ?? []) chars += t.length;
    return {
      api: ctx.api,
      endpoint: ctx.endpoint,
      model: ctx.model ?? '',
      provider: this.providerOf(ctx) ?? '',
      route: ctx.route?.config.name ?? '',
      stream: ctx.stream,
      prompt_chars: BigInt(chars),
      messages: BigInt(Array.isArray(body.messages) ? body.messages.length : 0),
      tools: Array.isArray(body.tools) ? body.tools.map((t) => (isRecord(t) ? String((isRecord(t.function) ? t.function.name : t.name) ?? '') : '')) : [],
      client_ip: ctx.clientIp,
      key: { id: k?.id ?? '', name: k?.name ?? '', app: k?.app ?? '', team: k?.team ?? '' },
    };
  }

  /** Adds a hook's results to the decision. */
  private record(ctx: Ctx, hook: string, outcome: { results: GuardrailResult[] }): void {
    for (const r of outcome.results) this.recordResult(ctx, hook, r);
  }

  private recordResult(ctx: Ctx, hook: string, r: GuardrailResult): void {
    const g = r.guardrail;
    const failed = r.error !== undefined;
    const action = failed ? (g.onError === 'fail_closed' ? 'block' : 'allow') : g.action;
    ctx.hits.push({
      guardrail: g.id,
      hook,
      action,
      scope: g.scope,
      severity: g.severity,
      detections: r.detections.map((h) => ({ detector: h.detector, type: h.type, score: h.score, start: h.start, end: h.end })),
      ms: r.ms,
      ...(failed ? { error: r.error, onError: g.onError } : {}),
      ...(r.overBudget ? { overBudget: true } : {}),
    });
    if (STRICT[action] > STRICT[ctx.action]) ctx.action = action;
    if (failed) this.d.metrics.guardrailErrors.inc({ guardrail: g.id, on_error: g.onError });
    else this.d.metrics.guardrailHits.inc({ guardrail: g.id, hook, action });
    if (r.overBudget) this.d.metrics.guardrailOverBudget.inc({ guardrail: g.id });
  }

  private blocked(res: ServerResponse, ctx: Ctx, block: NonNullable<HookOutcome['block']>): void {
    ctx.action = 'block';
    this.refuse(res, ctx, block.unavailable ? 'guardrail_unavailable' : 'blocked', block.message, 'block');
  }

  /** Answers with an error in the client protocol's shape and records the decision. */
  private refuse(res: ServerResponse, ctx: Ctx, kind: GatewayErrorKind, message: string, action: DecisionAction = 'refuse'): void {
    if (STRICT[action] >= STRICT[ctx.action] || action === 'error') ctx.action = action;
    ctx.reason = message;
    ctx.status = this.sendError(res, ctx.proto, kind, message);
  }

  private sendError(res: ServerResponse, proto: ProtocolAdapter, kind: GatewayErrorKind, message: string): number {
    const status = proto.errorStatus(kind);
    if (res.headersSent) {
      res.end();
      return status;
    }
    const body = proto.errorBody(kind, message);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return status;
  }

  private async passThrough(res: ServerResponse, ctx: Ctx, up: UpstreamResponse, contentType: string): Promise<void> {
    const body = await up.bytes();
    const t = performance.now();
    res.writeHead(up.statusCode, { 'content-type': contentType || 'application/json', 'content-length': body.length });
    res.end(body);
    ctx.reason = `upstream answered HTTP ${up.statusCode}`;
    ctx.gatewayMs += performance.now() - t;
  }

  private async models(res: ServerResponse, ctx: Ctx, up: UpstreamResponse, contentType: string): Promise<void> {
    const text = await up.text();
    const t = performance.now();
    let out = text;
    try {
      const parsed = JSON.parse(text) as { data?: Array<{ id?: string }> };
      if (Array.isArray(parsed.data) && ctx.key) {
        parsed.data = parsed.data.filter((m) => typeof m.id === 'string' && ctx.key!.allowsModel(m.id));
        out = JSON.stringify(parsed);
      }
    } catch {
      /* not JSON: forwarded as it came */
    }
    res.writeHead(up.statusCode, { 'content-type': contentType || 'application/json', 'content-length': Buffer.byteLength(out) });
    res.end(out);
    ctx.gatewayMs += performance.now() - t;
  }

  /** A complete JSON answer: judged, redacted or restored as a whole. */
  private async whole(
    res: ServerResponse,
    ctx: Ctx,
    up: UpstreamResponse,
    contentType: string,
    guards: ResolvedGuardrails | undefined,
    redactor: Redactor,
    celRequest: () => Record<string, unknown>,
  ): Promise<void> {
    const buf = await up.bytes();
    const t = performance.now();
    const inspect = guards !== undefined && (guards.response.length > 0 || guards.tool.length > 0);
    let out: Buffer | string = buf;
    if (inspect || redactor.restores.size) {
      let body: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(buf.toString('utf8'));
        if (isRecord(parsed)) body = parsed;
      } catch {
        body = undefined;
      }
      if (body) {
        Object.assign(ctx.usage, ctx.proto.responseUsage(ctx.endpoint, body) ?? {});
        let changed = false;
        const slots = ctx.proto.responseTexts(ctx.endpoint, body);
        if (guards && guards.response.length && slots.length) {
          const texts = slots.map((s) => s.text);
          const outcome = await runHook(guards.response, { hook: 'response', texts, roles: slots.map((s) => s.role), request: celRequest });
          this.record(ctx, 'response', outcome);
          if (outcome.block) {
            this.blocked(res, ctx, outcome.block);
            ctx.gatewayMs += performance.now() - t;
            return;
          }
          const redacted = redactor.apply(texts, outcome.redactions.map((r) => ({ ...r, restore: false })));
          if (redacted) {
            redacted.forEach((v, i) => v !== texts[i] && setSlot(slots[i]!, v));
            changed = true;
          }
        }
        if (guards && guards.tool.length) {
          for (const call of ctx.proto.responseToolCalls(ctx.endpoint, body)) {
            const outcome = await runHook(guards.tool, { hook: 'tool_call', texts: [call.arguments], roles: ['tool'], request: celRequest, tool: { ...call, direction: 'call' } });
            this.record(ctx, 'tool_call', outcome);
            if (outcome.block) {
              this.blocked(res, ctx, outcome.block);
              ctx.gatewayMs += performance.now() - t;
              return;
            }
          }
        }
        if (redactor.restores.size) {
          for (const s of slots) {
            const restored = redactor.restore(s.text);
            if (restored !== s.text) {
              setSlot(s, restored);
              changed = true;
            }
          }
        }
        if (changed) out = JSON.stringify(body);
      }
    } else {
      Object.assign(ctx.usage, usageFrom(sniffUsage(buf)));
    }
    res.writeHead(up.statusCode, { 'content-type': contentType || 'application/json', 'content-length': typeof out === 'string' ? Buffer.byteLength(out) : out.length, 'x-aispm-request-id': ctx.requestId });
    res.end(out);
    ctx.gatewayMs += performance.now() - t;
  }

  /** A stream: forwarded as it arrives; judged event by event when guardrails or restore apply. */
  private async streamed(
    res: ServerResponse,
    ctx: Ctx,
    up: UpstreamResponse,
    guards: ResolvedGuardrails | undefined,
    redactor: Redactor,
    celRequest: () => Record<string, unknown>,
    ac: Cancellation,
  ): Promise<void> {
    const { proto, endpoint } = ctx;
    const metrics = this.d.metrics;
    metrics.activeStreams.add(1);
    res.writeHead(up.statusCode, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-aispm-request-id': ctx.requestId });
    const inspector = new StreamInspector(guards?.response ?? [], guards?.tool ?? [], this.d.config.guardrail_defaults.stream_window_chars, celRequest, redactor);
    const restorer = redactor.restores.size ? new StreamRestorer(redactor) : undefined;
    const judging = inspector.inspectsText || inspector.inspectsTools || restorer !== undefined;
    const parser = new SseParser();
    const state = newStreamState();
    let lastText: { event: string; data: Record<string, unknown> } | undefined;
    let ended = false;
    const write = async (chunk: Buffer | string) => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    const terminate = async (block: NonNullable<HookOutcome['block']>) => {
      ctx.action = 'block';
      ctx.reason = block.message;
      await write(proto.endStream(endpoint, state, this.d.config.guardrail_defaults.stream_block, block.message));
      ended = true;
      res.end();
      ac.abort();
    };
    /** Held-back restore text goes out (judged like any text) before an event that closes its slot. */
    const drainRestorer = async (): Promise<boolean> => {
      if (!restorer || !lastText) return true;
      for (const [slot, text] of restorer.drain()) {
        const verdict = await inspector.text(slot, text);
        if (verdict.block) {
          await terminate(verdict.block);
          return false;
        }
        const clone = JSON.parse(JSON.stringify(lastText.data)) as Record<string, unknown>;
        proto.setStreamText(endpoint, clone, verdict.text);
        await write(sseFrame(JSON.stringify(clone), lastText.event || undefined));
      }
      return true;
    };
    try {
      for await (const chunk of up.chunks()) {
        const t = performance.now();
        const events = parser.push(chunk);
        if (!judging) {
          // untouched bytes; events are only read for usage
          await write(chunk);
          for (const ev of events) this.streamUsage(ctx, ev.event, ev.data, state);
          ctx.gatewayMs += performance.now() - t;
          continue;
        }
        for (const ev of events) {
          if (!ev.data || ev.data === '[DONE]') {
            if (ev.data === '[DONE]' && !(await drainRestorer())) break;
            await write(ev.raw);
            continue;
          }
          let data: Record<string, unknown>;
          try {
            const parsed: unknown = JSON.parse(ev.data);
            if (!isRecord(parsed)) throw new Error('not an object');
            data = parsed;
          } catch {
            await write(ev.raw);
            continue;
          }
          const view = proto.viewStreamEvent(endpoint, ev.event, data, state);
          if (view.usage) Object.assign(ctx.usage, stripUndefined(view.usage));
          if (view.tool) inspector.tool(view.tool.slot, view.tool.name, view.tool.args);
          if (view.toolsDone || view.final) {
            if (!(await drainRestorer())) break;
            if (view.toolsDone) {
              const block = await inspector.toolsDone(view.toolsDone);
              if (block) {
                await terminate(block);
                break;
              }
            }
          }
          if (view.text) {
            const original = view.text.value;
            const text = restorer ? restorer.push(view.text.slot, original) : original;
            const verdict = await inspector.text(view.text.slot, text);
            if (verdict.block) {
              await terminate(verdict.block);
              break;
            }
            lastText = { event: ev.event, data };
            if (verdict.text !== original) {
              proto.setStreamText(endpoint, data, verdict.text);
              await write(sseFrame(JSON.stringify(data), ev.event || undefined));
              continue;
            }
          }
          await write(ev.raw);
        }
        ctx.gatewayMs += performance.now() - t;
        if (ended) break;
      }
    } catch (e) {
      if (!ended && !ac.aborted) this.d.logger.warn('stream from upstream failed', { requestId: ctx.requestId, error: (e as Error).message });
    } finally {
      metrics.activeStreams.add(-1);
      for (const r of inspector.results) this.recordResult(ctx, r.hook, r.result);
      if (!ctx.usage.outputTokens) ctx.usage.outputTokens = state.outputTokens;
      if (!ended) {
        if (!res.writableEnded) res.end();
      }
    }
  }

  /** Usage from a stream that is forwarded untouched: only events that carry usage are parsed. */
  private streamUsage(ctx: Ctx, event: string, data: string, state: ReturnType<typeof newStreamState>): void {
    if (!data || data === '[DONE]') return;
    if (data.indexOf('"usage"') === -1) {
      // one content event is about one token when the upstream reports no usage
      if (event === '' || event === 'content_block_delta' || event === 'response.output_text.delta') state.outputTokens++;
      return;
    }
    try {
      const parsed: unknown = JSON.parse(data);
      if (!isRecord(parsed)) return;
      const u = isRecord(parsed.usage) ? parsed.usage : isRecord(parsed.message) && isRecord(parsed.message.usage) ? parsed.message.usage : isRecord(parsed.response) && isRecord(parsed.response.usage) ? parsed.response.usage : undefined;
      Object.assign(ctx.usage, usageFrom(u));
    } catch {
      /* ignore a malformed event: it is forwarded as it came */
    }
  }

  private observeAbuse(ctx: Ctx, keyId: string): void {
    const prompt = ctx.prompt ?? [];
    const anomalies = this.d.abuse.observeRequest(keyId, ctx.clientIp, ctx.model, prompt.length === 1 ? prompt[0]! : prompt.join('\n'));
    if (anomalies.length) this.anomalies(ctx, anomalies);
  }

  private anomalies(ctx: Ctx, list: Anomaly[]): void {
    const key = ctx.key ? keyIdentity(ctx.key) : undefined;
    const provider = this.providerOf(ctx);
    for (const a of list) {
      this.d.metrics.abuse.inc({ kind: a.kind });
      this.d.logger.warn('abuse detected', { kind: a.kind, subject: a.subject, message: a.message });
      if (!this.d.events.active) continue;
      this.d.events.emit(
        findingEvent({
          time: this.d.now(),
          uid: `${ctx.requestId}:${a.kind}`,
          title: ABUSE_TITLES[a.kind],
          message: `${a.subject}: ${a.message}`,
          analytic: { uid: ABUSE_RULES[a.kind], name: a.kind, typeId: a.kind === 'model_extraction' ? 2 : 3, type: a.kind === 'model_extraction' ? 'Behavioral' : 'Statistical' },
          severity: a.kind === 'model_extraction' ? 'high' : 'medium',
          key,
          provider,
          model: ctx.model,
          evidence: { kind: a.kind, subject: a.subject, ...a.evidence, request_id: ctx.requestId },
          throttled: this.d.config.abuse.throttle_seconds > 0 && a.subject.startsWith('key:'),
          types: ['owasp-llm:LLM10:2025'],
        }),
      );
    }
  }

  /** Counts usage, feeds the baselines, writes the decision's event, metrics and inventory. */
  private finish(ctx: Ctx): void {
    const { usage } = ctx;
    const tokens = usage.inputTokens + usage.outputTokens;
    const entry = ctx.key;
    if (entry && tokens > 0) {
      this.d.keys.countTokens(entry, tokens);
      const anomalies = this.d.abuse.observeTokens(entry.record.id, ctx.clientIp, tokens);
      if (anomalies.length) this.anomalies(ctx, anomalies);
    }
    const m = this.d.metrics;
    m.requests.inc({ api: ctx.api, endpoint: ctx.endpoint, status: String(ctx.status), decision: ctx.action });
    m.addedLatency.observe(ctx.gatewayMs / 1000);
    if (tokens) {
      m.tokens.inc({ direction: 'input' }, usage.inputTokens);
      m.tokens.inc({ direction: 'output' }, usage.outputTokens);
    }
    const provider = this.providerOf(ctx);
    if (this.d.inventory && entry && ctx.model && provider && ctx.route) {
      const shadow = this.d.inventory.record({
        key: keyIdentity(entry),
        provider,
        model: ctx.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        blocked: ctx.action === 'block',
        time: this.d.now(),
      });
      if ((shadow.shadowModel || shadow.shadowProvider) && this.d.events.active) {
        const what = shadow.shadowModel ? `model ${provider}/${ctx.model}` : `provider ${provider}`;
        this.d.events.emit(
          findingEvent({
            time: this.d.now(),
            uid: `${ctx.requestId}:shadow-ai`,
            title: 'Shadow AI: undeclared model in use',
            message: `${what} is used at runtime by ${entry.record.app ?? entry.record.name} but no scanned source declares it`,
            analytic: { uid: 'AISPM-GW-SHADOW-001', name: 'runtime-shadow-ai', typeId: 1, type: 'Rule' },
            severity: 'medium',
            key: keyIdentity(entry),
            provider,
            model: ctx.model,
            evidence: { shadow_model: shadow.shadowModel, shadow_provider: shadow.shadowProvider, request_id: ctx.requestId },
          }),
        );
      }
    }
    if (!this.d.events.active) return;
    if (!this.d.config.events.all_requests && ctx.action === 'allow' && !ctx.hits.length) return;
    const decision: Decision = {
      time: this.d.now(),
      requestId: ctx.requestId,
      api: ctx.api,
      endpoint: ctx.endpoint,
      method: ctx.method,
      route: ctx.route?.config.name,
      upstream: ctx.upstream?.name,
      provider,
      model: ctx.model,
      key: entry ? keyIdentity(entry) : undefined,
      clientIp: ctx.clientIp,
      status: ctx.status,
      action: ctx.action,
      reason: ctx.reason,
      hits: ctx.hits,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      addedLatencyMs: ctx.gatewayMs,
      upstreamMs: ctx.upstreamMs,
      attempts: ctx.attempts,
      stream: ctx.stream,
      prompt: ctx.prompt,
    };
    this.d.events.emit(decisionEvent(decision, this.d.config.events.prompt_logging));
  }
}

const ABUSE_TITLES: Record<Anomaly['kind'], string> = {
  request_spike: 'Request spike against the baseline',
  token_spike: 'Token spike against the baseline',
  prompt_flooding: 'Prompt flooding (oversized prompt)',
  model_extraction: 'Model extraction pattern (systematic near-duplicate probing)',
  model_switching: 'Unusual model switching',
};

const ABUSE_RULES: Record<Anomaly['kind'], string> = {
  request_spike: 'AISPM-GW-ABUSE-001',
  token_spike: 'AISPM-GW-ABUSE-002',
  prompt_flooding: 'AISPM-GW-ABUSE-003',
  model_extraction: 'AISPM-GW-ABUSE-004',
  model_switching: 'AISPM-GW-ABUSE-005',
};

function stripUndefined(u: Partial<Usage>): Partial<Usage> {
  const r: Partial<Usage> = {};
  if (u.inputTokens !== undefined) r.inputTokens = u.inputTokens;
  if (u.outputTokens !== undefined) r.outputTokens = u.outputTokens;
  return r;
}
