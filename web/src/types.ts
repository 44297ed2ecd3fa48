// The shapes the REST API answers with (see /api/openapi.json) come from the shared model, src/model/api.ts, the
// same types the store and the server use (type-only imports: nothing from the server's code ends up in the bundle).
import type {
  ApiToken, AssetDetail, AssetFacets, AssetKind, AssetSummary, AttackPath, AuditEntry, CheckDetail, CheckInfo, CheckTestResult,
  ComplianceReport, SourceKindInfo, Evidence, Finding, FindingEvent, GatewayKey, FindingStatus, FrameworkSummary, Integration, IntegrationEvent, IntegrationType, Job,
  KpiPoint, Kpis, Me, NeighbourNode, Neighbourhood, Page, Relationship, Role, RuntimeEvent, RuntimeSummary, ScanRun,
  Sensitivity, Severity, Source, SourceSchedule, StoredFinding, Ticket, TicketStatus, User,
} from '../../src/model/index.js';

export type {
  ApiToken, AssetDetail, AssetKind, AssetSummary, AttackPath, AuditEntry, CheckDetail, CheckInfo, CheckTestResult, ComplianceReport,
  SourceKindInfo, Evidence, Finding, GatewayKey,
  FindingEvent, FindingStatus, Integration, IntegrationEvent, IntegrationType, Job, KpiPoint, Kpis, Me, Neighbourhood, Page,
  Relationship, Role, RuntimeEvent, RuntimeSummary, ScanRun, Sensitivity, Severity, Source, StoredFinding, Ticket,
  TicketStatus, User,
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
