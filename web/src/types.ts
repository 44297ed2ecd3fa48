// The shapes the REST API answers with (see /api/openapi.json) come from the shared model, src/model/api.ts, the
// same types the store and the server use (type-only imports: nothing from the server's code ends up in the bundle).
import type {
  ApiToken, AssetDetail, AssetFacets, AssetKind, AssetSummary, AttackPath, AuditEntry, CheckInfo, ComplianceReport,
  Evidence, Finding, FindingEvent, FindingStatus, FrameworkSummary, Job, KpiPoint, Kpis, Me, NeighbourNode, Neighbourhood,
  Page, Relationship, Role, RuntimeEvent, RuntimeSummary, ScanRun, Sensitivity, Severity, Source, SourceSchedule,
  StoredFinding, User,
} from '../../src/model/index.js';

export type {
  ApiToken, AssetDetail, AssetKind, AssetSummary, AttackPath, AuditEntry, CheckInfo, ComplianceReport, Evidence, Finding,
  FindingEvent, FindingStatus, Job, KpiPoint, Kpis, Me, Neighbourhood, Page, Relationship, Role, RuntimeEvent,
  RuntimeSummary, ScanRun, Sensitivity, Severity, Source, StoredFinding, User,
};
/** The dashboard's names for model types. */
export type Schedule = SourceSchedule;
export type Facets = AssetFacets;
export type GraphNode = NeighbourNode;
export type Framework = FrameworkSummary;

/** The shared model's severities, most severe first (a value list here because the model is imported for types only). */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const SENSITIVITIES: readonly Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'accepted', 'false-positive', 'resolved'];

// Integrations and tickets are defined by src/integrations/repository.ts (not yet in the shared model).
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
