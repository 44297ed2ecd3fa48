// Anthropic's Messages API as clients speak it: `system` and `messages` with text, tool_use and tool_result
// blocks; streams of message_start / content_block_* / message_delta / message_stop events.

import { sseFrame } from '../sse.js';
import { isRecord, type Endpoint, type GatewayErrorKind, type ProtocolAdapter, type StreamEventView, type StreamState, type TextSlot, type ToolCall, type Usage } from './types.js';

function blockSlots(holder: Record<string, unknown>, key: string, role: string, tools: boolean, out: TextSlot[]): void {
  const c = holder[key];
  if (typeof c === 'string') {
    if (c && !tools) out.push({ holder, key, role, text: c });
    return;
  }
  if (!Array.isArray(c)) return;
  for (const block of c) {
    if (!isRecord(block)) continue;
    if (block.type === 'tool_result') {
      if (tools) blockSlots(block, 'content', 'tool', false, out);
    } else if (!tools && block.type === 'text' && typeof block.text === 'string' && block.text) {
      out.push({ holder: block, key: 'text', role, text: block.text });
    }
  }
}

function requestSlots(endpoint: Endpoint, body: Record<string, unknown>, tools: boolean): TextSlot[] {
  const out: TextSlot[] = [];
  if (endpoint !== 'messages') return out;
  blockSlots(body, 'system', 'system', tools, out);
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) if (isRecord(m)) blockSlots(m, 'content', typeof m.role === 'string' ? m.role : 'user', tools, out);
  }
  return out;
}

function responseSlots(_endpoint: Endpoint, body: Record<string, unknown>): TextSlot[] {
  const out: TextSlot[] = [];
  blockSlots(body, 'content', 'assistant', false, out);
  return out;
}

function responseToolCalls(_endpoint: Endpoint, body: Record<string, unknown>): ToolCall[] {
  const out: ToolCall[] = [];
  if (!Array.isArray(body.content)) return out;
  for (const b of body.content) {
    if (isRecord(b) && b.type === 'tool_use') out.push({ name: String(b.name ?? ''), arguments: JSON.stringify(b.input ?? {}) });
  }
  return out;
}

function usageOf(u: unknown): Partial<Usage> | undefined {
  if (!isRecord(u)) return undefined;
  const r: Partial<Usage> = {};
  if (typeof u.input_tokens === 'number') r.inputTokens = u.input_tokens;
  if (typeof u.output_tokens === 'number') r.outputTokens = u.output_tokens;
  return r;
}

const ERRORS: Record<GatewayErrorKind, { status: number; type: string }> = {
  blocked: { status: 400, type: 'invalid_request_error' },
  unauthorized: { status: 401, type: 'authentication_error' },
  model_not_allowed: { status: 403, type: 'permission_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  budget_exceeded: { status: 429, type: 'rate_limit_error' },
  bad_request: { status: 400, type: 'invalid_request_error' },
  not_found: { status: 404, type: 'not_found_error' },
  too_large: { status: 413, type: 'request_too_large' },
  upstream: { status: 502, type: 'api_error' },
  timeout: { status: 504, type: 'api_error' },
  guardrail_unavailable: { status: 503, type: 'api_error' },
};

function streamView(_endpoint: Endpoint, event: string, d: Record<string, unknown>, state: StreamState): StreamEventView {
  const type = typeof d.type === 'string' ? d.type : event;
  const view: StreamEventView = {};
  switch (type) {
    case 'message_start':
      if (isRecord(d.message)) {
        state.id = String(d.message.id ?? '');
        state.model = String(d.message.model ?? '');
        view.usage = usageOf(d.message.usage);
      }
      break;
    case 'content_block_start': {
      const slot = Number(d.index ?? 0);
      state.openBlocks.add(slot);
      const block = d.content_block;
      if (isRecord(block) && block.type === 'tool_use') view.tool = { slot, name: String(block.name ?? ''), args: '' };
      break;
    }
    case 'content_block_delta': {
      const slot = Number(d.index ?? 0);
      const delta = d.delta;
      if (isRecord(delta)) {
        if (delta.type === 'text_delta' && typeof delta.text === 'string') view.text = { slot, value: delta.text };
        else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') view.tool = { slot, args: delta.partial_json };
      }
      break;
    }
    case 'content_block_stop': {
      const slot = Number(d.index ?? 0);
      state.openBlocks.delete(slot);
      view.toolsDone = [slot];
      break;
    }
    case 'message_delta':
      view.usage = usageOf(d.usage);
      if (view.usage?.outputTokens !== undefined) state.outputTokens = view.usage.outputTokens;
      break;
    case 'message_stop':
      view.final = true;
      break;
    default:
      break;
  }
  return view;
}

function endStream(_endpoint: Endpoint, state: StreamState, mode: 'finish' | 'error', message: string): string {
  if (mode === 'error') return sseFrame(JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message } }), 'error');
  let out = '';
  for (const index of state.openBlocks) out += sseFrame(JSON.stringify({ type: 'content_block_stop', index }), 'content_block_stop');
  state.openBlocks.clear();
  // `refusal` is the stop reason Anthropic's API itself uses when a safety classifier ends a stream
  out += sseFrame(
    JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'refusal', stop_sequence: null }, usage: { output_tokens: state.outputTokens } }),
    'message_delta',
  );
  out += sseFrame(JSON.stringify({ type: 'message_stop' }), 'message_stop');
  return out;
}

export const anthropicProtocol: ProtocolAdapter = {
  api: 'anthropic',
  requestTexts: (endpoint, body) => requestSlots(endpoint, body, false),
  requestToolResults: (endpoint, body) => requestSlots(endpoint, body, true),
  responseTexts: responseSlots,
  responseToolCalls,
  responseUsage: (_e, body) => {
    const u = usageOf(body.usage);
    return u ? { inputTokens: u.inputTokens ?? 0, outputTokens: u.outputTokens ?? 0 } : undefined;
  },
  viewStreamEvent: streamView,
  setStreamText: (_e, d, text) => {
    if (isRecord(d.delta)) d.delta.text = text;
  },
  endStream,
  errorStatus: (kind) => ERRORS[kind].status,
  errorBody: (kind, message) => JSON.stringify({ type: 'error', error: { type: ERRORS[kind].type, message } }),
};
