import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFiles, collectText, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';
import { looksLikeManifest } from './documents.js';
import { kubernetesCollector } from './index.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(kubernetesCollector, root, files);

test('wants every YAML file and reads only manifests', async () => {
  for (const rel of ['k8s/app.yaml', 'deploy.yml', 'charts/x/templates/svc.yaml']) assert.equal(kubernetesCollector.wants(rel, rel.split('/').pop()!), true, rel);
  for (const rel of ['main.py', 'values.json', 'Dockerfile']) assert.equal(kubernetesCollector.wants(rel, rel.toLowerCase()), false, rel);
  const out = await run('not-k8s.yaml');
  assert.deepEqual(out.assets, []);
  assert.deepEqual(out.warnings, []);
});

test('manifest sniffing: both keys at the start of a line, also as list items', () => {
  assert.equal(looksLikeManifest('apiVersion: v1\nkind: Pod\n'), true);
  assert.equal(looksLikeManifest('items:\n  - apiVersion : v1\n    kind: Service\n'), true);
  assert.equal(looksLikeManifest('apiVersion: v1\nmetadata: {kind: x}\n'), false);
  assert.equal(looksLikeManifest('# apiVersion: v1 and kind: Pod in prose\n'), false);
});

test('Helm-rendered vLLM: workload, secrets, model, IRSA identity, LoadBalancer service and public ingress', async () => {
  const out = await run('helm-rendered.yaml');
  assert.deepEqual(keysOf(out, 'workload'), ['k8s:ai/Deployment/vllm']); // the nginx site is not AI
  const w = findAsset(out, 'workload', 'k8s:ai/Deployment/vllm');
  assert.deepEqual(w.attrs, {
    platform: 'kubernetes',
    kind: 'Deployment',
    namespace: 'ai',
    name: 'vllm',
    helmSource: 'llm-stack/templates/vllm-deployment.yaml',
    replicas: 2,
    products: ['vLLM'],
    roles: ['model-server'],
    images: ['vllm/vllm-openai:v0.6.3'],
    containers: [
      {
        name: 'vllm',
        image: 'vllm/vllm-openai:v0.6.3',
        repository: 'vllm/vllm-openai',
        tag: 'v0.6.3',
        pinnedByDigest: false,
        latest: false,
        product: 'vLLM',
        role: 'model-server',
        ports: [8000],
        gpus: 1,
        args: ['--model', 'meta-llama/Llama-3.1-8B-Instruct', '--port=8000'],
      },
    ],
    latestImages: [],
    imagesWithoutDigest: ['vllm/vllm-openai:v0.6.3'],
    serverAuth: 'configured',
    serverAuthVia: 'env:VLLM_API_KEY',
    unpinnedModels: ['meta-llama/Llama-3.1-8B-Instruct'],
    privileged: false,
    runsAsRoot: false,
    hostPathMounts: ['/var/lib/hf-cache'],
    serviceAccount: 'llm-serving',
    env: { HUGGING_FACE_HUB_TOKEN: 'k8s-secret:ai/hf-credentials#token', VLLM_API_KEY: 'sk-v…(30)' },
    gpus: 1,
  });
  assert.equal(w.evidence?.[0]?.line, 12);
  assert.deepEqual(findAsset(out, 'secret', 'env:HUGGING_FACE_HUB_TOKEN').attrs, {
    envVar: 'HUGGING_FACE_HUB_TOKEN',
    hasValue: false,
    provider: 'huggingface',
    sources: ['k8s-secret:ai/hf-credentials#token'],
  });
  assert.deepEqual(findAsset(out, 'secret', 'env:VLLM_API_KEY').attrs, { envVar: 'VLLM_API_KEY', hasValue: true, valueMasked: 'sk-v…(30)', definedIn: ['helm-rendered.yaml'], literalIn: ['kubernetes'] });
  assert.equal(findAsset(out, 'secret', 'env:VLLM_API_KEY').evidence?.[0]?.line, 44);
  assert.deepEqual(findAsset(out, 'model', 'huggingface/meta-llama/Llama-3.1-8B-Instruct').attrs, { modelId: 'meta-llama/Llama-3.1-8B-Instruct' });

  const svc = findAsset(out, 'endpoint', 'k8s:ai/vllm');
  assert.deepEqual(svc.attrs, {
    platform: 'kubernetes',
    kind: 'Service',
    namespace: 'ai',
    name: 'vllm',
    type: 'LoadBalancer',
    selector: { 'app.kubernetes.io/name': 'vllm' },
    ports: [{ name: 'http', port: 80, targetPort: 8000 }],
    public: true,
    helmSource: 'llm-stack/templates/vllm-service.yaml',
  });
  const ing = findAsset(out, 'endpoint', 'k8s:ai/ingress/llm');
  assert.deepEqual(ing.attrs, {
    platform: 'kubernetes',
    kind: 'Ingress',
    namespace: 'ai',
    name: 'llm',
    hosts: ['llm.acme.example'],
    paths: ['llm.acme.example/v1 -> vllm'],
    tls: false,
    authenticated: false,
    public: true,
    ingressClass: 'nginx',
    helmSource: 'llm-stack/templates/ingress.yaml',
  });
  assert.deepEqual(findAsset(out, 'identity', 'aws-iam-role:llm-serving-role').attrs, { arn: 'arn:aws:iam::123456789012:role/ml/llm-serving-role' });
  assert.deepEqual(edgeStrings(out), [
    'endpoint:k8s:ai/ingress/llm -exposes-> endpoint:k8s:ai/vllm',
    'endpoint:k8s:ai/ingress/llm -exposes-> workload:k8s:ai/Deployment/vllm',
    'endpoint:k8s:ai/ingress/llm -serves-> model:huggingface/meta-llama/Llama-3.1-8B-Instruct',
    'endpoint:k8s:ai/vllm -exposes-> workload:k8s:ai/Deployment/vllm',
    'endpoint:k8s:ai/vllm -serves-> model:huggingface/meta-llama/Llama-3.1-8B-Instruct',
    'identity:k8s-sa:ai/llm-serving -assumes-> identity:aws-iam-role:llm-serving-role',
    'network:internet -exposes-> endpoint:k8s:ai/ingress/llm',
    'network:internet -exposes-> endpoint:k8s:ai/vllm',
    'workload:k8s:ai/Deployment/vllm -assumes-> identity:k8s-sa:ai/llm-serving',
    'workload:k8s:ai/Deployment/vllm -authenticates-with-> secret:env:HUGGING_FACE_HUB_TOKEN',
    'workload:k8s:ai/Deployment/vllm -authenticates-with-> secret:env:VLLM_API_KEY',
    'workload:k8s:ai/Deployment/vllm -calls-service-> ai-service:huggingface',
    'workload:k8s:ai/Deployment/vllm -uses-model-> model:huggingface/meta-llama/Llama-3.1-8B-Instruct',
  ]);
  assert.ok(!JSON.stringify(out).includes('sk-vllm-local-0123456789abcdef'), 'the literal key never leaves unmasked');
});

test('List of a privileged Triton pod behind an internal load balancer: no internet edge', async () => {
  const out = await run('triton-pod.yaml');
  const w = findAsset(out, 'workload', 'k8s:inference/Pod/triton');
  const a = w.attrs!;
  assert.deepEqual([a.privileged, a.runsAsRoot, a.allowPrivilegeEscalation, a.hostNetwork, a.podRunAsUser], [true, true, true, true, 0]);
  const c = (a.containers as Array<Record<string, unknown>>)[0]!;
  assert.deepEqual([c.registry, c.repository, c.digest, c.pinnedByDigest, c.capabilitiesAdded], ['nvcr.io', 'nvidia/tritonserver', 'sha256:4b3c5e8a1d2f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b', true, ['SYS_ADMIN']]);
  assert.equal(w.evidence?.[0]?.line, 4);
  const svc = findAsset(out, 'endpoint', 'k8s:inference/triton-internal');
  assert.deepEqual([svc.attrs?.public, svc.attrs?.internalAnnotations], [false, ['service.beta.kubernetes.io/aws-load-balancer-internal']]);
  assert.deepEqual(findAsset(out, 'storage', 's3://acme-models').attrs, { scheme: 's3', bucket: 'acme-models' });
  assert.deepEqual(edgeStrings(out), [
    'endpoint:k8s:inference/triton-internal -exposes-> workload:k8s:inference/Pod/triton',
    'workload:k8s:inference/Pod/triton -loads-> storage:s3://acme-models',
  ]);
});

test('KServe: external InferenceService serving an S3 artifact, cluster-local one serving a Hub model', async () => {
  const out = await run('kserve.yaml');
  assert.deepEqual(findAsset(out, 'endpoint', 'kserve:models/churn').attrs, {
    platform: 'kserve',
    kind: 'InferenceService',
    namespace: 'models',
    name: 'churn',
    visibility: 'external',
    public: true,
    modelFormat: 'sklearn',
    storageUri: 's3://acme-ml-models/churn/v3',
    requestLogging: false,
  });
  assert.deepEqual(findAsset(out, 'model', 'kserve/models/churn').attrs, { platform: 'kserve', format: 'sklearn', storageUri: 's3://acme-ml-models/churn/v3' });
  assert.equal(findAsset(out, 'model', 'kserve/models/churn').evidence?.[0]?.line, 12);
  assert.equal(findAsset(out, 'endpoint', 'kserve:models/summarizer').attrs?.public, false);
  assert.deepEqual(findAsset(out, 'workload', 'k8s:models/InferenceService/churn').attrs?.serviceAccount, 'kserve-s3');
  assert.deepEqual(edgeStrings(out), [
    'endpoint:kserve:models/churn -exposes-> workload:k8s:models/InferenceService/churn',
    'endpoint:kserve:models/churn -serves-> model:kserve/models/churn',
    'endpoint:kserve:models/summarizer -exposes-> workload:k8s:models/InferenceService/summarizer',
    'endpoint:kserve:models/summarizer -serves-> model:huggingface/facebook/bart-large-cnn',
    'model:kserve/models/churn -loads-> storage:s3://acme-ml-models',
    'network:internet -exposes-> endpoint:kserve:models/churn',
    'workload:k8s:models/InferenceService/churn -assumes-> identity:k8s-sa:models/kserve-s3',
    'workload:k8s:models/InferenceService/summarizer -uses-model-> model:huggingface/facebook/bart-large-cnn',
  ]);
});

test('Service and Ingress in files beside the Deployment still find it; auth, TLS and source ranges recorded', async () => {
  const out = await run('split/deployment.yaml', 'split/service.yaml', 'split/ingress.yaml');
  assert.deepEqual(findAsset(out, 'endpoint', 'k8s:tools/ollama').attrs?.type, 'NodePort');
  const ing = findAsset(out, 'endpoint', 'k8s:tools/ingress/ollama');
  assert.deepEqual([ing.attrs?.tls, ing.attrs?.tlsHosts, ing.attrs?.authenticated, ing.attrs?.authAnnotations, ing.attrs?.sourceRanges, ing.attrs?.public], [
    true,
    ['ollama.acme.example'],
    true,
    ['nginx.ingress.kubernetes.io/auth-url'],
    ['10.0.0.0/8', '192.168.0.0/16'],
    true,
  ]);
  assert.deepEqual(edgeStrings(out), [
    'endpoint:k8s:tools/ingress/ollama -exposes-> endpoint:k8s:tools/ollama',
    'endpoint:k8s:tools/ingress/ollama -exposes-> workload:k8s:tools/Deployment/ollama',
    'endpoint:k8s:tools/ingress/ollama -serves-> model:ollama/llama3.1:8b',
    'endpoint:k8s:tools/ollama -exposes-> workload:k8s:tools/Deployment/ollama',
    'endpoint:k8s:tools/ollama -serves-> model:ollama/llama3.1:8b',
    'network:internet -exposes-> endpoint:k8s:tools/ingress/ollama',
    'network:internet -exposes-> endpoint:k8s:tools/ollama',
    'workload:k8s:tools/Deployment/ollama -uses-model-> model:ollama/llama3.1:8b',
  ]);
  // the Ollama image's own OLLAMA_* settings are not a call to an Ollama service
  assert.deepEqual(keysOf(out, 'ai-service'), []);
});

test('KubeRay cluster with a LoadBalancer head is exposed to the internet', async () => {
  const out = await run('ray.yaml');
  const w = findAsset(out, 'workload', 'k8s:ray/RayCluster/training');
  assert.deepEqual([w.attrs?.products, w.attrs?.images], [['Ray'], ['rayproject/ray-ml:2.9.0-gpu']]);
  assert.deepEqual(edgeStrings(out), ['network:internet -exposes-> workload:k8s:ray/RayCluster/training', 'workload:k8s:ray/RayCluster/training -authenticates-with-> secret:env:WANDB_API_KEY']);
});

test('a malformed document is reported with its line and the others are still read', async () => {
  const out = await run('malformed.yaml');
  assert.deepEqual(keysOf(out, 'workload'), ['k8s:vec/Deployment/qdrant']);
  assert.equal(out.warnings.length, 1);
  assert.equal(out.warnings[0]!.line, 20);
  assert.match(out.warnings[0]!.message, /^malformed YAML: /);
});

test('unrendered Helm templates are skipped with a warning', async () => {
  const out = await run('charts/demo/templates/deployment.yaml');
  assert.deepEqual(out.assets, []);
  assert.deepEqual(out.warnings.map((w) => w.message), ['unrendered Helm template; scan the output of `helm template` to include it']);
});

test('Seldon deployments, python -m launchers and pass-through of non-AI pods', async () => {
  const out = await collectText(
    kubernetesCollector,
    'seldon.yaml',
    [
      'apiVersion: machinelearning.seldon.io/v1',
      'kind: SeldonDeployment',
      'metadata: {name: fraud, namespace: seldon}',
      'spec:',
      '  predictors:',
      '    - name: default',
      '      graph:',
      '        name: classifier',
      '        implementation: SKLEARN_SERVER',
      '        modelUri: gs://acme-fraud/model',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: embed, namespace: jobs}',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: embed',
      '              image: acme/embedder:1.0',
      '              command: ["python", "-m", "acme.embed", "--model", "BAAI/bge-small-en-v1.5", "--api-key", "abcd1234efgh5678"]',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: plain}',
      'spec: {containers: [{name: web, image: nginx}]}',
    ].join('\n'),
  );
  assert.deepEqual(keysOf(out, 'workload'), ['k8s:jobs/CronJob/embed', 'k8s:seldon/SeldonDeployment/fraud']);
  assert.deepEqual(findAsset(out, 'workload', 'k8s:jobs/CronJob/embed').attrs?.containers, [
    { name: 'embed', image: 'acme/embedder:1.0', repository: 'acme/embedder', tag: '1.0', pinnedByDigest: false, latest: false, args: ['python', '-m', 'acme.embed', '--model', 'BAAI/bge-small-en-v1.5', '--api-key', 'abcd…(16)'] },
  ]);
  assert.deepEqual(findAsset(out, 'model', 'seldon/seldon/fraud/classifier').attrs, { platform: 'seldon', format: 'sklearn_server', storageUri: 'gs://acme-fraud/model' });
  assert.deepEqual(edgeStrings(out), [
    'endpoint:seldon:seldon/fraud -exposes-> workload:k8s:seldon/SeldonDeployment/fraud',
    'endpoint:seldon:seldon/fraud -serves-> model:seldon/seldon/fraud/classifier',
    'model:seldon/seldon/fraud/classifier -loads-> storage:gs://acme-fraud',
    'workload:k8s:jobs/CronJob/embed -uses-model-> model:huggingface/BAAI/bge-small-en-v1.5',
  ]);
});

test('OpenShift Route is public through the router; a Gateway API HTTPRoute records its gateways', async () => {
  const out = await collectText(
    kubernetesCollector,
    'routes.yaml',
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: tgi, namespace: llm}',
      'spec:',
      '  template:',
      '    metadata: {labels: {app: tgi}}',
      '    spec:',
      '      containers: [{name: tgi, image: "ghcr.io/huggingface/text-generation-inference:2.4.1"}]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: tgi, namespace: llm}',
      'spec: {selector: {app: tgi}}',
      '---',
      'apiVersion: route.openshift.io/v1',
      'kind: Route',
      'metadata: {name: tgi, namespace: llm}',
      'spec: {host: tgi.apps.acme.example, to: {kind: Service, name: tgi}, tls: {termination: edge}}',
      '---',
      'apiVersion: gateway.networking.k8s.io/v1',
      'kind: HTTPRoute',
      'metadata: {name: tgi, namespace: llm}',
      'spec:',
      '  parentRefs: [{name: public-gw, namespace: infra}]',
      '  hostnames: [tgi.acme.example]',
      '  rules: [{backendRefs: [{name: tgi, port: 80}]}]',
    ].join('\n'),
  );
  assert.deepEqual(findAsset(out, 'endpoint', 'k8s:llm/route/tgi').attrs, {
    platform: 'kubernetes',
    kind: 'Route',
    namespace: 'llm',
    name: 'tgi',
    hosts: ['tgi.apps.acme.example'],
    backends: ['tgi'],
    tls: true,
    tlsTermination: 'edge',
    public: true,
  });
  assert.deepEqual(findAsset(out, 'endpoint', 'k8s:llm/httproute/tgi').attrs, {
    platform: 'kubernetes',
    kind: 'HTTPRoute',
    namespace: 'llm',
    name: 'tgi',
    hosts: ['tgi.acme.example'],
    backends: ['tgi'],
    gateways: ['infra/public-gw'],
    public: null,
  });
  assert.deepEqual(
    edgeStrings(out).filter((e) => e.includes('route')),
    [
      'endpoint:k8s:llm/httproute/tgi -exposes-> endpoint:k8s:llm/tgi',
      'endpoint:k8s:llm/httproute/tgi -exposes-> workload:k8s:llm/Deployment/tgi',
      'endpoint:k8s:llm/route/tgi -exposes-> endpoint:k8s:llm/tgi',
      'endpoint:k8s:llm/route/tgi -exposes-> workload:k8s:llm/Deployment/tgi',
      'network:internet -exposes-> endpoint:k8s:llm/route/tgi',
    ],
  );
});

test('credentials in ConfigMaps and committed Secret manifests: AI and cloud keys only, masked, with where they sit', async () => {
  const out = await run('config-secrets.yaml');
  assert.deepEqual(keysOf(out, 'secret'), ['env:AWS_SECRET_ACCESS_KEY', 'env:HF_TOKEN', 'env:OPENAI_API_KEY']); // not DB_PASSWORD, not a ${} reference
  assert.deepEqual(findAsset(out, 'secret', 'env:OPENAI_API_KEY').attrs, { envVar: 'OPENAI_API_KEY', hasValue: true, provider: 'openai', valueMasked: 'sk-p…(45)', definedIn: ['config-secrets.yaml'], literalIn: ['kubernetes-configmap'] });
  assert.equal(findAsset(out, 'secret', 'env:OPENAI_API_KEY').evidence?.[0]?.line, 9);
  assert.deepEqual(findAsset(out, 'secret', 'env:HF_TOKEN').attrs?.literalIn, ['kubernetes-secret']);
  // base64 `data` is decoded only to measure and mask it
  assert.deepEqual(findAsset(out, 'secret', 'env:AWS_SECRET_ACCESS_KEY').attrs?.valueMasked, 'wJal…(40)');
  for (const a of out.assets) assert.ok(!JSON.stringify(a).includes('ConfigMapKeyNotReal'), 'value leaked');
});

test('server access settings and image roll-ups: Jupyter without a token behind a LoadBalancer, KServe payload logging', async () => {
  const out = await run('exposure/jupyter.yaml');
  const lab = findAsset(out, 'workload', 'k8s:ds/Deployment/lab');
  assert.deepEqual(
    [lab.attrs?.serverAuth, lab.attrs?.serverAuthVia, lab.attrs?.listensOnAllInterfaces, lab.attrs?.latestImages, lab.attrs?.imagesWithoutDigest],
    ['disabled', 'arg:--ServerApp.token', true, ['quay.io/jupyter/pytorch-notebook:latest'], ['quay.io/jupyter/pytorch-notebook:latest']],
  );
  assert.ok(edgeStrings(out).includes('network:internet -exposes-> endpoint:k8s:ds/lab'));
  const ep = findAsset(out, 'endpoint', 'kserve:ds/summarizer');
  assert.deepEqual([ep.attrs?.requestLogging, ep.attrs?.requestLoggingMode, ep.attrs?.unpinnedModels], [true, 'all', ['facebook/bart-large-cnn']]);
  // the fixture beside it has no logger
  assert.equal(findAsset(await run('kserve.yaml'), 'endpoint', 'kserve:models/churn').attrs?.requestLogging, false);
});
