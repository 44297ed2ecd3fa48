// The example organisation's infrastructure files through the four infrastructure collectors and the
// graph builder: what each file shows, and that the same things seen from different files are one node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGraph } from '../../graph/builder.js';
import { assetId, type Asset } from '../../model/index.js';
import { composeCollector } from '../compose/index.js';
import { dockerfileCollector } from '../dockerfile/index.js';
import { fileInput } from '../file-input.js';
import { kubernetesCollector } from '../kubernetes/index.js';
import { emptyOutput, runCollectorsOnFile } from '../run.js';
import { ciCollector } from './index.js';

const EXAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'acme-ai');
const FILES = [
  'infra/k8s/llm-stack.rendered.yaml',
  'infra/k8s/triton.yaml',
  'infra/k8s/kserve-churn.yaml',
  'infra/k8s/notebooks.yaml',
  'infra/k8s/ray-cluster.yaml',
  'infra/k8s/litellm.yaml',
  'deploy/compose.yaml',
  'deploy/model-server/Dockerfile',
  '.github/workflows/train.yml',
  '.github/workflows/deploy-model.yml',
  '.github/workflows/nightly-eval.yml',
  '.gitlab-ci.yml',
];
const COLLECTORS = [kubernetesCollector, composeCollector, dockerfileCollector, ciCollector];

async function scanExample() {
  const out = emptyOutput();
  for (const rel of FILES) {
    const wanted = COLLECTORS.filter((c) => c.wants(rel, path.basename(rel).toLowerCase()));
    assert.ok(wanted.length, `no collector wants ${rel}`);
    await runCollectorsOnFile(fileInput(path.join(EXAMPLE, rel), rel, statSync(path.join(EXAMPLE, rel)).size), wanted, out);
  }
  return { out, graph: buildGraph([out], { rootName: 'acme-ai' }) };
}

const id = (kind: Asset['kind'], key: string) => assetId(kind, key);

test('example organisation: every infrastructure file yields its assets, without warnings', async () => {
  const { out, graph } = await scanExample();
  assert.deepEqual(out.warnings, []);
  const keys = (kind: Asset['kind']) => graph.assets.filter((a) => a.kind === kind).map((a) => a.key).sort();
  assert.deepEqual(keys('workload'), [
    'compose:deploy/compose.yaml#mlflow',
    'compose:deploy/compose.yaml#model-server',
    'compose:deploy/compose.yaml#ollama',
    'compose:deploy/compose.yaml#qdrant',
    'dockerfile:deploy/model-server/Dockerfile',
    'k8s:ai/Deployment/litellm',
    'k8s:ai/Deployment/llm-stack-vllm',
    'k8s:ai/StatefulSet/llm-stack-qdrant',
    'k8s:data-science/Deployment/ds-lab',
    'k8s:inference/Pod/triton-debug',
    'k8s:ml/RayCluster/embeddings',
    'k8s:models/InferenceService/churn',
  ]);
  assert.deepEqual(keys('endpoint'), ['k8s:ai/ingress/llm-stack', 'k8s:ai/litellm', 'k8s:ai/llm-stack-qdrant', 'k8s:ai/llm-stack-vllm', 'k8s:data-science/ds-lab', 'kserve:models/churn']);
  assert.deepEqual(keys('pipeline'), [
    'github-actions:.github/workflows/deploy-model.yml#deploy',
    'github-actions:.github/workflows/nightly-eval.yml#rag-eval',
    'github-actions:.github/workflows/train.yml#train',
    'gitlab-ci:.gitlab-ci.yml#evaluate-support-agent',
  ]);
  assert.deepEqual(keys('network'), ['internet']);
  assert.deepEqual(keys('storage'), ['s3://acme-ml-data']);
});

test('example organisation: exposure, deployment, build and data joins across files', async () => {
  const { graph } = await scanExample();
  const has = (from: string, kind: string, to: string) => graph.edges.some((e) => e.from === from && e.kind === kind && e.to === to);
  const internet = id('network', 'internet');
  // public entry points: the vLLM load balancer, the unauthenticated ingress, KServe, Ollama, MLflow and Qdrant on all
  // interfaces, the notebook load balancer and the Ray head
  const exposedByInternet = graph.edges.filter((e) => e.from === internet && e.kind === 'exposes').map((e) => graph.assets.find((a) => a.id === e.to)!.key).sort();
  assert.deepEqual(exposedByInternet, [
    'compose:deploy/compose.yaml#mlflow',
    'compose:deploy/compose.yaml#ollama',
    'compose:deploy/compose.yaml#qdrant',
    'k8s:ai/ingress/llm-stack',
    'k8s:ai/llm-stack-vllm',
    'k8s:data-science/ds-lab',
    'k8s:ml/RayCluster/embeddings',
    'kserve:models/churn',
  ]);
  const ingress = graph.assets.find((a) => a.key === 'k8s:ai/ingress/llm-stack')!;
  assert.deepEqual([ingress.attrs.authenticated, ingress.attrs.tls], [false, false]);
  assert.ok(has(id('endpoint', 'k8s:ai/ingress/llm-stack'), 'exposes', id('workload', 'k8s:ai/StatefulSet/llm-stack-qdrant')));
  // the served model is the one the training workflow publishes and the Dockerfile downloads
  const model = id('model', 'huggingface/acme-corp/support-reply-falcon');
  assert.ok(has(id('endpoint', 'k8s:ai/llm-stack-vllm'), 'serves', model));
  assert.ok(has(id('pipeline', 'github-actions:.github/workflows/train.yml#train'), 'uses-model', model));
  assert.ok(has(id('workload', 'dockerfile:deploy/model-server/Dockerfile'), 'uses-model', model));
  // what the deploy workflow rolls out and builds
  const deploy = id('pipeline', 'github-actions:.github/workflows/deploy-model.yml#deploy');
  assert.ok(has(id('workload', 'k8s:ai/Deployment/llm-stack-vllm'), 'deployed-by', deploy));
  assert.ok(has(id('workload', 'k8s:models/InferenceService/churn'), 'deployed-by', deploy));
  assert.ok(has(id('workload', 'dockerfile:deploy/model-server/Dockerfile'), 'deployed-by', deploy));
  // compose builds the model server from the Dockerfile
  assert.ok(has(id('workload', 'compose:deploy/compose.yaml#model-server'), 'derived-from', id('workload', 'dockerfile:deploy/model-server/Dockerfile')));
  // one bucket: KServe's artifact, Triton's model repository and the training data
  const bucket = id('storage', 's3://acme-ml-data');
  assert.ok(has(id('model', 'kserve/models/churn'), 'loads', bucket));
  assert.ok(has(id('workload', 'k8s:inference/Pod/triton-debug'), 'loads', bucket));
  assert.ok(has(id('pipeline', 'github-actions:.github/workflows/train.yml#train'), 'trains-on', bucket));
  // the vLLM pod acts as an AWS role through its service account
  assert.ok(has(id('workload', 'k8s:ai/Deployment/llm-stack-vllm'), 'assumes', id('identity', 'k8s-sa:ai/llm-stack')));
  assert.ok(has(id('identity', 'k8s-sa:ai/llm-stack'), 'assumes', id('identity', 'aws-iam-role:acme-llm-serving')));
});

test('example organisation: the training workflow and the risky pods are described faithfully', async () => {
  const { graph } = await scanExample();
  const get = (kind: Asset['kind'], key: string) => graph.assets.find((a) => a.id === id(kind, key))!;
  const train = get('pipeline', 'github-actions:.github/workflows/train.yml#train').attrs;
  assert.deepEqual([train.privilegedTriggers, train.checksOutPrHead, train.unpinnedThirdPartyActions, train.selfHostedRunner, train.purposes], [
    ['pull_request_target'],
    true,
    ['iterative/setup-cml@v2'],
    true,
    ['publish-model', 'train'],
  ]);
  const triton = get('workload', 'k8s:inference/Pod/triton-debug').attrs;
  assert.deepEqual([triton.privileged, triton.runsAsRoot, triton.hostNetwork, triton.runtimeSocketMounted], [true, true, true, true]);
  const ollama = get('workload', 'compose:deploy/compose.yaml#ollama').attrs;
  assert.deepEqual([ollama.bindAll, ollama.gpus], [true, 'all']);
  const modelServer = get('workload', 'compose:deploy/compose.yaml#model-server').attrs;
  assert.deepEqual([modelServer.bindAll, modelServer.privileged, modelServer.runsAsRoot], [false, true, true]);
  const text = JSON.stringify(graph);
  for (const literal of ['AcmeDemoKeyNotReal', 'AcmeDemoTokenNotReal', 'vllm-demo-key-not-a-real-secret', 'mlflow-demo-password-123', 'AcmeDemoGatewayKeyNotReal', 'AcmeDemoCiKeyNotReal']) assert.ok(!text.includes(literal), literal);
});

test('example organisation: access settings, image pins and credentials the platform checks read', async () => {
  const { graph } = await scanExample();
  const attrs = (kind: Asset['kind'], key: string) => graph.assets.find((a) => a.id === id(kind, key))!.attrs;
  assert.deepEqual(
    [attrs('workload', 'k8s:data-science/Deployment/ds-lab').serverAuth, attrs('workload', 'k8s:data-science/Deployment/ds-lab').latestImages],
    ['disabled', ['quay.io/jupyter/pytorch-notebook:latest']],
  );
  assert.equal(attrs('workload', 'k8s:ai/Deployment/litellm').serverAuth, 'none');
  assert.equal(attrs('workload', 'k8s:ai/Deployment/llm-stack-vllm').serverAuth, 'configured');
  assert.deepEqual(attrs('workload', 'k8s:ai/Deployment/llm-stack-vllm').unpinnedModels, ['acme-corp/support-reply-falcon']);
  assert.equal(attrs('workload', 'compose:deploy/compose.yaml#qdrant').serverAuth, 'none');
  assert.equal(attrs('workload', 'compose:deploy/compose.yaml#mlflow').serverAuth, 'none');
  assert.deepEqual(attrs('workload', 'dockerfile:deploy/model-server/Dockerfile').listensOnAllInterfaces, true);
  assert.equal(attrs('endpoint', 'kserve:models/churn').requestLogging, false);
  assert.deepEqual([...(attrs('secret', 'env:OPENAI_API_KEY').literalIn as string[])].sort(), ['dockerfile', 'kubernetes-configmap']);
  assert.deepEqual([...(attrs('secret', 'env:ANTHROPIC_API_KEY').literalIn as string[])].sort(), ['github-actions', 'kubernetes-secret']);
  const eval_ = attrs('pipeline', 'github-actions:.github/workflows/nightly-eval.yml#rag-eval');
  assert.deepEqual(eval_.printsSecrets, ['OPENAI_API_KEY', '*']);
});
