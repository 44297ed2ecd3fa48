// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers). One run; one rule per check
// that produced findings, keyed by the check's stable id; one result per finding, suppressed ones included
// and marked (SARIF `suppressions`), never dropped. Pure: the check descriptions come in with the options.

import { FRAMEWORKS, SEVERITIES, type Asset, type Check, type Evidence, type Finding, type FrameworkId, type Report, type Severity } from '../model/index.js';
import { masked } from './escape.js';
import { FRAMEWORK_SHORT_NAMES, assetIndex, findingSets } from './report-view.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * GitHub reads `security-severity` (a 0.0-10.0 string) into its own bands: critical 9.0-10.0, high 7.0-8.9,
 * medium 4.0-6.9, low 0.1-3.9, none 0.0. Each aispm severity sits inside its band.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export type SarifLevel = 'error' | 'warning' | 'note';
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** GitHub keeps 20 tags per rule (and shows 10): the security tag and the first framework ids. */
const MAX_TAGS = 20;
/** Key under `partialFingerprints`: versioned so a future change of the fingerprint recipe is a new key. */
export const FINGERPRINT_KEY = 'aispm/v1';

export interface SarifOptions {
  /** Descriptions of the checks (the catalogue); a check missing here is described from its findings. */
  checks?: readonly Check[];
}

type Json = Record<string, unknown>;

export function renderSarif(report: Report, opts: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(report, opts), null, 2) + '\n';
}

export function buildSarif(report: Report, opts: SarifOptions = {}): Json {
  const catalogue = new Map((opts.checks ?? []).map((c) => [c.id, c]));
  const assets = assetIndex(report);
  const { all } = findingSets(report);

  // one rule per check with findings, in check-id order so the file is stable
  const ruleIds = [...new Set(all.map((f) => f.checkId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const firstFinding = new Map<string, Finding>();
  for (const f of all) if (!firstFinding.has(f.checkId)) firstFinding.set(f.checkId, f);
  const rules = ruleIds.map((id) => rule(id, catalogue.get(id), firstFinding.get(id)!));

  const appsOf = new Map<string, string[]>();
  for (const e of report.edges) if (e.kind === 'defined-in') appsOf.set(e.from, [...(appsOf.get(e.from) ?? []), e.to]);
  const place = (f: Finding, asset: Asset | undefined) => locations(f, asset, (asset && appsOf.get(asset.id)?.map((id) => assets.get(id)).filter((a): a is Asset => !!a)) ?? []);
  const results = all.map((f) => result(f, ruleIndex.get(f.checkId)!, assets, place));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        invocations: [invocation(report)],
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          reportSchemaVersion: report.schemaVersion,
          scanRoot: masked(report.scan.root),
          source: masked(report.scan.source),
          ...(report.scan.id ? { scanId: report.scan.id } : {}),
          judged: report.findings !== undefined,
        },
      },
    ],
  };
}

function rule(id: string, check: Check | undefined, sample: Finding): Json {
  const severity = check?.severity ?? sample.severity;
  const title = masked(check?.title ?? sample.title);
  const remediation = masked(check?.remediation ?? sample.remediation ?? '');
  const frameworks = check?.frameworks ?? sample.frameworks;
  const references = (check?.references ?? []).filter((r) => /^https?:\/\//i.test(r));
  const mappings = frameworkLines(frameworks);
  const kinds = check?.kinds.length ? ` Evaluated on ${check.kinds.join(', ')} assets.` : '';

  const text = [
    remediation ? `Remediation: ${remediation}` : '',
    references.length ? `References:\n${references.map((r) => `- ${r}`).join('\n')}` : '',
    mappings.length ? `Frameworks:\n${mappings.map((m) => `- ${m}`).join('\n')}` : '',
  ].filter(Boolean);
  const markdown = [
    `**${mdEscape(title)}** (${severity})`,
    remediation ? `**Remediation:** ${mdEscape(remediation)}` : '',
    references.length ? `**References:**\n${references.map((r) => `- <${r}>`).join('\n')}` : '',
    mappings.length ? `**Frameworks:**\n${mappings.map((m) => `- ${mdEscape(m)}`).join('\n')}` : '',
  ].filter(Boolean);

  const tags = ['security', 'ai', ...(check?.domain ? [check.domain] : [])];
  for (const fw of FRAMEWORKS) for (const ctl of frameworks[fw] ?? []) tags.push(`external/${fw}/${ctl}`);
  return {
    id,
    ...(check?.longId ? { name: check.longId } : {}),
    shortDescription: { text: title },
    fullDescription: { text: `${title}.${kinds}` },
    ...(references[0] ? { helpUri: references[0] } : {}),
    help: { text: text.join('\n\n') || title, markdown: markdown.join('\n\n') },
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: {
      tags: [...new Set(tags)].slice(0, MAX_TAGS),
      'security-severity': SECURITY_SEVERITY[severity],
      severity,
      ...(check ? { precision: check.maturity === 'stable' ? 'high' : 'medium', maturity: check.maturity } : {}),
      frameworks,
    },
  };
}

function frameworkLines(frameworks: Partial<Record<FrameworkId, string[]>>): string[] {
  return FRAMEWORKS.filter((fw) => frameworks[fw]?.length).map((fw) => `${FRAMEWORK_SHORT_NAMES[fw] ?? fw}: ${frameworks[fw]!.join(', ')}`);
}

function result(f: Finding, index: number, assets: Map<string, Asset>, place: (f: Finding, a: Asset | undefined) => Json[]): Json {
  const asset = assets.get(f.assetId);
  const [primary, ...related] = place(f, asset);
  const out: Json = {
    ruleId: f.checkId,
    ruleIndex: index,
    level: SARIF_LEVEL[f.severity],
    message: { text: masked(f.message) || masked(f.title) },
    locations: [primary],
    ...(related.length ? { relatedLocations: related.map((l, i) => ({ id: i + 1, ...l, message: { text: 'also seen here' } })) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      score: f.score,
      severity: f.severity,
      reasons: f.reasons.map((r) => ({ factor: r.factor, points: r.points, detail: masked(r.detail) })),
      assetId: f.assetId,
      ...(asset ? { assetKind: asset.kind, assetName: masked(asset.name) } : {}),
      ...(asset?.owner ? { owner: masked(asset.owner) } : {}),
      ...(f.path?.length ? { attackPath: f.path } : {}),
      status: f.status,
    },
  };
  if (f.suppressed) {
    const s = f.suppressed;
    const who = [s.by ? `by ${s.by}` : '', s.until ? `until ${s.until}` : ''].filter(Boolean).join(' ');
    out.suppressions = [
      {
        kind: s.kind === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: masked(`${s.reason || s.kind}${who ? ` (${who})` : ''}`),
        properties: { aispmKind: s.kind, ...(s.until ? { until: s.until } : {}) },
      },
    ];
  }
  return out;
}

/**
 * GitHub rejects a whole SARIF file when one result lacks a physical location, so every result gets one:
 * the finding's files, else its asset's, else the files of the application that holds the asset, else the
 * scanned root itself (`.`), with the asset named as a logical location.
 */
function locations(f: Finding, asset: Asset | undefined, apps: readonly Asset[]): Json[] {
  const files = uniqueFiles(f.evidence);
  if (!files.length && asset) files.push(...uniqueFiles(asset.evidence));
  for (const app of apps) if (!files.length) files.push(...uniqueFiles(app.evidence).slice(0, 1));
  const logical = asset ? [{ fullyQualifiedName: masked(asset.key), name: masked(asset.name), kind: asset.kind }] : undefined;
  if (!files.length) {
    const external = f.evidence.find((e) => e.uri)?.uri ?? asset?.evidence.find((e) => e.uri)?.uri;
    return [
      {
        physicalLocation: { artifactLocation: { uri: '.', uriBaseId: '%SRCROOT%' } },
        ...(logical ? { logicalLocations: logical } : {}),
        ...(external ? { message: { text: masked(external) } } : {}),
      },
    ];
  }
  return files.slice(0, 10).map((e, i) => ({
    physicalLocation: {
      artifactLocation: { uri: fileUri(e.file!), uriBaseId: '%SRCROOT%' },
      // GitHub places annotations by start line; a file-level fact (a model file) points at its start
      region: { startLine: e.line && e.line > 0 ? e.line : 1, ...(e.endLine && e.line && e.endLine >= e.line ? { endLine: e.endLine } : {}) },
    },
    ...(i === 0 && logical ? { logicalLocations: logical } : {}),
  }));
}

function uniqueFiles(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    if (!e.file || e.file === '.') continue;
    const key = `${e.file}:${e.line ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** A relative path as a URI reference: segments percent-encoded, `:` too so a first segment is never a scheme. */
export function fileUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function invocation(report: Report): Json {
  const notifications = report.warnings.map((w) => {
    const file = w.file && w.file !== '.' ? w.file : undefined;
    return {
      level: 'warning',
      message: { text: masked(w.message) },
      ...(file ? { locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' }, ...(w.line ? { region: { startLine: w.line } } : {}) } }] } : {}),
      ...(w.collector ? { properties: { collector: w.collector } } : {}),
    };
  });
  return {
    executionSuccessful: true,
    startTimeUtc: report.scan.startedAt,
    endTimeUtc: report.scan.finishedAt,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
  };
}

function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`);
}

/** Exposed for tests and docs: the level and band every severity maps to. */
export const SEVERITY_MAPPING = SEVERITIES.map((s) => ({ severity: s, level: SARIF_LEVEL[s], securitySeverity: SECURITY_SEVERITY[s] }));
