// Collector `kubernetes`: manifests recognised by content (`apiVersion` + `kind`) in any YAML file,
// multi-document and Helm-rendered. AI workloads (model servers, vector databases, notebooks, Ray, MLflow,
// gateways, KServe and Seldon) become `workload` assets with images, security settings, service account,
// masked env, credentials and models; Services, Ingresses, OpenShift Routes and Gateway API HTTPRoutes in
// front of them become `endpoint` assets that expose them, and the internet node exposes the public ones.

import type { CollectContext, Collector } from '../types.js';
import { mergeIndexes, siblingIndex, summarise, type ClusterIndex } from './cluster-index.js';
import { emitConfigMap, emitSecretManifest } from './config-objects.js';
import { emitInferenceService, emitRayExposure, emitSeldonDeployment, emitSeldonModel, emitServiceAccount } from './crds.js';
import { looksLikeManifest, parseManifests, type K8sObject } from './documents.js';
import { emitIngress, emitRoute, emitService } from './network.js';
import { emitWorkload, workloadsOf } from './workloads.js';

/** Custom resources with their own reading, by kind and API group. */
const CUSTOM: Array<{ kind: string; group: RegExp; emit: (ctx: CollectContext, o: K8sObject) => void }> = [
  { kind: 'InferenceService', group: /^serving\.kserve\.io\//, emit: emitInferenceService },
  { kind: 'SeldonDeployment', group: /^machinelearning\.seldon\.io\//, emit: emitSeldonDeployment },
  { kind: 'Model', group: /^mlops\.seldon\.io\//, emit: emitSeldonModel },
  { kind: 'ServiceAccount', group: /^v1$/, emit: emitServiceAccount },
  // credentials written into configuration objects
  { kind: 'ConfigMap', group: /^v1$/, emit: emitConfigMap },
  { kind: 'Secret', group: /^v1$/, emit: emitSecretManifest },
];

/** Objects that route traffic to workloads, by kind and API group. */
const ROUTING: Array<{ kind: string; group: RegExp; emit: (ctx: CollectContext, o: K8sObject, idx: ClusterIndex) => void }> = [
  { kind: 'Service', group: /^v1$/, emit: emitService },
  { kind: 'Ingress', group: /^(?:networking\.k8s\.io|extensions)\//, emit: emitIngress },
  { kind: 'Route', group: /^route\.openshift\.io\//, emit: emitRoute },
  { kind: 'HTTPRoute', group: /^gateway\.networking\.k8s\.io\//, emit: emitRoute },
];

// Unrendered chart templates are Go templates, not YAML; `helm template` output is what can be read.
const HELM_TEMPLATE = /\{\{-?\s/;

export const kubernetesCollector: Collector = {
  id: 'kubernetes',
  version: '1.0.0',
  wants: (_rel, base) => base.endsWith('.yaml') || base.endsWith('.yml'),
  async collect(file, ctx) {
    const text = await file.text();
    if (!looksLikeManifest(text)) return;
    if (HELM_TEMPLATE.test(text) && /(?:^|\/)templates\//.test(file.rel)) {
      ctx.warn('unrendered Helm template; scan the output of `helm template` to include it');
      return;
    }
    const { objects, errors } = parseManifests(text);
    for (const e of errors) ctx.warn(e.message, e.line);
    if (!objects.length) return;

    const workloads = workloadsOf(objects);
    for (const w of workloads) {
      if (!w.ai) continue;
      const ref = emitWorkload(ctx, w);
      if (w.o.kind.startsWith('Ray')) emitRayExposure(ctx, w.o, ref);
    }
    for (const o of objects) CUSTOM.find((c) => c.kind === o.kind && c.group.test(o.apiVersion))?.emit(ctx, o);

    const routing = objects.filter((o) => ROUTING.some((r) => r.kind === o.kind && r.group.test(o.apiVersion)));
    if (!routing.length) return;
    // selectors may point at workloads defined in the files beside this one
    const index = mergeIndexes(summarise(objects, workloads), await siblingIndex(file));
    for (const o of routing) ROUTING.find((r) => r.kind === o.kind && r.group.test(o.apiVersion))!.emit(ctx, o, index);
  },
};
