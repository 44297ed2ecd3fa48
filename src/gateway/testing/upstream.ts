// A local stand-in for the hosted LLM APIs, for tests and benchmarks (127.0.0.1 only). It speaks the real
// request and response shapes of OpenAI's API (chat completions, Responses, completions, embeddings, models;
// also under Azure OpenAI's deployment paths) and Anthropic's Messages API, including their SSE streams:
// OpenAI `data: {chunk}` … `data: [DONE]`, the Responses API's typed events, and Anthropic's
// message_start … message_stop. Replies are scripted by the test; every request it receives is recorded so a
// test can check what left the gateway (redacted prompts, auth headers).

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  /** Assistant text (default: `Hello from <model>.`). */
  text?: string;
  /** Text pieces sent as separate stream events (default: the text split after each space). */
  chunks?: string[];
  /** A tool call instead of (or after) the text. */
  toolCall?: { name: string; arguments: string };
  /** Answer with this HTTP status and the provider's error body. */
  status?: number;
  /** Wait before the response headers (ms). */
  delayMs?: number;
  /** Wait between stream events (ms). */
  chunkDelayMs?: number;
  /** Reported usage (default: about four characters per token). */
  usage?: { input: number; output: number };
  /** Streams only: after this many events, wait for `until` before sending the rest (tests that nothing buffers). */
  hold?: { after: number; until: Promise<void> };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
}

export interface StandInUpstream {
  url: string;
  /** Requests received, oldest first. */
  requests: RecordedRequest[];
  /** Decides the reply to each request (default: the default reply). */
  script: (req: RecordedRequest) => ScriptedReply;
  /** The next `n` requests fail with `status` (or a dropped connection when status is 0). */
  failNext(n: number, status: number): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Keys accepted (Bearer, x-api-key or api-key); none given: any key. */
  apiKeys?: string[];
  /** Do not record requests (benchmarks). */
  record?: boolean;
  port?: number;
}

const enc = (o: unknown) => JSON.stringify(o);

function splitChunks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ') {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function textOfRequest(body: Record<string, unknown> | undefined): string {
  return JSON.stringify(body?.messages ?? body?.input ?? body?.prompt ?? '');
}

function usageFor(body: Record<string, unknown> | undefined, text: string, u?: { input: number; output: number }) {
  return u ?? { input: Math.max(1, Math.ceil(textOfRequest(body).length / 4)), output: Math.max(1, Math.ceil(text.length / 4)) };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

function openaiError(status: number) {
  return enc({ error: { message: `stand-in upstream error ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null } });
}

function anthropicError(status: number) {
  const type = status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : status === 401 ? 'authentication_error' : 'api_error';
  return enc({ type: 'error', error: { type, message: `stand-in upstream error ${status}` } });
}

export async function startStandInUpstream(opts: StandInOptions = {}): Promise<StandInUpstream> {
  const requests: RecordedRequest[] = [];
  let failures: Array<number> = [];
  const state = {
    script: (_r: RecordedRequest): ScriptedReply => ({}),
  };
  const keys = opts.apiKeys ? new Set(opts.apiKeys) : undefined;

  const server = http.createServer({ keepAliveTimeout: 65_000, noDelay: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, chunks.length ? Buffer.concat(chunks).toString('utf8') : '').catch(() => res.destroy());
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    let body: Record<string, unknown> | undefined;
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(openaiError(400));
        return;
      }
    }
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: url, headers: req.headers, body };
    if (opts.record !== false) requests.push(rec);
    const anthropic = path === '/v1/messages' || (path === '/v1/models' && req.headers['anthropic-version'] !== undefined);
    const presented =
      (typeof req.headers.authorization === 'string' ? req.headers.authorization.replace(/^Bearer\s+/i, '') : undefined) ??
      (req.headers['x-api-key'] as string | undefined) ??
      (req.headers['api-key'] as string | undefined);
    if (keys && (!presented || !keys.has(presented))) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(anthropic ? anthropicError(401) : openaiError(401));
      return;
    }
    if (failures.length) {
      const status = failures.shift()!;
      if (status === 0) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(anthropic ? anthropicError(status) : openaiError(status));
      return;
    }
    const reply = state.script(rec);
    await sleep(reply.delayMs ?? 0);
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(anthropic ? anthropicError(reply.status) : openaiError(reply.status));
      return;
    }
    const model = typeof body?.model === 'string' ? body.model : 'stand-in';
    const azure = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|completions|embeddings)$/.exec(path);
    const route = azure ? `/v1/${azure[2]}` : path.replace(/^\/openai\//, '/v1/');
    const text = reply.text ?? `Hello from ${model}.`;
    const stream = body?.stream === true;
    switch (route) {
      case '/v1/chat/completions':
        return stream ? chatStream(res, body, model, text, reply) : json(res, chatCompletion(body, model, text, reply));
      case '/v1/completions':
        return stream ? completionStream(res, model, text, reply) : json(res, completion(body, model, text, reply));
      case '/v1/embeddings':
        return json(res, embeddings(body, model));
      case '/v1/responses':
        return stream ? responsesStream(res, body, model, text, reply) : json(res, responsesObject(body, model, text, reply, 'completed'));
      case '/v1/models':
        return json(
          res,
          anthropic
            ? { data: ['claude-sonnet-5-5', 'claude-haiku-5-5'].map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' })), has_more: false, first_id: 'claude-sonnet-5-5', last_id: 'claude-haiku-5-5' }
            : { object: 'list', data: ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'].map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'stand-in' })) },
        );
      case '/v1/messages':
        return stream ? messagesStream(res, body, model, text, reply) : json(res, message(body, model, text, reply));
      default:
        res.writeHead(404, { 'content-type': 'application/json' }).end(openaiError(404));
    }
  }

  function json(res: http.ServerResponse, o: unknown): void {
    const s = enc(o);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
    res.end(s);
  }

  function chatCompletion(body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    const u = usageFor(body, text, r.usage);
    const message: Record<string, unknown> = { role: 'assistant', content: r.toolCall ? null : text, refusal: null };
    if (r.toolCall) message.tool_calls = [{ id: 'call_standin_1', type: 'function', function: r.toolCall }];
    return {
      id: 'chatcmpl-standin',
      object: 'chat.completion',
      created: 1700000000,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: r.toolCall ? 'tool_calls' : 'stop' }],
      usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
    };
  }

  async function writeEvents(res: http.ServerResponse, frames: string[], r: ScriptedReply): Promise<void> {
    const delay = r.chunkDelayMs ?? 0;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (let i = 0; i < frames.length; i++) {
      if (res.destroyed) return;
      if (r.hold && i === r.hold.after) await r.hold.until;
      if (i > 0 && delay > 0) await sleep(delay);
      res.write(frames[i]);
    }
    res.end();
  }

  async function chatStream(res: http.ServerResponse, body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    const base = { id: 'chatcmpl-standin', object: 'chat.completion.chunk', created: 1700000000, model, system_fingerprint: null };
    const frames: string[] = [`data: ${enc({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] })}\n\n`];
    if (!r.toolCall) {
      for (const c of r.chunks ?? splitChunks(text)) frames.push(`data: ${enc({ ...base, choices: [{ index: 0, delta: { content: c }, logprobs: null, finish_reason: null }] })}\n\n`);
    } else {
      frames.push(`data: ${enc({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_standin_1', type: 'function', function: { name: r.toolCall.name, arguments: '' } }] }, logprobs: null, finish_reason: null }] })}\n\n`);
      const args = r.toolCall.arguments;
      const half = Math.ceil(args.length / 2);
      for (const part of [args.slice(0, half), args.slice(half)]) {
        frames.push(`data: ${enc({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: part } }] }, logprobs: null, finish_reason: null }] })}\n\n`);
      }
    }
    frames.push(`data: ${enc({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: r.toolCall ? 'tool_calls' : 'stop' }] })}\n\n`);
    const opts = body?.stream_options as { include_usage?: boolean } | undefined;
    if (opts?.include_usage) {
      const u = usageFor(body, text, r.usage);
      frames.push(`data: ${enc({ ...base, choices: [], usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output } })}\n\n`);
    }
    frames.push('data: [DONE]\n\n');
    await writeEvents(res, frames, r);
  }

  function completion(body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    const u = usageFor(body, text, r.usage);
    return {
      id: 'cmpl-standin',
      object: 'text_completion',
      created: 1700000000,
      model,
      choices: [{ index: 0, text, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
    };
  }

  async function completionStream(res: http.ServerResponse, model: string, text: string, r: ScriptedReply) {
    const base = { id: 'cmpl-standin', object: 'text_completion', created: 1700000000, model };
    const frames = (r.chunks ?? splitChunks(text)).map((c) => `data: ${enc({ ...base, choices: [{ index: 0, text: c, logprobs: null, finish_reason: null }] })}\n\n`);
    frames.push(`data: ${enc({ ...base, choices: [{ index: 0, text: '', logprobs: null, finish_reason: 'stop' }] })}\n\n`, 'data: [DONE]\n\n');
    await writeEvents(res, frames, r);
  }

  function embeddings(body: Record<string, unknown> | undefined, model: string) {
    const inputs = Array.isArray(body?.input) ? (body!.input as unknown[]) : [body?.input];
    const data = inputs.map((inp, index) => {
      const s = String(inp ?? '');
      const v = Array.from({ length: 8 }, (_, i) => Number((((s.charCodeAt(i % Math.max(1, s.length)) || 1) % 17) / 17).toFixed(6)));
      return { object: 'embedding', index, embedding: v };
    });
    const tokens = Math.max(1, Math.ceil(JSON.stringify(body?.input ?? '').length / 4));
    return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  }

  function responsesObject(body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply, status: string) {
    const u = usageFor(body, text, r.usage);
    const output: unknown[] = r.toolCall
      ? [{ type: 'function_call', id: 'fc_standin_1', call_id: 'call_standin_1', name: r.toolCall.name, arguments: r.toolCall.arguments, status: 'completed' }]
      : [{ type: 'message', id: 'msg_standin_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }];
    return {
      id: 'resp_standin',
      object: 'response',
      created_at: 1700000000,
      status,
      error: null,
      incomplete_details: null,
      model,
      output,
      usage: { input_tokens: u.input, output_tokens: u.output, total_tokens: u.input + u.output },
    };
  }

  async function responsesStream(res: http.ServerResponse, body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    let seq = 0;
    const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${enc({ type, sequence_number: seq++, ...data })}\n\n`;
    const inProgress = { ...responsesObject(body, model, text, r, 'in_progress'), output: [], usage: null };
    const frames = [ev('response.created', { response: inProgress }), ev('response.in_progress', { response: inProgress })];
    if (r.toolCall) {
      const item = { type: 'function_call', id: 'fc_standin_1', call_id: 'call_standin_1', name: r.toolCall.name, arguments: '', status: 'in_progress' };
      frames.push(ev('response.output_item.added', { output_index: 0, item }));
      frames.push(ev('response.function_call_arguments.delta', { item_id: 'fc_standin_1', output_index: 0, delta: r.toolCall.arguments }));
      frames.push(ev('response.function_call_arguments.done', { item_id: 'fc_standin_1', output_index: 0, arguments: r.toolCall.arguments }));
      frames.push(ev('response.output_item.done', { output_index: 0, item: { ...item, arguments: r.toolCall.arguments, status: 'completed' } }));
    } else {
      const item = { type: 'message', id: 'msg_standin_1', status: 'in_progress', role: 'assistant', content: [] };
      frames.push(ev('response.output_item.added', { output_index: 0, item }));
      frames.push(ev('response.content_part.added', { item_id: 'msg_standin_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }));
      for (const c of r.chunks ?? splitChunks(text)) frames.push(ev('response.output_text.delta', { item_id: 'msg_standin_1', output_index: 0, content_index: 0, delta: c }));
      frames.push(ev('response.output_text.done', { item_id: 'msg_standin_1', output_index: 0, content_index: 0, text }));
      frames.push(ev('response.content_part.done', { item_id: 'msg_standin_1', output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [] } }));
      frames.push(ev('response.output_item.done', { output_index: 0, item: { ...item, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] } }));
    }
    frames.push(ev('response.completed', { response: responsesObject(body, model, text, r, 'completed') }));
    await writeEvents(res, frames, r);
  }

  function message(body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    const u = usageFor(body, text, r.usage);
    const content: unknown[] = r.toolCall
      ? [{ type: 'tool_use', id: 'toolu_standin_1', name: r.toolCall.name, input: JSON.parse(r.toolCall.arguments || '{}') }]
      : [{ type: 'text', text }];
    return {
      id: 'msg_standin',
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: r.toolCall ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: u.input, output_tokens: u.output },
    };
  }

  async function messagesStream(res: http.ServerResponse, body: Record<string, unknown> | undefined, model: string, text: string, r: ScriptedReply) {
    const u = usageFor(body, text, r.usage);
    const ev = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${enc({ type, ...data })}\n\n`;
    const frames = [
      ev('message_start', { message: { id: 'msg_standin', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: u.input, output_tokens: 1 } } }),
    ];
    if (r.toolCall) {
      frames.push(ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_standin_1', name: r.toolCall.name, input: {} } }));
      const args = r.toolCall.arguments;
      const half = Math.ceil(args.length / 2);
      for (const part of [args.slice(0, half), args.slice(half)]) frames.push(ev('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: part } }));
      frames.push(ev('content_block_stop', { index: 0 }));
    } else {
      frames.push(ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }));
      frames.push('event: ping\ndata: {"type": "ping"}\n\n');
      for (const c of r.chunks ?? splitChunks(text)) frames.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: c } }));
      frames.push(ev('content_block_stop', { index: 0 }));
    }
    frames.push(ev('message_delta', { delta: { stop_reason: r.toolCall ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: u.output } }));
    frames.push(ev('message_stop', {}));
    await writeEvents(res, frames, r);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    get script() {
      return state.script;
    },
    set script(fn) {
      state.script = fn;
    },
    failNext(n, status) {
      failures = [...failures, ...Array(n).fill(status)];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
