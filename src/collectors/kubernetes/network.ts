// Services and Ingresses in front of AI workloads: each becomes an `endpoint` that `exposes` the workloads
// it selects; a LoadBalancer, NodePort or external-IP Service, or an Ingress not marked internal, is also
// exposed by the `internet` node. Authentication, TLS and source-range restrictions are recorded as stated.

import type { AttrValue } from '../../model/index.js';
import { internet } from '../dockerfile/emit.js';
import type { CollectContext, KeyRef } from '../types.js';
import { findService, selectWorkloads, type ClusterIndex, type WorkloadSummary } from './cluster-index.js';
import { get, isRecord, records, str, type K8sObject } from './documents.js';
import { stringMap } from './pods.js';

/** Annotations that keep a load balancer or ingress off the internet: [annotation, value pattern]. */
const INTERNAL_ANNOTATIONS: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(?:true|0\.0\.0\.0\/0)$/i],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/i],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/i],
  ['networking.gke.io/load-balancer-type', /^internal$/i],
  ['cloud.google.com/load-balancer-type', /^internal$/i],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/i],
  ['alb.ingress.kubernetes.io/scheme', /^internal$/i],
  ['kubernetes.io/ingress.class', /internal|private/i],
];

/** Annotations that put authentication in front of an Ingress: [annotation, value pattern]. */
const AUTH_ANNOTATIONS: Array<[string, RegExp]> = [
  ['nginx.ingress.kubernetes.io/auth-url', /./],
  ['nginx.ingress.kubernetes.io/auth-type', /./],
  ['nginx.ingress.kubernetes.io/auth-secret', /./],
  ['nginx.ingress.kubernetes.io/auth-tls-verify-client', /^(?:on|optional)$/i],
  ['alb.ingress.kubernetes.io/auth-type', /^(?:cognito|oidc)$/i],
  ['traefik.ingress.kubernetes.io/router.middlewares', /auth|oauth|oidc|jwt/i],
  ['konghq.com/plugins', /auth|jwt|oidc|acl/i],
  ['haproxy.org/auth-type', /./],
  ['ingress.kubernetes.io/auth-type', /./],
];

const SOURCE_RANGE_ANNOTATIONS = ['nginx.ingress.kubernetes.io/whitelist-source-range', 'nginx.ingress.kubernetes.io/allowlist-source-range', 'alb.ingress.kubernetes.io/inbound-cidrs'];

function annotations(o: K8sObject): Record<string, string> {
  return stringMap(get(o.obj, ['metadata', 'annotations']));
}

function matching(ann: Record<string, string>, table: Array<[string, RegExp]>): string[] {
  return table.filter(([k, re]) => ann[k] !== undefined && re.test(ann[k]!)).map(([k]) => k);
}

export function serviceEndpointKey(namespace: string, name: string): string {
  return `k8s:${namespace}/${name}`;
}

/** Models served behind the workloads an endpoint selects (model servers and gateways only). */
function servedModels(ws: WorkloadSummary[]): string[] {
  return [...new Set(ws.filter((w) => w.roles.some((r) => r === 'model-server' || r === 'gateway')).flatMap((w) => w.models))];
}

function linkServed(ctx: CollectContext, endpoint: KeyRef, ws: WorkloadSummary[], line: number): void {
  for (const w of ws) ctx.edge(endpoint, 'exposes', { kind: 'workload', key: w.key }, { line });
  for (const m of servedModels(ws)) ctx.edge(endpoint, 'serves', { kind: 'model', key: m }, { line });
}

export function emitService(ctx: CollectContext, o: K8sObject, idx: ClusterIndex): KeyRef | undefined {
  const spec = isRecord(o.obj.spec) ? o.obj.spec : {};
  const selector = stringMap(spec.selector);
  const selected = selectWorkloads(idx, o.namespace, selector);
  if (!selected.some((w) => w.ai)) return undefined;
  const type = str(spec.type) ?? 'ClusterIP';
  const ann = annotations(o);
  const internal = matching(ann, INTERNAL_ANNOTATIONS);
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(String) : [];
  const sourceRanges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges.map(String) : [];
  const isPublic = ((type === 'LoadBalancer' && !internal.length) || type === 'NodePort' || externalIPs.length > 0);
  const ports = records(spec.ports).map((p) => {
    const port: Record<string, AttrValue> = {};
    for (const f of ['name', 'port', 'targetPort', 'nodePort', 'protocol'] as const) if (p[f] !== undefined) port[f] = typeof p[f] === 'number' ? (p[f] as number) : String(p[f]);
    return port;
  });
  const attrs: Record<string, AttrValue> = { platform: 'kubernetes', kind: 'Service', namespace: o.namespace, name: o.name, type, selector, ports, public: isPublic };
  if (internal.length) attrs.internalAnnotations = internal;
  if (externalIPs.length) attrs.externalIPs = externalIPs;
  if (sourceRanges.length) attrs.sourceRanges = sourceRanges;
  if (o.helmSource) attrs.helmSource = o.helmSource;
  const endpoint = ctx.asset({
    kind: 'endpoint',
    key: serviceEndpointKey(o.namespace, o.name),
    name: `${o.namespace}/${o.name}`,
    attrs,
    evidence: [ctx.at(o.line, `Service ${o.namespace}/${o.name} type ${type}`)],
  });
  linkServed(ctx, endpoint, selected.filter((w) => w.ai), o.line);
  if (isPublic) ctx.edge(internet(ctx), 'exposes', endpoint, { line: o.lineOf(['spec', 'type']) ?? o.line }, { via: externalIPs.length && type !== 'LoadBalancer' && type !== 'NodePort' ? 'externalIPs' : type });
  return endpoint;
}

interface Backend {
  service: string;
  path?: string;
  host?: string;
}

function ingressBackends(spec: Record<string, unknown>): Backend[] {
  const out: Backend[] = [];
  const nameOf = (b: unknown) => str(get(b, ['service', 'name'])) ?? str(get(b, ['serviceName']));
  const def = nameOf(spec.defaultBackend) ?? nameOf(spec.backend);
  if (def) out.push({ service: def });
  for (const rule of records(spec.rules)) {
    for (const p of records(get(rule, ['http', 'paths']))) {
      const svc = nameOf(p.backend);
      if (svc) out.push({ service: svc, ...(str(p.path) ? { path: str(p.path)! } : {}), ...(str(rule.host) ? { host: str(rule.host)! } : {}) });
    }
  }
  return out;
}

export function emitIngress(ctx: CollectContext, o: K8sObject, idx: ClusterIndex): KeyRef | undefined {
  const spec = isRecord(o.obj.spec) ? o.obj.spec : {};
  const backends = ingressBackends(spec);
  const services = [...new Set(backends.map((b) => b.service))];
  const perService = services.map((name) => {
    const svc = findService(idx, o.namespace, name);
    return { name, workloads: svc ? selectWorkloads(idx, o.namespace, svc.selector) : [] };
  });
  if (!perService.some((s) => s.workloads.some((w) => w.ai))) return undefined;
  const ann = annotations(o);
  const ingressClass = str(spec.ingressClassName) ?? ann['kubernetes.io/ingress.class'];
  const internal = matching(ann, INTERNAL_ANNOTATIONS);
  if (ingressClass && /internal|private/i.test(ingressClass) && !internal.length) internal.push('ingressClassName');
  const auth = matching(ann, AUTH_ANNOTATIONS);
  const tls = records(spec.tls);
  const tlsHosts = tls.flatMap((t) => (Array.isArray(t.hosts) ? t.hosts.map(String) : []));
  const hosts = [...new Set(records(spec.rules).map((r) => str(r.host)).filter((h): h is string => !!h))];
  const sourceRanges = SOURCE_RANGE_ANNOTATIONS.flatMap((k) => (ann[k] ? ann[k]!.split(',').map((s) => s.trim()) : []));
  const isPublic = !internal.length;
  const attrs: Record<string, AttrValue> = {
    platform: 'kubernetes',
    kind: 'Ingress',
    namespace: o.namespace,
    name: o.name,
    hosts,
    paths: backends.map((b) => `${b.host ?? '*'}${b.path ?? '/'} -> ${b.service}`),
    tls: tls.length > 0,
    authenticated: auth.length > 0,
    public: isPublic,
  };
  if (tlsHosts.length) attrs.tlsHosts = tlsHosts;
  if (ingressClass) attrs.ingressClass = ingressClass;
  if (auth.length) attrs.authAnnotations = auth;
  if (internal.length) attrs.internalAnnotations = internal;
  if (sourceRanges.length) attrs.sourceRanges = sourceRanges;
  if (o.helmSource) attrs.helmSource = o.helmSource;
  const endpoint = ctx.asset({
    kind: 'endpoint',
    key: `k8s:${o.namespace}/ingress/${o.name}`,
    name: `${o.namespace}/ingress/${o.name}`,
    attrs,
    evidence: [ctx.at(o.line, `Ingress ${o.namespace}/${o.name}${hosts.length ? ` hosts ${hosts.join(', ')}` : ''}`)],
  });
  for (const s of perService) {
    const ai = s.workloads.filter((w) => w.ai);
    if (!ai.length) continue;
    ctx.edge(endpoint, 'exposes', { kind: 'endpoint', key: serviceEndpointKey(o.namespace, s.name) }, { line: o.line });
    linkServed(ctx, endpoint, ai, o.line);
  }
  if (isPublic) ctx.edge(internet(ctx), 'exposes', endpoint, { line: o.line }, { via: 'Ingress' });
  return endpoint;
}

/**
 * OpenShift Routes (public through the default router unless sharded as internal) and Gateway API
 * HTTPRoutes (whose exposure is decided by the Gateway they attach to, recorded as `gateways`).
 */
export function emitRoute(ctx: CollectContext, o: K8sObject, idx: ClusterIndex): KeyRef | undefined {
  const spec = isRecord(o.obj.spec) ? o.obj.spec : {};
  const httpRoute = o.kind === 'HTTPRoute';
  const services = httpRoute
    ? [...new Set(records(spec.rules).flatMap((r) => records(r.backendRefs).filter((b) => (str(b.kind) ?? 'Service') === 'Service').map((b) => str(b.name)).filter((n): n is string => !!n)))]
    : [str(get(spec, ['to', 'name']))].filter((n): n is string => !!n);
  const perService = services.map((name) => {
    const svc = findService(idx, o.namespace, name);
    return { name, workloads: svc ? selectWorkloads(idx, o.namespace, svc.selector) : [] };
  });
  if (!perService.some((s) => s.workloads.some((w) => w.ai))) return undefined;
  const labels = stringMap(get(o.obj, ['metadata', 'labels']));
  const hosts = httpRoute ? (Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : []) : [str(spec.host)].filter((h): h is string => !!h);
  const attrs: Record<string, AttrValue> = { platform: 'kubernetes', kind: o.kind, namespace: o.namespace, name: o.name, hosts, backends: services };
  let isPublic: boolean | null;
  if (httpRoute) {
    attrs.gateways = records(spec.parentRefs).map((p) => `${str(p.namespace) ?? o.namespace}/${str(p.name) ?? '?'}`);
    isPublic = null; // decided by the Gateway's listeners and load balancer
  } else {
    attrs.tls = isRecord(spec.tls);
    if (isRecord(spec.tls) && str(spec.tls.termination)) attrs.tlsTermination = str(spec.tls.termination)!;
    isPublic = !/internal|private/i.test(labels.router ?? labels.type ?? '');
  }
  attrs.public = isPublic;
  const endpoint = ctx.asset({
    kind: 'endpoint',
    key: `k8s:${o.namespace}/${o.kind.toLowerCase()}/${o.name}`,
    name: `${o.namespace}/${o.kind.toLowerCase()}/${o.name}`,
    attrs,
    evidence: [ctx.at(o.line, `${o.kind} ${o.namespace}/${o.name}${hosts.length ? ` hosts ${hosts.join(', ')}` : ''}`)],
  });
  for (const s of perService) {
    const ai = s.workloads.filter((w) => w.ai);
    if (!ai.length) continue;
    ctx.edge(endpoint, 'exposes', { kind: 'endpoint', key: serviceEndpointKey(o.namespace, s.name) }, { line: o.line });
    linkServed(ctx, endpoint, ai, o.line);
  }
  if (isPublic) ctx.edge(internet(ctx), 'exposes', endpoint, { line: o.line }, { via: o.kind });
  return endpoint;
}
