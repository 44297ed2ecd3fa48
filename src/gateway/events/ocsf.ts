// Security events in OCSF 1.8.0 (../shared/reference/ocsf.md). One API Activity (6003) event per decision
// the gateway makes about a request, with the `ai_operation` profile (ai_model, message_context) and the
// `security_control` profile (action_id: 1 Allowed, 2 Denied, 3 Observed, 4 Modified), the asset ids of the
// application, its key and the model in `resources`, and the guardrail hits in `unmapped.aispm`. Abuse and
// shadow-AI detections are Detection Findings (2004). Detections carry types, scores and positions, never
// the matched text.

import { createHash } from 'node:crypto';
import { TEXT_DETECTORS } from '../../detectors/index.js';
import { assetId } from '../../model/ids.js';
import type { GatewayEventColumns } from '../../store/runtime.js';
import { maskSecrets } from '../../util/mask.js';
import { VERSION } from '../../version.js';
import type { GuardrailAction } from '../config.js';
import type { Severity } from '../guardrails/compile.js';

export const OCSF_VERSION = '1.8.0';
const PRODUCT = { name: 'aispm gateway', vendor_name: 'aispm', version: VERSION };

const SEVERITY_ID: Record<Severity | 'fatal', number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5, fatal: 6 };
const SEVERITY_NAME = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical', 'Fatal'];

export type DecisionAction = GuardrailAction | 'refuse' | 'error';

export interface DecisionHit {
  guardrail: string;
  hook: string;
  action: GuardrailAction;
  scope: string;
  severity: Severity;
  detections: Array<{ detector: string; type: string; score: number; start: number; end: number }>;
  error?: string;
  onError?: string;
  overBudget?: boolean;
  ms: number;
}

export interface KeyIdentity {
  id: string;
  name: string;
  app?: string;
  team?: string;
}

/** Everything the gateway knows about one request once it is decided. */
export interface Decision {
  time: number;
  requestId: string;
  api: string;
  endpoint: string;
  method: string;
  route?: string;
  upstream?: string;
  provider?: string;
  model?: string;
  key?: KeyIdentity;
  clientIp: string;
  status: number;
  action: DecisionAction;
  reason?: string;
  hits: DecisionHit[];
  inputTokens: number;
  outputTokens: number;
  addedLatencyMs: number;
  upstreamMs?: number;
  attempts: number;
  stream: boolean;
  /** The prompt texts, for prompt logging (dropped unless the mode keeps something). */
  prompt?: string[];
}

export type PromptLogging = 'none' | 'hash' | 'redacted' | 'full';

/** A serialised event plus the columns the store indexes. */
export interface GatewayEvent extends GatewayEventColumns {
  time: number;
  ocsf: Record<string, unknown>;
}

export function keyAssetId(keyId: string): string {
  return assetId('identity', `gateway-key:${keyId}`);
}

export function appAssetId(app: string): string {
  return assetId('application', app);
}

export function modelAssetId(provider: string, model: string): string {
  return assetId('model', `${provider}/${model}`);
}

/** A prompt as the logging mode allows it to be kept. */
export function promptForLog(texts: string[], mode: PromptLogging): Record<string, unknown> | undefined {
  if (mode === 'none' || !texts.length) return undefined;
  const joined = texts.join('\n');
  if (mode === 'hash') return { mode, sha256: createHash('sha256').update(joined).digest('hex'), chars: joined.length };
  if (mode === 'full') return { mode, text: joined };
  // redacted: personal data and credentials replaced by their type, whatever the guardrails decided
  const spans = [...TEXT_DETECTORS.pii!.detect(joined), ...TEXT_DETECTORS.secrets!.detect(joined)].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += joined.slice(pos, s.start) + `[${s.type.toUpperCase()}]`;
    pos = s.end;
  }
  return { mode, text: maskSecrets(out + joined.slice(pos)) };
}

const ACTION = {
  allow: { id: 1, name: 'Allowed', disposition: [1, 'Allowed'] },
  flag: { id: 3, name: 'Observed', disposition: undefined },
  redact: { id: 4, name: 'Modified', disposition: undefined },
  block: { id: 2, name: 'Denied', disposition: [2, 'Blocked'] },
  refuse: { id: 2, name: 'Denied', disposition: [2, 'Blocked'] },
  error: { id: 0, name: 'Unknown', disposition: undefined },
} as const;

function severityOf(d: Decision): number {
  let s = d.action === 'refuse' ? SEVERITY_ID.low : SEVERITY_ID.informational;
  for (const h of d.hits) if (h.action !== 'allow' || h.error) s = Math.max(s, SEVERITY_ID[h.severity]);
  if (d.action === 'error') s = Math.max(s, SEVERITY_ID.medium);
  return s;
}

const OPERATIONS: Record<string, string> = {
  chat: 'chat.completions.create',
  responses: 'responses.create',
  completions: 'completions.create',
  embeddings: 'embeddings.create',
  models: 'models.list',
  messages: 'messages.create',
};

export function decisionEvent(d: Decision, prompt: PromptLogging): GatewayEvent {
  const severityId = severityOf(d);
  const act = ACTION[d.action];
  const activityId = d.method === 'GET' ? 2 : 1;
  const resources: Array<Record<string, unknown>> = [];
  if (d.key) {
    resources.push({ uid: keyAssetId(d.key.id), type: 'identity', name: d.key.name, role_id: 2, role: 'Actor', labels: [`gateway-key:${d.key.id}`] });
    if (d.key.app) resources.push({ uid: appAssetId(d.key.app), type: 'application', name: d.key.app, role_id: 2, role: 'Actor' });
  }
  if (d.model && d.provider) resources.push({ uid: modelAssetId(d.provider, d.model), type: 'model', name: d.model, role_id: 1, role: 'Target' });
  const loggedPrompt = d.prompt ? promptForLog(d.prompt, prompt) : undefined;
  const ocsf: Record<string, unknown> = {
    class_uid: 6003,
    class_name: 'API Activity',
    category_uid: 6,
    category_name: 'Application Activity',
    activity_id: activityId,
    activity_name: activityId === 1 ? 'Create' : 'Read',
    type_uid: 600300 + activityId,
    type_name: `API Activity: ${activityId === 1 ? 'Create' : 'Read'}`,
    time: d.time,
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
    status_id: d.status < 400 ? 1 : 2,
    status: d.status < 400 ? 'Success' : 'Failure',
    status_code: String(d.status),
    message: d.reason ?? `${d.endpoint} ${d.action}`,
    action_id: act.id,
    action: act.name,
    ...(act.disposition ? { disposition_id: act.disposition[0], disposition: act.disposition[1] } : {}),
    is_alert: d.action === 'block' || d.hits.some((h) => h.action === 'flag' || h.action === 'block'),
    metadata: { version: OCSF_VERSION, product: PRODUCT, profiles: ['ai_operation', 'security_control'], uid: d.requestId, log_name: 'aispm-gateway' },
    actor: d.key
      ? { app_name: d.key.app, user: { uid: d.key.id, name: d.key.name, type: 'Service', type_id: 99, ...(d.key.team ? { groups: [{ name: d.key.team }] } : {}) } }
      : { app_name: 'unknown' },
    api: {
      operation: OPERATIONS[d.endpoint] ?? d.endpoint,
      service: { name: d.provider ?? d.api },
      request: { uid: d.requestId },
      response: { code: d.status, ...(d.status >= 400 && d.reason ? { message: d.reason } : {}) },
    },
    src_endpoint: { ip: d.clientIp },
    ...(d.model && d.provider ? { ai_model: { ai_provider: d.provider, name: d.model, uid: modelAssetId(d.provider, d.model) } } : {}),
    message_context: {
      ai_role_id: 1,
      ai_role: 'User',
      prompt_tokens: d.inputTokens,
      completion_tokens: d.outputTokens,
      total_tokens: d.inputTokens + d.outputTokens,
    },
    resources,
    unmapped: {
      aispm: {
        decision: d.action,
        api: d.api,
        endpoint: d.endpoint,
        route: d.route,
        upstream: d.upstream,
        stream: d.stream,
        attempts: d.attempts,
        added_latency_ms: round(d.addedLatencyMs),
        ...(d.upstreamMs !== undefined ? { upstream_ms: round(d.upstreamMs) } : {}),
        hits: d.hits.map((h) => ({ ...h, ms: round(h.ms) })),
        ...(loggedPrompt ? { prompt: loggedPrompt } : {}),
      },
    },
  };
  return {
    time: d.time,
    classUid: 6003,
    severityId,
    action: d.action,
    keyId: d.key?.id,
    app: d.key?.app,
    provider: d.provider,
    model: d.model,
    ocsf,
  };
}

export interface FindingInput {
  time: number;
  uid: string;
  title: string;
  message: string;
  /** Analytic: rule id and type (2 Behavioral, 3 Statistical, 1 Rule). */
  analytic: { uid: string; name: string; typeId: number; type: string };
  severity: Severity;
  key?: KeyIdentity;
  provider?: string;
  model?: string;
  evidence: Record<string, unknown>;
  /** Whether the gateway throttles the key because of it. */
  throttled?: boolean;
  types?: string[];
}

/** A Detection Finding (2004) for abuse, anomalies and shadow AI. */
export function findingEvent(f: FindingInput): GatewayEvent {
  const severityId = SEVERITY_ID[f.severity];
  const resources: Array<Record<string, unknown>> = [];
  if (f.key) {
    resources.push({ uid: keyAssetId(f.key.id), type: 'identity', name: f.key.name, role_id: 2, role: 'Actor' });
    if (f.key.app) resources.push({ uid: appAssetId(f.key.app), type: 'application', name: f.key.app, role_id: 2, role: 'Actor' });
  }
  if (f.model && f.provider) resources.push({ uid: modelAssetId(f.provider, f.model), type: 'model', name: f.model, role_id: 3, role: 'Affected' });
  const ocsf: Record<string, unknown> = {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: 1,
    activity_name: 'Create',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    time: f.time,
    severity_id: severityId,
    severity: SEVERITY_NAME[severityId],
    status_id: 1,
    status: 'New',
    confidence_id: 2,
    confidence: 'Medium',
    is_alert: true,
    message: f.message,
    metadata: { version: OCSF_VERSION, product: PRODUCT, log_name: 'aispm-gateway' },
    finding_info: {
      uid: f.uid,
      title: f.title,
      analytic: { uid: f.analytic.uid, name: f.analytic.name, type_id: f.analytic.typeId, type: f.analytic.type },
      ...(f.types ? { types: f.types } : {}),
      created_time: f.time,
    },
    resources,
    ...(f.throttled !== undefined ? { action_id: f.throttled ? 2 : 3, action: f.throttled ? 'Denied' : 'Observed' } : {}),
    unmapped: { aispm: f.evidence },
  };
  return { time: f.time, classUid: 2004, severityId, action: f.throttled ? 'throttle' : 'flag', keyId: f.key?.id, app: f.key?.app, provider: f.provider, model: f.model, ocsf };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
