// The shapes the REST API answers with: ONE definition for the store that produces them, the server that sends them
// (its zod schemas describe the same shapes for validation and OpenAPI, and are checked against these at compile
// time) and the dashboard that reads them. Types only: the web bundle imports this file type-only.
import type { AssetKind, Edge, Evidence, Sensitivity } from './asset.js';
import type { Finding, Severity } from './finding.js';
import type { ScanStats } from './report.js';

// ---- paging, users, sign-in ---------------------------------------------------------------------------------------

/** One page of a list; `totalCapped` when counting stopped at the cap (the total is then a lower bound). */
export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

/** Least to most: a viewer reads, an analyst triages and scans, an admin manages users, sources and integrations. */
export type Role = 'viewer' | 'analyst' | 'admin';

export interface User {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/auth/me`: the caller, the role this request has (a token's scope may lower it) and the CSRF token. */
export interface Me {
  user: User;
  role: Role;
  via: 'session' | 'token';
  csrfToken: string | null;
}

export type TokenScope = 'read' | 'write' | 'admin';

export interface ApiToken {
  id: number;
  userId: number;
  username: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorId: number | null;
  via: 'session' | 'token' | 'system';
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

// ---- sources, scans, schedules, jobs ------------------------------------------------------------------------------

export interface Source {
  id: number;
  name: string;
  kind: string;
  location: string;
  description: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  scanCount: number;
  lastScanId: string | null;
  lastScanAt: string | null;
  assetCount: number;
}

export type ScanRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A scan the server ran (or will run) of a source. */
export interface ScanRun {
  id: string;
  sourceId: number;
  source: string;
  status: ScanRunStatus;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** The saved scan, once succeeded. */
  scanId: string | null;
  summary: { assets: number; findings: number; added: number; changed: number; removed: number } | null;
}

export type ScanStatus = 'running' | 'complete' | 'failed';

/** A saved scan of a source, with its counts and what it changed. */
export interface ScanSummary {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  status: ScanStatus;
  toolVersion: string | null;
  stats: ScanStats;
  assetCount: number;
  edgeCount: number;
  warningCount: number;
  added: number;
  changed: number;
  removed: number;
}

export interface SourceSchedule {
  sourceId: number;
  source: string;
  schedule: string | null;
  timezone: string | null;
  nextRunAt: string | null;
  lastJobId: number | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface JobAttemptError {
  attempt: number;
  at: string;
  worker: string | null;
  error: string;
}

/** A job of the queue (scans, deliveries, ticket sync). */
export interface Job {
  id: number;
  kind: string;
  payload: Record<string, Json>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  heartbeatAt: string | null;
  lastError: string | null;
  errors: JobAttemptError[];
  result: Json | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

// ---- inventory and graph ------------------------------------------------------------------------------------------

/** An asset in inventory lists. */
export interface AssetSummary {
  id: string;
  source: string;
  sourceId: number;
  kind: AssetKind;
  key: string;
  name: string;
  provider: string | null;
  /** The owner a person assigned if any, else the scanned owner. */
  owner: string | null;
  ownerAssigned: boolean;
  environment: string | null;
  sensitivity: Sensitivity | null;
  tags: string[];
  firstSeen: string;
  lastSeen: string;
  evidenceCount: number;
  openFindings?: number;
}

/** One asset as the store reads it; the API's `AssetDetail` adds its relationships and findings. */
export interface AssetRecord extends AssetSummary {
  attrs: Record<string, unknown>;
  evidence: Evidence[];
  scannedOwner: string | null;
  removedAt: string | null;
  /** Other sources holding an asset with the same id. */
  alsoIn: string[];
}

export interface NodeRef {
  id: string;
  kind: string;
  name: string;
}

/** An edge of an asset with the node at its other end (null when that node is not in the inventory). */
export interface Relationship extends Edge {
  target: NodeRef | null;
}

export interface AssetDetail extends AssetRecord {
  relationships: { outgoing: Relationship[]; incoming: Relationship[] };
  findings: StoredFinding[];
}

export type FacetName = 'kind' | 'provider' | 'owner' | 'environment' | 'sensitivity';

/** Distinct values with counts per filterable column (filter menus). */
export type AssetFacets = Record<FacetName, Array<{ value: string | null; count: number }>>;

export interface NeighbourNode extends AssetSummary {
  /** Hops from the centre. */
  depth: number;
}

export interface Neighbourhood {
  source: string;
  center: string;
  hops: number;
  nodes: NeighbourNode[];
  edges: Edge[];
  /** The node cap was reached: some neighbours at the last depth are missing. */
  truncated: boolean;
}

// ---- findings in the store (the lifecycle) and KPIs ---------------------------------------------------------------

/** A finding as the store keeps it: the latest judgement plus its lifecycle. */
export interface StoredFinding extends Finding {
  source: string;
  firstSeen: string;
  lastSeen: string;
  /** When a rescan stopped seeing it (status `resolved`). */
  resolvedAt?: string;
  firstScan: string;
  lastScan: string;
  assignee?: string;
  /** For `accepted`: when the acceptance lapses and the finding reopens. */
  acceptedUntil?: string;
}

export type FindingEventKind = 'opened' | 'resolved' | 'reopened' | 'accepted' | 'false-positive' | 'expired' | 'assigned' | 'commented';

export interface FindingEvent {
  fingerprint: string;
  at: string;
  kind: FindingEventKind;
  /** Who did it (user name, `aispm` for scans and expiry). */
  by: string;
  reason?: string;
  until?: string;
  /** For `assigned`: the new assignee (null: unassigned). */
  assignee?: string | null;
  scanId?: string;
  source?: string;
}

export interface Kpis {
  source?: string;
  assets: number;
  /** Share of assets with an owner, 0-1. */
  ownerCoverage: number;
  /** Share of models and agents linked to at least one dataset, identity or endpoint, 0-1. */
  mappingCoverage: number;
  /** The same share per kind of link: data (dataset, storage, vector store, knowledge base), identity, endpoint. */
  mappedTo?: { data: number; identities: number; endpoints: number };
  /** Models and agents present (the denominator of the mapping shares). */
  modelsAndAgents?: number;
  shadowAiServices: number;
  openFindingsBySeverity: Record<Severity, number>;
  /** Remediations the mean is taken over (resolved events after an open or reopen). */
  remediated?: number;
  /** Mean hours from first seen to resolved over resolved findings; null when none resolved yet. */
  meanTimeToRemediateHours: number | null;
}

/** The KPIs after one server-run scan (trend charts). */
export interface KpiPoint {
  scanId: string;
  source: string;
  at: string;
  kpis: Kpis;
}

// ---- integrations and tickets -------------------------------------------------------------------------------------

/** Where findings and events go (src/integrations/): signed webhooks, Slack, and the ticket trackers. */
export type IntegrationType = 'webhook' | 'slack' | 'jira' | 'github' | 'servicenow';

/** Events a webhook or a Slack channel can subscribe to. */
export type IntegrationEvent = 'scan.completed' | 'scan.failed' | 'finding.opened' | 'finding.resolved' | 'ticket.opened' | 'ticket.closed';

/** An integration as the API shows it: secrets only masked (which ones are set). */
export interface Integration {
  id: number;
  name: string;
  type: IntegrationType;
  config: Record<string, unknown>;
  /** Masked values: shows which secrets are set. */
  secrets: Record<string, string>;
  events: IntegrationEvent[];
  minSeverity: Severity;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** pending until the tracker answered; closed when a rescan resolved the finding. */
export type TicketStatus = 'pending' | 'open' | 'closed' | 'failed';

/** A ticket opened for a finding in a tracker, with the tracker's key and link once it answered. */
export interface Ticket {
  id: number;
  integrationId: number;
  integration: string;
  type: IntegrationType;
  fingerprint: string;
  source: string | null;
  status: TicketStatus;
  externalId: string | null;
  /** What people call it: PROJ-12, #34, INC0010001. */
  key: string | null;
  url: string | null;
  title: string;
  lastError: string | null;
  /** The job that creates it in the tracker. */
  createJobId: number | null;
  createdBy: string | null;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

// ---- check library, frameworks, runtime ---------------------------------------------------------------------------

/** A check of the library as the dashboard lists it. */
export interface CheckInfo {
  id: string;
  longId: string;
  title: string;
  severity: Severity;
  domain: string;
  kinds: string[];
  maturity: string;
  frameworks: Record<string, string[]>;
  remediation: string;
  references: string[];
  /** Added through the server (Settings → Checks, `/api/checks`) rather than shipped with aispm. */
  custom: boolean;
  /** Server scans judge with it (built-in checks always; custom ones until an admin disables them). */
  enabled: boolean;
}

/** One check in full: its YAML as a starting point for authors, and for a custom check who changed it when. */
export interface CheckDetail extends CheckInfo {
  condition: string;
  message: string;
  /** The check.yaml text: the built-in file, or a custom check as uploaded. */
  yaml: string;
  /** Why a stored custom check no longer loads (e.g. a built-in check took its id); scans skip it meanwhile. */
  problem: string | null;
  createdBy: string | null;
  createdAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** What a check would raise on the latest scan of a source, without storing anything (`POST /api/checks/test`). */
export interface CheckTestResult {
  checkId: string;
  source: string;
  scanId: string;
  /** Assets of the check's kinds it was evaluated on. */
  evaluated: number;
  /** Failing assets (findings are listed up to the request's `limit`). */
  total: number;
  findings: Finding[];
  /** Assets on which the condition raised an error instead of answering true or false. */
  problems: Array<{ assetId: string | null; message: string }>;
}

/** A kind of source this server can scan, with what its location looks like. */
export interface SourceKindInfo {
  kind: string;
  description: string;
  /** What to type as the location. */
  hint: string;
}

/** A framework checks map to, with its control count. */
export interface FrameworkSummary {
  id: string;
  name: string;
  version?: string;
  url?: string;
  controls: number;
}

/** OCSF severity_id names, by id (the gateway writes OCSF events). */
export type OcsfSeverityName = 'unknown' | 'informational' | 'low' | 'medium' | 'high' | 'critical' | 'fatal';

/** A gateway event: a decided request, a detection (abuse, anomaly) or another OCSF event. */
export interface RuntimeEvent {
  id: number;
  time: string;
  kind: 'decision' | 'detection' | 'other';
  severity: OcsfSeverityName;
  action: string | null;
  keyId: string | null;
  app: string | null;
  provider: string | null;
  model: string | null;
  title: string;
  message: string | null;
  guardrails: string[];
  /** The OCSF event, without any logged prompt text. */
  event: Record<string, unknown>;
}

/** A gateway virtual key as the API shows it: never its value or hash. `usage` is the current budget period's. */
export interface GatewayKey {
  id: string;
  name: string;
  app: string | null;
  team: string | null;
  /** Model globs; empty means every model the gateway's routes serve. */
  models: string[];
  budget: { tokens: number; period: 'hour' | 'day' | 'week' | 'month' } | null;
  rateLimit: { requestsPerMinute: number | null; tokensPerMinute: number | null } | null;
  status: 'active' | 'revoked' | 'expired';
  expiresAt: string | null;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  /** Until when the key replaced by the last rotation is still accepted. */
  previousKeyValidUntil: string | null;
  usage: { periodStart: string; tokens: number; requests: number } | null;
}

export interface RuntimeSummary {
  since: string;
  totals: { requests: number; blocked: number; detections: number; events: number };
  days: Array<{ day: string; requests: number; blocked: number; detections: number }>;
  byAction: Array<{ action: string; count: number }>;
  apps: Array<{ app: string; requests: number; blocked: number; detections: number }>;
}
