// OpenAI's API as clients speak it (and OpenAI-compatible servers, Azure OpenAI): chat completions, the
// Responses API, legacy completions, embeddings. Shapes follow the OpenAI API reference.

import { sseFrame } from '../sse.js';
import {
  isRecord,
  type Endpoint,
  type GatewayErrorKind,
  type ProtocolAdapter,
  type StreamEventView,
  type StreamState,
  type TextSlot,
  type ToolCall,
  type Usage,
} from './types.js';

/** Text of a `content` that is a string or a list of parts (`{type:'text'|'input_text'|'output_text', text}`). */
function contentSlots(holder: Record<string, unknown>, key: string, role: string, out: TextSlot[]): void {
  const c = holder[key];
  if (typeof c === 'string') {
    if (c) out.push({ holder, key, role, text: c });
  } else if (Array.isArray(c)) {
    for (const part of c) {
      if (isRecord(part) && typeof part.text === 'string' && part.text) out.push({ holder: part, key: 'text', role, text: part.text });
    }
  }
}

function stringOrList(holder: Record<string, unknown>, key: string, role: string, out: TextSlot[]): void {
  const v = holder[key];
  if (typeof v === 'string') {
    if (v) out.push({ holder, key, role, text: v });
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'string' && v[i]) out.push({ holder: v, key: i, role, text: v[i] as string });
  }
}

function requestSlots(endpoint: Endpoint, body: Record<string, unknown>, tools: boolean): TextSlot[] {
  const out: TextSlot[] = [];
  switch (endpoint) {
    case 'chat': {
      const msgs = body.messages;
      if (!Array.isArray(msgs)) break;
      for (const m of msgs) {
        if (!isRecord(m)) continue;
        const role = typeof m.role === 'string' ? m.role : 'user';
        if ((role === 'tool' || role === 'function') === tools) contentSlots(m, 'content', role, out);
      }
      break;
    }
    case 'completions':
      if (!tools) stringOrList(body, 'prompt', 'user', out);
      break;
    case 'embeddings':
      if (!tools) stringOrList(body, 'input', 'user', out);
      break;
    case 'responses': {
      if (!tools && typeof body.instructions === 'string' && body.instructions) out.push({ holder: body, key: 'instructions', role: 'system', text: body.instructions });
      const input = body.input;
      if (typeof input === 'string') {
        if (!tools && input) out.push({ holder: body, key: 'input', role: 'user', text: input });
      } else if (Array.isArray(input)) {
        for (const item of input) {
          if (!isRecord(item)) continue;
          if (item.type === 'function_call_output') {
            if (tools && typeof item.output === 'string' && item.output) out.push({ holder: item, key: 'output', role: 'tool', text: item.output });
          } else if (!tools && (item.type === undefined || item.type === 'message')) {
            contentSlots(item, 'content', typeof item.role === 'string' ? item.role : 'user', out);
          }
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

function responseSlots(endpoint: Endpoint, body: Record<string, unknown>): TextSlot[] {
  const out: TextSlot[] = [];
  if (endpoint === 'chat' || endpoint === 'completions') {
    const choices = body.choices;
    if (!Array.isArray(choices)) return out;
    for (const ch of choices) {
      if (!isRecord(ch)) continue;
      if (endpoint === 'completions') {
        if (typeof ch.text === 'string' && ch.text) out.push({ holder: ch, key: 'text', role: 'assistant', text: ch.text });
      } else if (isRecord(ch.message)) contentSlots(ch.message, 'content', 'assistant', out);
    }
  } else if (endpoint === 'responses') {
    const output = body.output;
    if (!Array.isArray(output)) return out;
    for (const item of output) if (isRecord(item) && item.type === 'message') contentSlots(item, 'content', 'assistant', out);
  }
  return out;
}

function responseToolCalls(endpoint: Endpoint, body: Record<string, unknown>): ToolCall[] {
  const out: ToolCall[] = [];
  if (endpoint === 'chat' && Array.isArray(body.choices)) {
    for (const ch of body.choices) {
      const calls = isRecord(ch) && isRecord(ch.message) ? ch.message.tool_calls : undefined;
      if (!Array.isArray(calls)) continue;
      for (const c of calls) {
        if (isRecord(c) && isRecord(c.function)) out.push({ name: String(c.function.name ?? ''), arguments: String(c.function.arguments ?? '') });
      }
    }
  } else if (endpoint === 'responses' && Array.isArray(body.output)) {
    for (const item of body.output) {
      if (isRecord(item) && item.type === 'function_call') out.push({ name: String(item.name ?? ''), arguments: String(item.arguments ?? '') });
    }
  }
  return out;
}

function usageOf(u: unknown): Usage | undefined {
  if (!isRecord(u)) return undefined;
  const input = Number(u.prompt_tokens ?? u.input_tokens ?? 0);
  const output = Number(u.completion_tokens ?? u.output_tokens ?? 0);
  return { inputTokens: Number.isFinite(input) ? input : 0, outputTokens: Number.isFinite(output) ? output : 0 };
}

const ERRORS: Record<GatewayErrorKind, { status: number; type: string; code: string }> = {
  blocked: { status: 400, type: 'invalid_request_error', code: 'content_policy_violation' },
  unauthorized: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  model_not_allowed: { status: 403, type: 'invalid_request_error', code: 'model_not_allowed' },
  rate_limited: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  budget_exceeded: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  bad_request: { status: 400, type: 'invalid_request_error', code: 'invalid_request' },
  not_found: { status: 404, type: 'invalid_request_error', code: 'unknown_url' },
  too_large: { status: 413, type: 'invalid_request_error', code: 'request_too_large' },
  upstream: { status: 502, type: 'api_error', code: 'upstream_error' },
  timeout: { status: 504, type: 'api_error', code: 'upstream_timeout' },
  guardrail_unavailable: { status: 503, type: 'api_error', code: 'guardrail_unavailable' },
};

function streamView(endpoint: Endpoint, event: string, d: Record<string, unknown>, state: StreamState): StreamEventView {
  const view: StreamEventView = {};
  if (endpoint === 'responses') {
    if (typeof d.sequence_number === 'number') state.sequence = d.sequence_number;
    const type = typeof d.type === 'string' ? d.type : event;
    if (type === 'response.created' && isRecord(d.response)) {
      state.id = String(d.response.id ?? '');
      state.model = String(d.response.model ?? '');
      state.created = Number(d.response.created_at ?? 0);
    } else if (type === 'response.output_text.delta' && typeof d.delta === 'string') {
      view.text = { slot: Number(d.output_index ?? 0), value: d.delta };
    } else if (type === 'response.output_item.done' && isRecord(d.item) && d.item.type === 'function_call') {
      const slot = Number(d.output_index ?? 0);
      view.tool = { slot, name: String(d.item.name ?? ''), args: String(d.item.arguments ?? '') };
      view.toolsDone = [slot];
    } else if ((type === 'response.completed' || type === 'response.incomplete') && isRecord(d.response)) {
      view.usage = usageOf(d.response.usage);
      view.final = true;
    }
    return view;
  }
  // chat and completions chunks
  if (state.id === undefined) {
    state.id = typeof d.id === 'string' ? d.id : '';
    state.model = typeof d.model === 'string' ? d.model : '';
    state.created = typeof d.created === 'number' ? d.created : Math.floor(Date.now() / 1000);
  }
  if (d.usage) view.usage = usageOf(d.usage);
  const choices = d.choices;
  if (!Array.isArray(choices)) return view;
  for (const ch of choices) {
    if (!isRecord(ch)) continue;
    const slot = Number(ch.index ?? 0);
    if (endpoint === 'completions') {
      if (typeof ch.text === 'string' && ch.text) view.text = { slot, value: ch.text };
    } else if (isRecord(ch.delta)) {
      const delta = ch.delta;
      if (typeof delta.content === 'string' && delta.content) view.text = { slot, value: delta.content };
      if (Array.isArray(delta.tool_calls)) {
        for (const tc of delta.tool_calls) {
          if (!isRecord(tc)) continue;
          const fn = isRecord(tc.function) ? tc.function : {};
          // one logical tool call per (choice, tool index)
          view.tool = { slot: slot * 1000 + Number(tc.index ?? 0), name: typeof fn.name === 'string' ? fn.name : undefined, args: typeof fn.arguments === 'string' ? fn.arguments : undefined };
        }
      }
    }
    if (ch.finish_reason) view.toolsDone = 'all';
    if (view.text) state.outputTokens++;
  }
  return view;
}

function setStreamText(endpoint: Endpoint, d: Record<string, unknown>, text: string): void {
  if (endpoint === 'responses') {
    d.delta = text;
    return;
  }
  const choices = d.choices as Array<Record<string, unknown>>;
  for (const ch of choices) {
    if (endpoint === 'completions') {
      if (typeof ch.text === 'string') ch.text = text;
    } else if (isRecord(ch.delta) && typeof ch.delta.content === 'string') ch.delta.content = text;
  }
}

function endStream(endpoint: Endpoint, state: StreamState, mode: 'finish' | 'error', message: string): string {
  if (endpoint === 'responses') {
    const seq = state.sequence + 1;
    if (mode === 'error') return sseFrame(JSON.stringify({ type: 'error', code: 'content_policy_violation', message, param: null, sequence_number: seq }), 'error');
    const response = {
      id: state.id ?? '',
      object: 'response',
      created_at: state.created ?? Math.floor(Date.now() / 1000),
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
      model: state.model ?? '',
      output: [],
      error: null,
    };
    return sseFrame(JSON.stringify({ type: 'response.incomplete', response, sequence_number: seq }), 'response.incomplete');
  }
  if (mode === 'error') return sseFrame(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: 'content_policy_violation' } }));
  const base = { id: state.id ?? '', object: endpoint === 'completions' ? 'text_completion' : 'chat.completion.chunk', created: state.created ?? 0, model: state.model ?? '' };
  const choice = endpoint === 'completions' ? { index: 0, text: '', logprobs: null, finish_reason: 'content_filter' } : { index: 0, delta: {}, logprobs: null, finish_reason: 'content_filter' };
  return sseFrame(JSON.stringify({ ...base, choices: [choice] })) + 'data: [DONE]\n\n';
}

export const openaiProtocol: ProtocolAdapter = {
  api: 'openai',
  requestTexts: (endpoint, body) => requestSlots(endpoint, body, false),
  requestToolResults: (endpoint, body) => requestSlots(endpoint, body, true),
  responseTexts: responseSlots,
  responseToolCalls,
  responseUsage: (_endpoint, body) => usageOf(body.usage),
  viewStreamEvent: streamView,
  setStreamText,
  endStream,
  errorStatus: (kind) => ERRORS[kind].status,
  errorBody: (kind, message) => {
    const e = ERRORS[kind];
    return JSON.stringify({ error: { message, type: e.type, param: null, code: e.code } });
  },
};

/** `[DONE]` is not JSON: the pipeline asks before parsing. */
export function isOpenAiDone(data: string): boolean {
  return data === '[DONE]';
}
