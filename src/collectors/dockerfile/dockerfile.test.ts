import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectFiles, edgeStrings, findAsset, keysOf, testdataDir } from '../manifests/test-helpers.js';
import { analyseContainer, maskArgv, modelArguments } from './container.js';
import { classifyImage, parseImageRef } from './images.js';
import { dockerfileCollector } from './index.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(dockerfileCollector, root, files);

test('image references: registry, repository, tag and digest', () => {
  assert.deepEqual(parseImageRef('vllm/vllm-openai:v0.6.3'), { image: 'vllm/vllm-openai:v0.6.3', repository: 'vllm/vllm-openai', tag: 'v0.6.3' });
  assert.deepEqual(parseImageRef('localhost:5000/acme/ollama'), { image: 'localhost:5000/acme/ollama', registry: 'localhost:5000', repository: 'acme/ollama' });
  assert.deepEqual(parseImageRef('nvcr.io/nvidia/tritonserver:24.08-py3@sha256:abc'), {
    image: 'nvcr.io/nvidia/tritonserver:24.08-py3@sha256:abc',
    registry: 'nvcr.io',
    repository: 'nvidia/tritonserver',
    tag: '24.08-py3',
    digest: 'sha256:abc',
  });
  assert.equal(parseImageRef(''), undefined);
});

test('AI image catalogue: servers, vector stores, notebooks, platforms; ordinary images are not AI', () => {
  const product = (i: string) => classifyImage(parseImageRef(i)!)?.product;
  assert.equal(product('ghcr.io/huggingface/text-generation-inference:2.4.1'), 'Text Generation Inference');
  assert.equal(product('ollama/ollama'), 'Ollama');
  assert.equal(product('ghcr.io/ggml-org/llama.cpp:server-cuda'), 'llama.cpp server');
  assert.equal(product('ghcr.io/ggml-org/llama.cpp:light'), undefined); // only the server tags serve
  assert.equal(product('cr.weaviate.io/semitechnologies/weaviate:1.26.1'), 'Weaviate');
  assert.equal(product('ghcr.io/berriai/litellm:main-latest'), 'LiteLLM');
  assert.equal(product('quay.io/go-skynet/local-ai:latest'), 'LocalAI');
  assert.equal(product('nvcr.io/nim/meta/llama3-8b-instruct:1.0.0'), 'NVIDIA NIM');
  assert.equal(product('pgvector/pgvector:pg16'), 'pgvector');
  assert.equal(product('postgres:16'), undefined);
  assert.equal(product('nginx'), undefined);
});

test('model arguments: flags, sub-commands and shell wrappers; python -m is a module', () => {
  assert.deepEqual(modelArguments(['vllm', 'serve', 'Qwen/Qwen2.5-7B', '--port', '8000']), [{ value: 'Qwen/Qwen2.5-7B', via: 'arg:vllm serve' }]);
  assert.deepEqual(modelArguments(['sh', '-c', 'ollama run llama3.2 && sleep 1']), [{ value: 'llama3.2', via: 'arg:ollama run' }]);
  assert.deepEqual(modelArguments(['python', '-m', 'vllm.entrypoints.openai.api_server', '--model=meta-llama/Llama-3.2-1B']), [{ value: 'meta-llama/Llama-3.2-1B', via: 'arg:--model' }]);
  assert.deepEqual(maskArgv(['--api-key', 'abcd1234efgh', '--token=zyxw9876vuts', '--api-key', '$(API_KEY)']), ['--api-key', 'ab…(12)', '--token=zy…(12)', '--api-key', '$(API_KEY)']);
});

test('container analysis: credentials, services by env name and URL, models by env and args', () => {
  const a = analyseContainer({
    image: 'ollama/ollama:0.3.12',
    args: ['--model', '/models/local.gguf'],
    env: [
      { name: 'OLLAMA_HOST', value: '0.0.0.0' },
      { name: 'ANTHROPIC_API_KEY', from: 'k8s-secret:ns/keys#anthropic', fromSecret: true },
      { name: 'UPSTREAM_URL', value: 'https://api.mistral.ai/v1' },
      { name: 'EMBEDDING_MODEL', value: 'nomic-embed-text' },
      { name: 'STORAGE_URI', value: 's3://weights/llama' },
    ],
  });
  assert.equal(a.ai?.product, 'Ollama');
  assert.deepEqual(a.env, { OLLAMA_HOST: '0.0.0.0', ANTHROPIC_API_KEY: 'k8s-secret:ns/keys#anthropic', UPSTREAM_URL: 'https://api.mistral.ai/v1', EMBEDDING_MODEL: 'nomic-embed-text', STORAGE_URI: 's3://weights/llama' });
  assert.deepEqual(a.secrets, [{ envVar: 'ANTHROPIC_API_KEY', provider: 'anthropic', source: 'k8s-secret:ns/keys#anthropic', line: undefined }]);
  assert.deepEqual(a.services.map((s) => [s.provider, s.via]), [['anthropic', 'env:ANTHROPIC_API_KEY'], ['mistral', 'env:UPSTREAM_URL']]);
  assert.deepEqual(a.models.map((m) => `${m.provider}/${m.id}`), ['ollama/nomic-embed-text']);
  assert.deepEqual(a.modelPaths, ['/models/local.gguf']);
  assert.deepEqual(a.modelUris.map((u) => u.uri), ['s3://weights/llama']);
});

test('multi-stage TGI image: ARG-resolved base, baked credentials masked, downloads, root user', async () => {
  const out = await run('serve/Dockerfile');
  const w = findAsset(out, 'workload', 'dockerfile:serve/Dockerfile');
  assert.deepEqual(w.attrs, {
    platform: 'docker',
    file: 'serve/Dockerfile',
    stages: 2,
    baseImages: [
      { image: 'python:3.11-slim', repository: 'python', tag: '3.11-slim', pinnedByDigest: false, latest: false, line: 3 },
      {
        image: 'ghcr.io/huggingface/text-generation-inference:2.4.1',
        repository: 'huggingface/text-generation-inference',
        registry: 'ghcr.io',
        tag: '2.4.1',
        pinnedByDigest: false,
        latest: false,
        product: 'Text Generation Inference',
        role: 'model-server',
        line: 8,
      },
    ],
    finalBaseImage: 'ghcr.io/huggingface/text-generation-inference:2.4.1',
    latestImages: [],
    imagesWithoutDigest: ['ghcr.io/huggingface/text-generation-inference:2.4.1'],
    serverAuth: 'none',
    products: ['Text Generation Inference'],
    user: 'root',
    userDeclared: true,
    runsAsRoot: true,
    env: { HF_TOKEN: 'hf_F…(42)', MODEL_ID: '/weights', OPENAI_API_KEY: 'sk-p…(49)', PORT: '8080' },
    exposedPorts: ['8080'],
    modelPaths: ['/weights'],
    aiPackages: ['huggingface_hub'],
    modelDownloads: ['hf download mistralai/Mistral-7B-Instruct-v0.3', 'curl acme/support-lora'],
    buildSteps: ['download-model'],
    command: ['--model-id', '/weights', '--port', '8080'],
  });
  assert.deepEqual(findAsset(out, 'secret', 'env:OPENAI_API_KEY').attrs, { envVar: 'OPENAI_API_KEY', hasValue: true, provider: 'openai', valueMasked: 'sk-p…(49)', definedIn: ['serve/Dockerfile'], literalIn: ['dockerfile'] });
  assert.equal(findAsset(out, 'secret', 'env:OPENAI_API_KEY').evidence?.[0]?.line, 9);
  assert.deepEqual(edgeStrings(out), [
    'workload:dockerfile:serve/Dockerfile -authenticates-with-> secret:env:HF_TOKEN',
    'workload:dockerfile:serve/Dockerfile -authenticates-with-> secret:env:OPENAI_API_KEY',
    'workload:dockerfile:serve/Dockerfile -calls-service-> ai-service:huggingface',
    'workload:dockerfile:serve/Dockerfile -calls-service-> ai-service:openai',
    'workload:dockerfile:serve/Dockerfile -depends-on-> library:pypi:huggingface-hub@*',
    'workload:dockerfile:serve/Dockerfile -uses-model-> model:huggingface/acme/support-lora',
    'workload:dockerfile:serve/Dockerfile -uses-model-> model:huggingface/mistralai/Mistral-7B-Instruct-v0.3',
  ]);
  const text = JSON.stringify(out);
  assert.ok(!text.includes('FixtureKeyNotReal') && !text.includes('FixtureTokenNotReal'), 'no credential leaves unmasked');
});

test('Containerfile on a Jupyter image with AI packages; a plain web image is not AI; no FROM is a warning', async () => {
  const out = await run('notebook/Containerfile', 'web/Dockerfile', 'broken/Dockerfile');
  assert.deepEqual(keysOf(out, 'workload'), ['dockerfile:notebook/Containerfile']);
  const nb = findAsset(out, 'workload', 'dockerfile:notebook/Containerfile');
  assert.deepEqual([nb.attrs?.products, nb.attrs?.runsAsRoot, nb.attrs?.aiPackages], [['Jupyter'], false, ['langchain==0.3.3', 'openai', 'chromadb']]);
  assert.deepEqual(keysOf(out, 'library'), ['pypi:chromadb@*', 'pypi:langchain@0.3.3', 'pypi:openai@*']);
  assert.deepEqual(findAsset(out, 'library', 'pypi:langchain@0.3.3').attrs, { ecosystem: 'pypi', package: 'langchain', version: '0.3.3', category: 'framework', product: 'LangChain', purl: 'pkg:pypi/langchain@0.3.3' });
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line, w.message]), [['broken/Dockerfile', 1, 'Dockerfile has no FROM instruction']]);
});
