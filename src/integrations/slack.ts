// Slack through an incoming webhook: one message per event, with Block Kit blocks (header, fields, a button back to
// aispm) and a plain `text` fallback for notifications. The webhook URL itself is the credential.

import { z } from 'zod';
import { DeliveryError, httpJson } from './http.js';
import type { CallOptions, FindingSummary } from './types.js';
import type { WebhookEvent } from './webhook.js';

export const slackConfigSchema = z.object({});
export type SlackConfig = z.infer<typeof slackConfigSchema>;
export const slackSecretsSchema = z.object({
  webhookUrl: z.url({ protocol: /^https?$/ }),
});
export type SlackSecrets = z.infer<typeof slackSecretsSchema>;

/** Slack's mrkdwn needs &, < and > escaped; everything else is literal. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const field = (label: string, value: string) => ({ type: 'mrkdwn', text: clip(`*${label}*\n${escapeMrkdwn(value)}`, 2000) });
const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text: clip(text, 150), emoji: false } });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
const button = (text: string, url: string) => ({
  type: 'actions',
  elements: [{ type: 'button', text: { type: 'plain_text', text: clip(text, 75) }, url, action_id: 'aispm-open' }],
});

function findingBlocks(title: string, f: FindingSummary): unknown[] {
  return [
    header(title),
    section(escapeMrkdwn(f.message)),
    {
      type: 'section',
      fields: [
        field('Severity', `${f.severity} (score ${f.score})`),
        field('Check', f.checkId),
        field('Asset', f.assetId),
        ...(f.source ? [field('Source', f.source)] : []),
      ],
    },
    button('Open in aispm', f.link),
  ];
}

/** The Slack message for an event: `{ text, blocks }`. */
export function slackMessage(e: WebhookEvent): { text: string; blocks: unknown[] } {
  const d = e.data as Record<string, unknown>;
  const finding = d.finding as FindingSummary | undefined;
  switch (e.type) {
    case 'ping':
      return { text: 'aispm test message', blocks: [section('*aispm* can post to this channel.')] };
    case 'finding.opened':
    case 'finding.resolved': {
      const verb = e.type === 'finding.opened' ? `New ${finding!.severity} finding` : 'Resolved';
      const title = `${verb}: ${finding!.title}`;
      return { text: title, blocks: findingBlocks(title, finding!) };
    }
    case 'ticket.opened':
    case 'ticket.closed': {
      const t = d.ticket as { key: string; url: string; integration: string };
      const title = `Ticket ${t.key} ${e.type === 'ticket.opened' ? 'opened' : 'closed'}: ${finding!.title}`;
      return { text: title, blocks: [...findingBlocks(title, finding!).slice(0, -1), button(`Open ${t.key}`, t.url)] };
    }
    case 'scan.completed':
    case 'scan.failed': {
      const failed = e.type === 'scan.failed';
      const title = `Scan of ${String(d.source)} ${failed ? 'failed' : 'completed'}`;
      const counts = d.counts as Record<string, number> | undefined;
      const lines = failed
        ? [`*Error*: ${escapeMrkdwn(String(d.error ?? 'unknown'))}`]
        : [
            `${counts?.assets ?? 0} assets (+${counts?.added ?? 0} added, ${counts?.removed ?? 0} removed, ${counts?.changed ?? 0} changed)`,
            `${counts?.findingsOpened ?? 0} findings opened, ${counts?.findingsResolved ?? 0} resolved`,
          ];
      return { text: title, blocks: [header(title), section(lines.join('\n')), ...(typeof d.link === 'string' ? [button('Open in aispm', d.link)] : [])] };
    }
  }
}

export async function deliverSlack(_c: SlackConfig, s: SlackSecrets, event: WebhookEvent, o: CallOptions = {}): Promise<void> {
  const res = await httpJson({ method: 'POST', url: s.webhookUrl, json: slackMessage(event), ...o }, 'Slack');
  // Slack answers a plain "ok"; anything else in a 2xx is unexpected enough to report
  if (res.text.trim() !== 'ok') throw new DeliveryError(`Slack: unexpected answer "${res.text.trim().slice(0, 80)}"`, false, res.status);
}
