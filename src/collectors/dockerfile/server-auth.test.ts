import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseContainer, unpinnedModels } from './container.js';
import { flagValues, serverAttrs } from './server-auth.js';

const facts = (image: string, argv: string[] = [], env: Record<string, string> = {}) =>
  analyseContainer({ image, args: argv, env: Object.entries(env).map(([name, value]) => ({ name, value })) }).server;

test('flag values: `--a b`, `--a=b`, quoted empty values and bare flags', () => {
  const f = flagValues(['--host', '0.0.0.0', "--ServerApp.token=''", '--api-key=k', '--head', '--port', '8000']);
  assert.deepEqual([...f], [['--host', '0.0.0.0'], ['--ServerApp.token', ''], ['--api-key', 'k'], ['--head', ''], ['--port', '8000']]);
});

test('model servers: an API key by flag or env, none otherwise; Ollama and Triton have none of their own', () => {
  assert.deepEqual(facts('vllm/vllm-openai:v0.6.3', ['--model', 'x/y', '--api-key', 'abc123456']), { auth: 'configured', via: 'arg:--api-key' });
  assert.deepEqual(facts('vllm/vllm-openai:v0.6.3', ['--model', 'x/y'], { VLLM_API_KEY: 'abc123456' }), { auth: 'configured', via: 'env:VLLM_API_KEY' });
  assert.deepEqual(facts('vllm/vllm-openai:v0.6.3', ['--model', 'x/y', '--host', '0.0.0.0']), { auth: 'none', fromMissingEnv: true, listensOnAllInterfaces: true });
  assert.deepEqual(facts('ollama/ollama:0.3.12', [], { OLLAMA_HOST: '0.0.0.0:11434' }), { auth: 'none', listensOnAllInterfaces: true });
  assert.deepEqual(facts('ollama/ollama:0.3.12', [], { OLLAMA_HOST: '127.0.0.1' }), { auth: 'none', listensOnAllInterfaces: false });
  assert.deepEqual(facts('nvcr.io/nvidia/tritonserver:24.08-py3', ['--model-repository=s3://b/r']), { auth: 'none' });
  assert.deepEqual(facts('pytorch/torchserve:0.12.0', ['--disable-token-auth']), { auth: 'disabled', via: 'arg:--disable-token-auth' });
  // a shell wrapper carries the command line in one argument
  assert.deepEqual(facts('vllm/vllm-openai:v0.6.3', ['sh', '-c', 'vllm serve x/y --api-key $(cat /run/key)']).auth, 'configured');
});

test('notebooks, MLflow, Ray, LiteLLM and vector databases', () => {
  assert.deepEqual(facts('quay.io/jupyter/base-notebook:2024-10-07', ['start-notebook.py', "--ServerApp.token=''", '--ServerApp.ip=0.0.0.0']), { auth: 'disabled', via: 'arg:--ServerApp.token', listensOnAllInterfaces: true });
  assert.deepEqual(facts('quay.io/jupyter/base-notebook:2024-10-07', ["--ServerApp.token=''", '--ServerApp.password=argon2:$argon2id$v=19$m=10240'], {}).auth, 'configured');
  assert.equal(facts('jupyter/scipy-notebook:2023-10-20', [], { JUPYTER_TOKEN: '' }).auth, 'disabled');
  assert.deepEqual(facts('jupyter/scipy-notebook:2023-10-20'), { auth: 'configured', via: 'default-token' });
  assert.deepEqual(facts('ghcr.io/mlflow/mlflow:v2.16.2', ['mlflow', 'server', '--host', '0.0.0.0']), { auth: 'none', listensOnAllInterfaces: true });
  assert.deepEqual(facts('ghcr.io/mlflow/mlflow:v2.16.2', ['mlflow', 'server', '--app-name', 'basic-auth']), { auth: 'configured', via: 'arg:--app-name basic-auth' });
  assert.deepEqual(facts('python:3.11', ['mlflow', 'server', '--host', '0.0.0.0']).auth, 'none'); // MLflow by its command
  assert.deepEqual(facts('rayproject/ray:2.9.0', ['ray', 'start', '--head', '--dashboard-host=0.0.0.0']), { auth: 'none', dashboardHost: '0.0.0.0', listensOnAllInterfaces: true });
  assert.deepEqual(facts('ghcr.io/berriai/litellm:main-v1.50.0', ['--port', '4000']), { auth: 'none', fromMissingEnv: true });
  assert.deepEqual(facts('ghcr.io/berriai/litellm:main-v1.50.0', ['--config', '/app/config.yaml']), {}); // the key may be in the config file
  assert.deepEqual(facts('ghcr.io/berriai/litellm:main-v1.50.0', [], { LITELLM_MASTER_KEY: 'sk-1234567890' }), { auth: 'configured', via: 'env:LITELLM_MASTER_KEY' });
  assert.deepEqual(facts('qdrant/qdrant:v1.12.4'), { auth: 'none', fromMissingEnv: true });
  assert.deepEqual(facts('qdrant/qdrant:v1.12.4', [], { QDRANT__SERVICE__API_KEY: 'q-123456789' }), { auth: 'configured', via: 'env:QDRANT__SERVICE__API_KEY' });
  assert.deepEqual(facts('semitechnologies/weaviate:1.26.1', [], { AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: 'true' }), { auth: 'disabled', via: 'env:AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED' });
  assert.deepEqual(facts('chromadb/chroma:0.5.5'), { auth: 'none', fromMissingEnv: true });
  assert.deepEqual(facts('pgvector/pgvector:pg16', [], { POSTGRES_HOST_AUTH_METHOD: 'trust' }).auth, 'disabled');
  // products this table does not know stay unknown
  assert.deepEqual(facts('nginx:1.27'), {});
  assert.deepEqual(facts('seldonio/mlserver:1.6.0'), {});
});

test('a Hub model is pinned only by a commit-hash revision', () => {
  const c = (args: string[], env: Record<string, string> = {}) => unpinnedModels(analyseContainer({ image: 'vllm/vllm-openai:v0.6.3', args, env: Object.entries(env).map(([name, value]) => ({ name, value })) }));
  assert.deepEqual(c(['--model', 'meta-llama/Llama-3.1-8B-Instruct']), ['meta-llama/Llama-3.1-8B-Instruct']);
  assert.deepEqual(c(['--model', 'meta-llama/Llama-3.1-8B-Instruct', '--revision', 'main']), ['meta-llama/Llama-3.1-8B-Instruct']);
  assert.deepEqual(c(['--model', 'meta-llama/Llama-3.1-8B-Instruct', '--revision=0e9e39f249a16976918f6564b8830bc894c89659']), []);
  const tgi = analyseContainer({ image: 'ghcr.io/huggingface/text-generation-inference:2.4.1', env: [{ name: 'MODEL_ID', value: 'mistralai/Mistral-7B-Instruct-v0.3' }, { name: 'REVISION', value: 'e0bc86c23ce5aae1db576c8cca6f06f1f73af2db' }] });
  assert.deepEqual([tgi.models[0]?.revision, unpinnedModels(tgi)], ['e0bc86c23ce5aae1db576c8cca6f06f1f73af2db', []]);
});

test('a key missing from the env is unknown when the container also reads variable files (envFrom, env_file)', () => {
  const none = facts('qdrant/qdrant:v1.12.4');
  assert.deepEqual(serverAttrs(none), { serverAuth: 'none' });
  assert.deepEqual(serverAttrs(none, true), {});
  // a server without authentication of its own stays `none` whatever files it reads
  assert.deepEqual(serverAttrs(facts('ollama/ollama:0.3.12'), true), { serverAuth: 'none' });
});
