import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';
import { analyseScript, hubModelOfUrl, objectStoreUri } from './commands.js';
import { parseUses } from './github.js';
import { unpinnedIncludes } from './gitlab.js';
import { printedSecrets } from './leaks.js';
import { ciCollector } from './index.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(ciCollector, root, files);

test('recognises GitHub workflows and GitLab CI files by path', () => {
  const yes = ['.github/workflows/train.yml', 'svc/.github/workflows/x.yaml', '.gitlab-ci.yml', 'ci/templates/ml.gitlab-ci.yml', '.gitlab/ci/eval.yml'];
  for (const rel of yes) assert.equal(ciCollector.wants(rel, rel.split('/').pop()!), true, rel);
  for (const rel of ['.github/dependabot.yml', 'workflows/train.yml', 'gitlab-ci.yml']) assert.equal(ciCollector.wants(rel, rel.split('/').pop()!), false, rel);
});

test('action references: pinned only by a full commit SHA; first party is actions/ and github/', () => {
  assert.deepEqual(parseUses('actions/checkout@v4'), { uses: 'actions/checkout@v4', action: 'actions/checkout', ref: 'v4', pinned: false, thirdParty: false, kind: 'action' });
  assert.equal(parseUses('huggingface/hub-action@0b93645e9fea7318ecaed2b359559ac225c90a2b').pinned, true);
  assert.equal(parseUses('huggingface/hub-action@0b93645').pinned, false);
  assert.deepEqual(parseUses('./.github/actions/setup').kind, 'local');
  assert.deepEqual(parseUses('acme/wf/.github/workflows/x.yml@main').kind, 'reusable-workflow');
  assert.equal(parseUses('docker://ghcr.io/acme/tool:1').thirdParty, true);
});

test('shell commands: what they do with models, with lines', () => {
  const f = analyseScript(
    [
      'set -e',
      'uv run python -m axolotl.cli.train config.yml',
      'sudo ollama pull llama3.2:3b && hf download BAAI/bge-m3 --local-dir /w',
      'aws sagemaker create-endpoint --endpoint-name churn',
      'kubectl apply -f infra/k8s/vllm.yaml -n ai',
      'docker build -t acme/srv:1 services/serving',
      'npx promptfoo@0.96.0 eval -c promptfooconfig.yaml',
      'pip install "vllm==0.6.3" torch>=2 requests',
    ].join('\n'),
    10,
  );
  assert.deepEqual([...f.purposes].sort(), ['deploy', 'download-model', 'evaluate', 'train']);
  assert.deepEqual([...f.tools].sort(), ['aws sagemaker create-endpoint', 'docker build', 'hf download', 'kubectl apply', 'ollama pull', 'promptfoo eval', 'python axolotl.cli.train']);
  assert.deepEqual(f.models.map((m) => [`${m.provider}/${m.id}`, m.line]), [['ollama/llama3.2:3b', 12], ['huggingface/BAAI/bge-m3', 12]]);
  assert.deepEqual(f.manifests, [{ path: 'infra/k8s/vllm.yaml', line: 14 }, { path: 'services/serving/Dockerfile', line: 15 }]);
  assert.deepEqual(f.packages.map((p) => [p.name, p.version]), [['vllm', '0.6.3'], ['torch', undefined]]);
});

test('Hub URLs name models, not datasets or Spaces; object-store URIs in tokens and flags', () => {
  assert.equal(hubModelOfUrl('https://huggingface.co/acme/support-lora/resolve/main/adapter.safetensors'), 'acme/support-lora');
  assert.equal(hubModelOfUrl('https://hf.co/TheBloke/Llama-2-7B-GGUF.git'), 'TheBloke/Llama-2-7B-GGUF');
  assert.equal(hubModelOfUrl('https://huggingface.co/datasets/acme/tickets/resolve/main/x.parquet'), undefined);
  assert.equal(hubModelOfUrl('https://huggingface.co/spaces/acme/demo'), undefined);
  assert.equal(hubModelOfUrl('https://example.com/acme/model'), undefined);
  assert.equal(objectStoreUri('--data=s3://bucket/key'), 's3://bucket/key');
  assert.equal(objectStoreUri('gs://b'), 'gs://b');
  assert.equal(objectStoreUri('s3://${BUCKET}/x'), undefined);
  assert.equal(objectStoreUri('https://s3://x'), undefined);
});

test('GitHub: privileged triggers, PR-head checkout, unpinned action, mapped secrets, models and container image', async () => {
  const out = await run('.github/workflows/eval.yml');
  assert.deepEqual(keysOf(out, 'pipeline'), ['github-actions:.github/workflows/eval.yml#rag-eval']); // lint and the reusable call are not AI
  const p = findAsset(out, 'pipeline', 'github-actions:.github/workflows/eval.yml#rag-eval');
  assert.deepEqual(p.attrs, {
    ci: 'github-actions',
    file: '.github/workflows/eval.yml',
    job: 'rag-eval',
    workflow: 'PR evals',
    triggers: ['pull_request_target', 'workflow_run'],
    privilegedTriggers: ['pull_request_target', 'workflow_run'],
    permissions: 'default',
    runsOn: ['ubuntu-latest'],
    actions: [
      { uses: 'actions/checkout@v4', action: 'actions/checkout', ref: 'v4', pinned: false, thirdParty: false, kind: 'action' },
      { uses: 'some-org/llm-eval-action@main', action: 'some-org/llm-eval-action', ref: 'main', pinned: false, thirdParty: true, kind: 'action' },
    ],
    unpinnedThirdPartyActions: ['some-org/llm-eval-action@main'],
    checksOutPrHead: true,
    purposes: ['evaluate'],
    tools: ['python evals.run_eval'],
    secrets: ['ANTHROPIC_API_KEY', 'OAI_KEY'],
    images: ['ollama/ollama:0.3.12'],
    storageUris: ['s3://acme-evals/golden.jsonl'],
  });
  assert.equal(p.evidence?.[0]?.line, 9);
  assert.deepEqual(findAsset(out, 'secret', 'env:OPENAI_API_KEY').attrs, { envVar: 'OPENAI_API_KEY', hasValue: false, provider: 'openai', sources: ['github-actions-secret:OAI_KEY'] });
  assert.equal(findAsset(out, 'secret', 'env:OPENAI_API_KEY').evidence?.[0]?.line, 14);
  assert.deepEqual(edgeStrings(out), [
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -authenticates-with-> secret:env:OPENAI_API_KEY',
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -calls-service-> ai-service:anthropic',
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -calls-service-> ai-service:openai',
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -uses-model-> model:huggingface/mistralai/Mistral-7B-v0.1',
    'pipeline:github-actions:.github/workflows/eval.yml#rag-eval -uses-model-> model:openai/gpt-4o',
  ]);
});

test('GitLab: extends and default scripts, merge-request trigger, literal token masked, training data and chart deploys', async () => {
  const out = await run('gitlab/.gitlab-ci.yml');
  assert.deepEqual(keysOf(out, 'pipeline'), ['gitlab-ci:gitlab/.gitlab-ci.yml#deploy-serving', 'gitlab-ci:gitlab/.gitlab-ci.yml#finetune']); // docs is not AI
  assert.deepEqual(findAsset(out, 'pipeline', 'gitlab-ci:gitlab/.gitlab-ci.yml#finetune').attrs, {
    ci: 'gitlab-ci',
    file: 'gitlab/.gitlab-ci.yml',
    job: 'finetune',
    stage: 'train',
    triggers: ['merge_request_event'],
    when: 'manual',
    purposes: ['publish-model', 'train'],
    tools: ['accelerate launch', 'huggingface-cli upload'],
    secrets: ['HF_TOKEN'],
    images: ['python:3.12', 'vllm/vllm-openai:v0.6.3'],
    storageUris: ['gs://acme-data/sft'],
  });
  assert.deepEqual(findAsset(out, 'secret', 'env:HF_TOKEN').attrs, { envVar: 'HF_TOKEN', hasValue: true, provider: 'huggingface', valueMasked: 'hf_G…(40)', definedIn: ['gitlab/.gitlab-ci.yml'], literalIn: ['gitlab-ci'] });
  assert.deepEqual(findAsset(out, 'pipeline', 'gitlab-ci:gitlab/.gitlab-ci.yml#deploy-serving').attrs?.deploys, ['charts/model-serving']);
  assert.deepEqual(edgeStrings(out), [
    'path:charts/model-serving -deployed-by-> pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#deploy-serving',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#deploy-serving -authenticates-with-> secret:env:WANDB_API_KEY',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#finetune -authenticates-with-> secret:env:HF_TOKEN',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#finetune -calls-service-> ai-service:huggingface',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#finetune -trains-on-> storage:gs://acme-data',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#finetune -uses-model-> model:huggingface/acme/llama-sft',
    'pipeline:gitlab-ci:gitlab/.gitlab-ci.yml#finetune -uses-model-> model:huggingface/meta-llama/Llama-3.2-1B',
  ]);
  assert.ok(!JSON.stringify(out).includes('GitlabFixtureTokenNotReal'));
});

test('malformed workflow YAML is a warning with its line', async () => {
  const out = await run('.github/workflows/broken.yml');
  assert.deepEqual(out.assets, []);
  assert.deepEqual(out.warnings.map((w) => [w.line, w.message.startsWith('malformed YAML: ')]), [[5, true]]);
});

test('credentials printed to the job log: echo, encoders and env dumps; masking commands, pipes and redirects are not', async () => {
  const out = await collectFiles(ciCollector, `${root}/leaks`, ['.github/workflows/nightly-eval.yml', 'gitlab/.gitlab-ci.yml']);
  const gh = findAsset(out, 'pipeline', 'github-actions:.github/workflows/nightly-eval.yml#eval');
  assert.deepEqual(gh.attrs?.printsSecrets, ['OPENAI_API_KEY', 'HF_TOKEN', '*']);
  const gl = findAsset(out, 'pipeline', 'gitlab-ci:gitlab/.gitlab-ci.yml#evaluate');
  assert.deepEqual([gl.attrs?.printsSecrets, gl.attrs?.debugTrace], [['OPENAI_API_KEY'], true]);
});

test('printedSecrets: names, lines and the cases that do not reach the log', () => {
  const cred = (n: string) => n.endsWith('_KEY');
  assert.deepEqual(printedSecrets('set -e\necho "$A_KEY" && printf %s ${B_KEY}\necho $HOME', 10, cred), [
    { name: 'A_KEY', line: 11 },
    { name: 'B_KEY', line: 11 },
  ]);
  assert.deepEqual(printedSecrets('printenv A_KEY; env', 1, cred), [{ name: 'A_KEY', line: 1 }, { name: '*', line: 1 }]);
  assert.deepEqual(printedSecrets('echo $A_KEY | docker login -u x --password-stdin\necho $A_KEY > key.txt\necho "::add-mask::$A_KEY"\nset -x', 1, cred), []);
  assert.deepEqual(printedSecrets('echo $A_KEY | base64', 1, cred), [{ name: 'A_KEY', line: 1 }]);
});

test('GitLab includes: remote without integrity, project and component refs that can move', () => {
  assert.deepEqual(
    unpinnedIncludes([
      'https://example.com/ci.yml',
      { remote: 'https://example.com/a.yml', integrity: 'sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=' },
      { project: 'g/p', ref: 'v1.2' },
      { project: 'g/p', file: 'x.yml' },
      { project: 'g/p', ref: '4f9a1c2d3e4b5a6978877665544332211aabbccd' },
      { component: 'gitlab.com/g/c/eval@2.0.1' },
      { component: 'gitlab.com/g/c/eval' },
      { template: 'Auto-DevOps.gitlab-ci.yml' },
      '/local.yml',
    ]),
    ['remote:https://example.com/ci.yml', 'project:g/p@v1.2', 'project:g/p@HEAD', 'component:gitlab.com/g/c/eval'],
  );
  assert.deepEqual(unpinnedIncludes(undefined), []);
});

test('printedSecrets: a dump or echo piped through filters still reaches the log', () => {
  const cred = (n: string) => n.endsWith('_KEY');
  assert.deepEqual(printedSecrets('env | sort\nprintenv | grep -i key > vars.txt\necho "$A_KEY" | tee /dev/stderr', 5, cred), [
    { name: '*', line: 5 },
    { name: 'A_KEY', line: 7 },
  ]);
});
