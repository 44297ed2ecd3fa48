// The shapes the REST API answers with (see /api/openapi.json). Domain types come from the shared model (type-only
// imports: nothing from the server's code ends up in the bundle).
import type {
  AssetKind, AttackPath, ComplianceReport, Evidence, Finding, FindingStatus, Sensitivity, Severity,
} from '../../src/model/index.js';

export type { AssetKind, AttackPath, ComplianceReport, Evidence, Finding, FindingStatus, Sensitivity, Severity };

export type Role = 'viewer' | 'analyst' | 'admin';

/** The shared model's severities, most severe first (a value list here because the model is imported for types only). */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const SENSITIVITIES: readonly Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'accepted', 'false-positive', 'resolved'];

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

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

export interface Me {
  user: User;
  role: Role;
  via: 'session' | 'token';
  csrfToken: string | null;
}

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

export interface ScanRun {
  id: string;
  sourceId: number;
  source: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  scanId: string | null;
  summary: { assets: number; findings: number; added: number; changed: number; removed: number } | null;
}

export interface Schedule {
  sourceId: number;
  source: string;
  schedule: string | null;
  timezone: string | null;
  nextRunAt: string | null;
  lastJobId: number | null;
}

export interface AssetSummary {
  id: string;
  source: string;
  sourceId: number;
  kind: AssetKind;
  key: string;
  name: string;
  provider: string | null;
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

export interface Relationship {
  from: string;
  to: string;
  kind: string;
  attrs?: Record<string, unknown>;
  target: { id: string; kind: string; name: string } | null;
}

export interface AssetDetail extends AssetSummary {
  attrs: Record<string, unknown>;
  evidence: Array<Evidence & { url?: string }>;
  scannedOwner: string | null;
  removedAt: string | null;
  alsoIn: string[];
  relationships: { outgoing: Relationship[]; incoming: Relationship[] };
  findings: StoredFinding[];
}

export type Facets = Record<'kind' | 'provider' | 'owner' | 'environment' | 'sensitivity', Array<{ value: string | null; count: number }>>;

export interface StoredFinding extends Finding {
  source: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
  firstScan: string;
  lastScan: string;
  assignee?: string;
  acceptedUntil?: string;
}

export interface FindingEvent {
  fingerprint: string;
  at: string;
  kind: string;
  by: string;
  reason?: string;
  until?: string;
  assignee?: string | null;
  scanId?: string;
  source?: string;
}

export interface Kpis {
  source?: string;
  assets: number;
  ownerCoverage: number;
  mappingCoverage: number;
  mappedTo?: { data: number; identities: number; endpoints: number };
  modelsAndAgents?: number;
  shadowAiServices: number;
  openFindingsBySeverity: Record<Severity, number>;
  remediated?: number;
  meanTimeToRemediateHours: number | null;
}

export interface KpiPoint {
  scanId: string;
  source: string;
  at: string;
  kpis: Kpis;
}

export interface GraphNode extends AssetSummary {
  depth: number;
}

export interface Neighbourhood {
  source: string;
  center: string;
  hops: number;
  nodes: GraphNode[];
  edges: Array<{ from: string; to: string; kind: string }>;
  truncated: boolean;
}

export interface Framework {
  id: string;
  name: string;
  version?: string;
  url?: string;
  controls: number;
}

export interface Integration {
  id: number;
  name: string;
  type: 'webhook' | 'slack' | 'jira' | 'github' | 'servicenow';
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  events: string[];
  minSeverity: Severity;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Ticket {
  id: number;
  integrationId: number;
  integration: string;
  type: Integration['type'];
  fingerprint: string;
  source: string | null;
  status: 'pending' | 'open' | 'closed' | 'failed';
  externalId: string | null;
  key: string | null;
  url: string | null;
  title: string;
  lastError: string | null;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface ApiToken {
  id: number;
  userId: number;
  username: string;
  name: string;
  scope: 'read' | 'write' | 'admin';
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lastError: string | null;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

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
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  via: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface RuntimeEvent {
  id: number;
  time: string;
  kind: 'decision' | 'detection' | 'other';
  severity: string;
  action: string | null;
  keyId: string | null;
  app: string | null;
  provider: string | null;
  model: string | null;
  title: string;
  message: string | null;
  guardrails: string[];
  event: Record<string, unknown>;
}

export interface RuntimeSummary {
  since: string;
  totals: { requests: number; blocked: number; detections: number; events: number };
  days: Array<{ day: string; requests: number; blocked: number; detections: number }>;
  byAction: Array<{ action: string; count: number }>;
  apps: Array<{ app: string; requests: number; blocked: number; detections: number }>;
}
