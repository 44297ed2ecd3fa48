// What the pipeline needs to know about a client protocol (OpenAI's API, Anthropic's Messages API): where the
// text is in requests, responses and stream events, how tool calls look, how usage is reported, and the
// protocol's own error and end-of-stream shapes. One module per protocol implements it.

export type ClientApi = 'openai' | 'anthropic';
export type Endpoint = 'chat' | 'responses' | 'completions' | 'embeddings' | 'models' | 'messages';

/** A piece of text inside a parsed JSON body that a guardrail may read and redaction may replace. */
export interface TextSlot {
  holder: Record<string | number, unknown> | unknown[];
  key: string | number;
  role: string;
  text: string;
}

export function setSlot(slot: TextSlot, text: string): void {
  (slot.holder as Record<string | number, unknown>)[slot.key] = text;
  slot.text = text;
}

export interface ToolCall {
  name: string;
  /** JSON text of the arguments as the model produced them. */
  arguments: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type GatewayErrorKind =
  | 'blocked'
  | 'unauthorized'
  | 'model_not_allowed'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'bad_request'
  | 'not_found'
  | 'too_large'
  | 'upstream'
  | 'timeout'
  | 'guardrail_unavailable';

/** What one stream event means for inspection. */
export interface StreamEventView {
  /** Text the model produced in this event, with the slot (choice / content block) it belongs to. */
  text?: { slot: number; value: string };
  /** A fragment of a tool call (name and/or argument text). */
  tool?: { slot: number; name?: string; args?: string };
  /** Tool calls of these slots are complete with this event: judge them before it is forwarded. */
  toolsDone?: number[] | 'all';
  usage?: Partial<Usage>;
  /** The event that ends the stream (OpenAI `[DONE]`, Anthropic `message_stop`). */
  final?: boolean;
}

/** Remembers what a synthetic end-of-stream must repeat (ids, model, open blocks, sequence numbers). */
export interface StreamState {
  id?: string;
  model?: string;
  created?: number;
  sequence: number;
  openBlocks: Set<number>;
  outputTokens: number;
}

export interface ProtocolAdapter {
  api: ClientApi;
  /** Texts sent to the model (prompts, instructions), excluding tool results. */
  requestTexts(endpoint: Endpoint, body: Record<string, unknown>): TextSlot[];
  /** Tool results the client sends back to the model (inspected by `tool_call` hooks). */
  requestToolResults(endpoint: Endpoint, body: Record<string, unknown>): TextSlot[];
  responseTexts(endpoint: Endpoint, body: Record<string, unknown>): TextSlot[];
  responseToolCalls(endpoint: Endpoint, body: Record<string, unknown>): ToolCall[];
  responseUsage(endpoint: Endpoint, body: Record<string, unknown>): Usage | undefined;
  /** Reads one parsed stream event; updates `state`. */
  viewStreamEvent(endpoint: Endpoint, event: string, data: Record<string, unknown>, state: StreamState): StreamEventView;
  /** Replaces the text of an event that `viewStreamEvent` reported text for. */
  setStreamText(endpoint: Endpoint, data: Record<string, unknown>, text: string): void;
  /** Bytes that end a stream cleanly after a block (`finish`) or with the protocol's error event (`error`). */
  endStream(endpoint: Endpoint, state: StreamState, mode: 'finish' | 'error', message: string): string;
  errorStatus(kind: GatewayErrorKind): number;
  errorBody(kind: GatewayErrorKind, message: string): string;
}

export function newStreamState(): StreamState {
  return { sequence: 0, openBlocks: new Set(), outputTokens: 0 };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
