// The integrations: validation of their settings, ticket trackers by type, and event delivery for the notifiers.

import type { z } from 'zod';
import { maskValue } from '../util/mask.js';
import { github } from './github.js';
import { jira } from './jira.js';
import { servicenow } from './servicenow.js';
import { deliverSlack, slackConfigSchema, slackSecretsSchema, type SlackConfig, type SlackSecrets } from './slack.js';
import { isTrackerType, type CallOptions, type IntegrationType, type Tracker, type TrackerType } from './types.js';
import { deliverWebhook, webhookConfigSchema, webhookSecretsSchema, type WebhookConfig, type WebhookEvent, type WebhookSecrets } from './webhook.js';

export * from './types.js';
export { DeliveryError } from './http.js';
export { signWebhook, verifyWebhookSignature, type WebhookEvent } from './webhook.js';
export { slackMessage } from './slack.js';

export const TRACKERS: Record<TrackerType, Tracker<any, any>> = { jira, github, servicenow };

const SCHEMAS: Record<IntegrationType, { config: z.ZodType; secrets: z.ZodType }> = {
  webhook: { config: webhookConfigSchema, secrets: webhookSecretsSchema },
  slack: { config: slackConfigSchema, secrets: slackSecretsSchema },
  jira: { config: jira.configSchema, secrets: jira.secretsSchema },
  github: { config: github.configSchema, secrets: github.secretsSchema },
  servicenow: { config: servicenow.configSchema, secrets: servicenow.secretsSchema },
};

export class IntegrationConfigError extends Error {
  override name = 'IntegrationConfigError';
  constructor(message: string, readonly issues: { path: string; message: string }[]) {
    super(message);
  }
}

function check(schema: z.ZodType, value: unknown, where: 'config' | 'secrets', issues: { path: string; message: string }[]): Record<string, unknown> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data as Record<string, unknown>;
  issues.push(...r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })));
  return {};
}

/** Validates (and fills defaults into) an integration's settings; errors name every wrong key. */
export function validateIntegration(type: IntegrationType, config: unknown, secrets: unknown): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  const s = SCHEMAS[type];
  if (!s) throw new IntegrationConfigError(`unknown integration type ${type}`, [{ path: 'type', message: 'unknown' }]);
  const issues: { path: string; message: string }[] = [];
  const out = { config: check(s.config, config, 'config', issues), secrets: check(s.secrets, secrets, 'secrets', issues) };
  if (issues.length) throw new IntegrationConfigError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return out;
}

/** Secrets as the API shows them: which keys are set, never the values. */
export function maskedSecrets(secrets: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secrets)) out[k] = typeof v === 'string' ? maskValue(v) : '…';
  return out;
}

/** Sends an event to a webhook or Slack integration. */
export async function deliverEvent(type: IntegrationType, config: unknown, secrets: unknown, event: WebhookEvent, o: CallOptions = {}): Promise<void> {
  if (type === 'webhook') return deliverWebhook(config as WebhookConfig, secrets as WebhookSecrets, event, o);
  if (type === 'slack') return deliverSlack(config as SlackConfig, secrets as SlackSecrets, event, o);
  throw new Error(`integration type ${type} does not receive events (it opens tickets)`);
}

export function trackerFor(type: string): Tracker<any, any> | undefined {
  return isTrackerType(type) ? TRACKERS[type] : undefined;
}
