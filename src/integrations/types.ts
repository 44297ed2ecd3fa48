// What every integration shares: the finding a ticket or message is about, and the shape of a ticket tracker.

import type { z } from 'zod';
import type { Severity } from '../model/finding.js';

export const INTEGRATION_TYPES = ['webhook', 'slack', 'jira', 'github', 'servicenow'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const TRACKER_TYPES = ['jira', 'github', 'servicenow'] as const;
export type TrackerType = (typeof TRACKER_TYPES)[number];

export function isTrackerType(t: string): t is TrackerType {
  return (TRACKER_TYPES as readonly string[]).includes(t);
}

/** Events a webhook or a Slack channel can subscribe to. */
export const EVENT_TYPES = ['scan.completed', 'scan.failed', 'finding.opened', 'finding.resolved', 'ticket.opened', 'ticket.closed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** What a delivery can carry: a subscribed event, or `ping` (the test an admin sends from the settings). */
export type DeliveredEventType = EventType | 'ping';

/** The finding as a ticket or a message shows it, with the link back to the server. */
export interface FindingSummary {
  fingerprint: string;
  source?: string;
  checkId: string;
  severity: Severity;
  score: number;
  title: string;
  message: string;
  assetId: string;
  remediation?: string;
  /** `<server base URL>/findings/<fingerprint>` */
  link: string;
}

/** A ticket as the tracker identifies it. */
export interface TicketRef {
  /** The tracker's internal id (Jira id, GitHub issue number, ServiceNow sys_id). */
  id: string;
  /** What people call it (PROJ-12, #34, INC0010001). */
  key: string;
  /** Where a person opens it. */
  url: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Tracker<Config = unknown, Secrets = unknown> {
  type: TrackerType;
  configSchema: z.ZodType<Config>;
  secretsSchema: z.ZodType<Secrets>;
  create(config: Config, secrets: Secrets, finding: FindingSummary, o?: CallOptions): Promise<TicketRef>;
  /** Closes (resolves) the ticket with a note saying why; closing an already closed ticket succeeds. */
  close(config: Config, secrets: Secrets, ticket: TicketRef, note: string, o?: CallOptions): Promise<void>;
}

export function ticketTitle(f: FindingSummary): string {
  return `[aispm] ${f.severity.toUpperCase()} ${f.checkId}: ${f.title}`.slice(0, 250);
}

/** The ticket body as plain text lines (each tracker formats them its own way). */
export function ticketLines(f: FindingSummary): string[] {
  return [
    f.message,
    '',
    `Severity: ${f.severity} (score ${f.score})`,
    `Check: ${f.checkId}`,
    `Asset: ${f.assetId}`,
    ...(f.source ? [`Source: ${f.source}`] : []),
    `Fingerprint: ${f.fingerprint}`,
    ...(f.remediation ? ['', `Remediation: ${f.remediation}`] : []),
  ];
}
