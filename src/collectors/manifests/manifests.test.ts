import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifestsCollector } from './index.js';
import { assetsOf, collectFiles, collectText, edgeStrings, findAsset, keysOf, testdataDir } from './test-helpers.js';

const root = testdataDir(import.meta.url);
const run = (...files: string[]) => collectFiles(manifestsCollector, root, files);

test('wants manifests and lockfiles of every ecosystem, and nothing else', () => {
  const wanted = [
    'requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements.in', 'pyproject.toml', 'pipfile', 'pipfile.lock',
    'poetry.lock', 'uv.lock', 'setup.cfg', 'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml',
    'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'app.csproj', 'packages.config', 'directory.packages.props',
  ];
  for (const b of wanted) assert.equal(manifestsCollector.wants(b, b), true, b);
  for (const b of ['go.sum', 'readme.md', 'requirements.md', 'settings.gradle', 'tsconfig.json', 'main.py']) assert.equal(manifestsCollector.wants(b, b), false, b);
});

test('requirements.txt: pins, ranges, extras, markers, hashes, continuations, includes and editable eggs', async () => {
  const out = await run('requirements/requirements.txt');
  assert.deepEqual(keysOf(out, 'library'), [
    'pypi:chromadb@*',
    'pypi:langchain-openai@*',
    'pypi:openai@1.51.2',
    'pypi:qdrant-client@*',
    'pypi:transformers@*',
  ]);
  const openai = findAsset(out, 'library', 'pypi:openai@1.51.2');
  assert.deepEqual(openai.attrs, {
    ecosystem: 'pypi',
    package: 'openai',
    version: '1.51.2',
    versionSpec: '==1.51.2',
    category: 'provider-sdk',
    provider: 'openai',
    purl: 'pkg:pypi/openai@1.51.2',
    direct: true,
  });
  assert.equal(openai.provider, 'openai');
  assert.equal(openai.evidence?.[0]?.line, 5);
  assert.deepEqual(findAsset(out, 'library', 'pypi:transformers@*').attrs?.versionSpec, '~=4.44');
  assert.equal(findAsset(out, 'library', 'pypi:transformers@*').evidence?.[0]?.line, 8);
  assert.equal(findAsset(out, 'library', 'pypi:langchain-openai@*').attrs?.versionSpec, '>=0.2.0,<0.3');
  assert.equal(findAsset(out, 'ai-service', 'openai').name, 'OpenAI');

  const app = findAsset(out, 'application', 'requirements');
  assert.equal(app.name, 'requirements', 'requirements files declare no project name: the folder names it');
  assert.deepEqual(app.attrs, {
    manifests: ['requirements/requirements.txt'],
    ecosystems: ['pypi'],
    hashPinned: true,
    includes: ['requirements-base.txt'],
    constraints: ['constraints.txt'],
    indexUrls: ['https://build:****@pypi.internal.example/simple'],
  });
  assert.ok(!JSON.stringify(out).includes('s3cr3tPassw0rd'), 'index credentials are masked');
  assert.ok(edgeStrings(out).includes('application:requirements -depends-on-> library:pypi:openai@1.51.2'));
  assert.deepEqual(out.warnings.map((w) => [w.file, w.line]), [['requirements/requirements.txt', 12]]);
  assert.match(out.warnings[0]!.message, /cannot parse requirement/);
});

test('Poetry pyproject takes exact versions from poetry.lock; the lockfile learns directness from pyproject', async () => {
  const out = await run('poetry/pyproject.toml', 'poetry/poetry.lock');
  assert.deepEqual(keysOf(out, 'library'), ['pypi:anthropic@0.34.2', 'pypi:langchain-core@0.3.5', 'pypi:openai@1.40.0', 'pypi:tiktoken@0.7.0']);
  const fromManifest = out.assets.find((a) => a.key === 'pypi:anthropic@0.34.2' && a.evidence?.[0]?.file === 'poetry/pyproject.toml')!;
  assert.deepEqual(fromManifest.attrs, {
    ecosystem: 'pypi',
    package: 'anthropic',
    version: '0.34.2',
    versionSpec: '^0.34.0',
    category: 'provider-sdk',
    provider: 'anthropic',
    purl: 'pkg:pypi/anthropic@0.34.2',
    dev: false,
    direct: true,
    lockfile: 'poetry/poetry.lock',
  });
  const devOpenai = out.assets.find((a) => a.key === 'pypi:openai@1.40.0' && a.evidence?.[0]?.file === 'poetry/pyproject.toml')!;
  assert.equal(devOpenai.attrs?.dev, true, 'group.dev dependencies are dev');
  const tiktoken = findAsset(out, 'library', 'pypi:tiktoken@0.7.0');
  assert.equal(tiktoken.attrs?.direct, false, 'only in the lockfile: transitive');
  assert.equal(tiktoken.attrs?.dev, false);
  assert.equal(tiktoken.evidence?.[0]?.line, 36);
  const apps = assetsOf(out, 'application');
  assert.deepEqual(apps.map((a) => [a.key, a.name]), [['poetry', 'eval-harness'], ['poetry', 'eval-harness']], 'the lockfile takes the name pyproject declares');
  assert.deepEqual(keysOf(out, 'ai-service'), ['anthropic', 'openai']);
});

test('PEP 621 pyproject with optional and dependency groups, resolved through uv.lock', async () => {
  const out = await run('uv/pyproject.toml', 'uv/uv.lock');
  assert.deepEqual(keysOf(out, 'library'), ['pypi:llama-index-core@0.11.14', 'pypi:mlflow@2.16.2', 'pypi:openai@1.50.0', 'pypi:qdrant-client@1.11.3', 'pypi:torch@2.4.1']);
  const qdrant = out.assets.find((a) => a.key === 'pypi:qdrant-client@1.11.3' && a.evidence?.[0]?.file === 'uv/pyproject.toml')!;
  assert.equal(qdrant.attrs?.versionSpec, '>=1.11,<2');
  assert.equal(qdrant.attrs?.product, 'Qdrant');
  assert.equal(qdrant.attrs?.category, 'vector-store');
  assert.equal(findAsset(out, 'library', 'pypi:mlflow@2.16.2').attrs?.dev, true);
  const transitive = findAsset(out, 'library', 'pypi:openai@1.50.0');
  assert.equal(transitive.attrs?.direct, false);
  assert.equal(assetsOf(out, 'application')[0]!.name, 'rag-api');
});

test('Pipfile and Pipfile.lock', async () => {
  const out = await run('pipenv/Pipfile', 'pipenv/Pipfile.lock');
  assert.deepEqual(keysOf(out, 'library'), ['pypi:cohere@5.9.4', 'pypi:google-generativeai@0.8.3', 'pypi:pinecone-client@5.0.1']);
  const pinecone = out.assets.filter((a) => a.key === 'pypi:pinecone-client@5.0.1');
  assert.deepEqual(
    pinecone.map((a) => [a.evidence?.[0]?.file, a.attrs?.versionSpec, a.attrs?.dev, a.attrs?.direct]),
    [
      ['pipenv/Pipfile', '>=3.0', true, true],
      ['pipenv/Pipfile.lock', undefined, true, true],
    ],
  );
  assert.deepEqual(keysOf(out, 'ai-service'), ['cohere', 'google-gemini']);
});

test('setup.cfg install_requires and extras_require', async () => {
  const out = await run('setupcfg/setup.cfg');
  assert.deepEqual(keysOf(out, 'library'), ['pypi:faiss-cpu@1.8.0', 'pypi:openai@*', 'pypi:sentence-transformers@*']);
  assert.equal(findAsset(out, 'library', 'pypi:openai@*').attrs?.dev, true);
  assert.equal(findAsset(out, 'library', 'pypi:faiss-cpu@1.8.0').evidence?.[0]?.line, 9);
  assert.equal(assetsOf(out, 'application')[0]!.name, 'acme-embeddings');
  assert.deepEqual(out.warnings.map((w) => w.line), [11]);
});

test('package.json ranges resolve through package-lock.json v3, including npm aliases and nested copies', async () => {
  const out = await run('npm/package.json', 'npm/package-lock.json');
  assert.deepEqual(keysOf(out, 'library'), [
    'npm:@anthropic-ai/sdk@0.27.3',
    'npm:@huggingface/transformers@*',
    'npm:@langchain/core@0.3.1',
    'npm:@langchain/langgraph@0.2.8',
    'npm:@langchain/openai@0.3.2',
    'npm:ai@3.4.9',
    'npm:openai@4.67.1',
  ]);
  const sdk = out.assets.find((a) => a.key === 'npm:@anthropic-ai/sdk@0.27.3' && a.evidence?.[0]?.file === 'npm/package.json')!;
  assert.deepEqual(sdk.attrs, {
    ecosystem: 'npm',
    package: '@anthropic-ai/sdk',
    version: '0.27.3',
    versionSpec: '^0.27.0',
    category: 'provider-sdk',
    provider: 'anthropic',
    purl: 'pkg:npm/%40anthropic-ai/sdk@0.27.3',
    dev: false,
    direct: true,
    lockfile: 'npm/package-lock.json',
  });
  assert.equal(sdk.evidence?.[0]?.line, 6);
  const alias = out.assets.find((a) => a.key === 'npm:@langchain/openai@0.3.2' && a.evidence?.[0]?.file === 'npm/package-lock.json')!;
  assert.equal(alias.attrs?.direct, true, 'installed under the alias `llm`, declared by the root');
  const nested = findAsset(out, 'library', 'npm:@langchain/core@0.3.1');
  assert.deepEqual([nested.attrs?.dev, nested.attrs?.direct], [true, false]);
  assert.deepEqual([findAsset(out, 'library', 'npm:openai@4.67.1').attrs?.direct, findAsset(out, 'library', 'npm:openai@4.67.1').attrs?.dev], [false, false]);
  assert.equal(findAsset(out, 'library', 'npm:@langchain/langgraph@0.2.8').attrs?.dev, true);
  assert.deepEqual(assetsOf(out, 'application').map((a) => a.name), ['@acme/chat-ui', '@acme/chat-ui']);
  assert.ok(edgeStrings(out).includes('application:npm -depends-on-> library:npm:@langchain/openai@0.3.2'));
  assert.deepEqual(keysOf(out, 'ai-service'), ['anthropic', 'openai']);
});

test('package-lock.json v1 keeps nested copies at their own line', async () => {
  const out = await run('npm-v1/package-lock.json');
  assert.deepEqual(keysOf(out, 'library'), ['npm:@pinecone-database/pinecone@1.1.2', 'npm:langchain@0.0.200', 'npm:openai@3.3.0', 'npm:openai@4.20.0']);
  assert.equal(findAsset(out, 'library', 'npm:openai@4.20.0').evidence?.[0]?.line, 20);
  assert.equal(findAsset(out, 'library', 'npm:@pinecone-database/pinecone@1.1.2').attrs?.dev, true);
  assert.equal(assetsOf(out, 'application')[0]!.name, 'legacy-bot');
});

test('yarn.lock v1 and Berry', async () => {
  const out = await run('yarn-v1/yarn.lock', 'yarn-berry/yarn.lock');
  assert.deepEqual(keysOf(out, 'library'), ['npm:@google/generative-ai@0.21.0', 'npm:@mistralai/mistralai@1.1.0', 'npm:chromadb@1.9.2', 'npm:openai@4.52.7']);
  assert.equal(assetsOf(out, 'library').filter((a) => a.key === 'npm:openai@4.52.7').length, 1, 'two ranges, one version');
  assert.equal(findAsset(out, 'library', 'npm:@mistralai/mistralai@1.1.0').attrs?.purl, 'pkg:npm/%40mistralai/mistralai@1.1.0');
  assert.equal(findAsset(out, 'library', 'npm:@google/generative-ai@0.21.0').evidence?.[0]?.line, 5);
});

test('pnpm-lock.yaml v6 and v5 package keys', async () => {
  const v6 = "lockfileVersion: '6.0'\ndependencies:\n  openai:\n    specifier: ^4.0.0\n    version: 4.28.0\npackages:\n  /openai@4.28.0:\n    dev: false\n  /@langchain/core@0.1.5(openai@4.28.0):\n    dev: false\n";
  const out6 = await collectText(manifestsCollector, 'web/pnpm-lock.yaml', v6);
  assert.deepEqual(keysOf(out6, 'library'), ['npm:@langchain/core@0.1.5', 'npm:openai@4.28.0']);
  assert.deepEqual(findAsset(out6, 'library', 'npm:openai@4.28.0').attrs?.direct, true);
  const v5 = "lockfileVersion: 5.4\nspecifiers:\n  cohere-ai: ^7.0.0\ndependencies:\n  cohere-ai: 7.9.5\npackages:\n  /cohere-ai/7.9.5:\n    dev: false\n  /@ai-sdk/provider/0.0.10_zod@3.22.4:\n    dev: false\n";
  const out5 = await collectText(manifestsCollector, 'web/pnpm-lock.yaml', v5);
  assert.deepEqual(keysOf(out5, 'library'), ['npm:@ai-sdk/provider@0.0.10', 'npm:cohere-ai@7.9.5']);
  assert.equal(findAsset(out5, 'library', 'npm:cohere-ai@7.9.5').evidence?.[0]?.line, 5);
});

test('pnpm-lock.yaml v9 importers and packages', async () => {
  const out = await run('pnpm/pnpm-lock.yaml');
  assert.deepEqual(keysOf(out, 'library'), ['npm:@ai-sdk/openai@0.0.66', 'npm:@ai-sdk/provider@0.0.24', 'npm:@qdrant/js-client-rest@1.11.0']);
  assert.deepEqual(findAsset(out, 'library', 'npm:@qdrant/js-client-rest@1.11.0').attrs?.dev, true);
  assert.deepEqual(findAsset(out, 'library', 'npm:@ai-sdk/provider@0.0.24').attrs?.direct, false);
  assert.equal(findAsset(out, 'library', 'npm:@ai-sdk/openai@0.0.66').provider, 'openai');
});

test('go.mod require lines and blocks, indirect marked', async () => {
  const out = await run('go/go.mod');
  assert.deepEqual(keysOf(out, 'library'), [
    'go:github.com/anthropics/anthropic-sdk-go@v0.2.0-alpha.4',
    'go:github.com/sashabaranov/go-openai@v1.32.0',
    'go:github.com/tmc/langchaingo@v0.1.12',
  ]);
  const goOpenai = findAsset(out, 'library', 'go:github.com/sashabaranov/go-openai@v1.32.0');
  assert.equal(goOpenai.attrs?.purl, 'pkg:golang/github.com/sashabaranov/go-openai@v1.32.0');
  assert.equal(goOpenai.evidence?.[0]?.line, 8);
  assert.equal(findAsset(out, 'library', 'go:github.com/tmc/langchaingo@v0.1.12').attrs?.direct, false);
  assert.equal(assetsOf(out, 'application')[0]!.name, 'github.com/acme/router');
  assert.deepEqual(out.warnings, []);
});

test('pom.xml: properties resolved, dependencyManagement versions used and noted, test scope is dev', async () => {
  const out = await run('maven/pom.xml');
  assert.deepEqual(keysOf(out, 'library'), [
    'maven:com.azure:azure-ai-openai@1.0.0-beta.11',
    'maven:dev.langchain4j:langchain4j-open-ai@0.35.0',
    'maven:io.qdrant:client@1.11.0',
    'maven:org.springframework.ai:spring-ai-openai-spring-boot-starter@*',
  ]);
  const lc4j = findAsset(out, 'library', 'maven:dev.langchain4j:langchain4j-open-ai@0.35.0');
  assert.deepEqual([lc4j.attrs?.versionSpec, lc4j.attrs?.purl, lc4j.attrs?.product], ['${langchain4j.version}', 'pkg:maven/dev.langchain4j/langchain4j-open-ai@0.35.0', 'LangChain4j']);
  const azure = findAsset(out, 'library', 'maven:com.azure:azure-ai-openai@1.0.0-beta.11');
  assert.equal(azure.evidence?.[0]?.line, 40, 'the declaration, not the dependencyManagement entry');
  assert.equal(findAsset(out, 'library', 'maven:io.qdrant:client@1.11.0').attrs?.dev, true);
  const app = assetsOf(out, 'application')[0]!;
  assert.equal(app.name, 'Claims Assistant');
  assert.deepEqual(app.attrs?.bomImports, ['org.springframework.ai:spring-ai-bom:1.0.0-M3']);
  assert.deepEqual(app.attrs?.dependencyManagement, ['org.springframework.ai:spring-ai-bom:1.0.0-M3', 'com.azure:azure-ai-openai:1.0.0-beta.11']);
  assert.deepEqual(keysOf(out, 'ai-service'), ['azure-openai']);
});

test('Gradle Groovy and Kotlin DSL: string and map notation, variables, platforms; catalog references counted', async () => {
  const out = await run('gradle/build.gradle', 'gradle-kts/build.gradle.kts');
  assert.deepEqual(keysOf(out, 'library'), [
    'maven:ai.djl:api@0.30.0',
    'maven:com.google.genai:google-genai@0.1.0',
    'maven:com.openai:openai-java@0.8.0',
    'maven:dev.langchain4j:langchain4j@*',
    'maven:io.milvus:milvus-sdk-java@2.4.4',
    'maven:org.springframework.ai:spring-ai-anthropic-spring-boot-starter@*',
    'maven:org.springframework.ai:spring-ai-bom@1.0.0-M3',
    'maven:software.amazon.awssdk:bedrockruntime@2.28.6',
  ]);
  assert.equal(findAsset(out, 'library', 'maven:io.milvus:milvus-sdk-java@2.4.4').attrs?.dev, true);
  assert.equal(findAsset(out, 'library', 'maven:dev.langchain4j:langchain4j@*').attrs?.versionSpec, '0.35.+');
  assert.equal(findAsset(out, 'library', 'maven:com.google.genai:google-genai@0.1.0').attrs?.versionSpec, '$genaiVersion');
  const groovyApp = findAsset(out, 'application', 'gradle');
  assert.deepEqual([groovyApp.attrs?.versionCatalogRefs, groovyApp.attrs?.bomImports], [1, ['org.springframework.ai:spring-ai-bom:1.0.0-M3']]);
  assert.deepEqual(keysOf(out, 'ai-service'), ['aws-bedrock', 'google-gemini', 'openai']);
});

test('.csproj PackageReference (attribute and child versions, ranges, PrivateAssets) and packages.config', async () => {
  const out = await run('dotnet/Acme.Copilot.csproj', 'dotnet-legacy/packages.config');
  assert.deepEqual(keysOf(out, 'library'), [
    'nuget:Azure.AI.OpenAI@2.0.0',
    'nuget:Microsoft.ML.OnnxRuntime@1.19.2',
    'nuget:Microsoft.ML@3.0.1',
    'nuget:Microsoft.SemanticKernel@1.21.1',
    'nuget:OllamaSharp@*',
    'nuget:OpenAI@1.11.0',
  ]);
  assert.equal(findAsset(out, 'library', 'nuget:Azure.AI.OpenAI@2.0.0').attrs?.purl, 'pkg:nuget/Azure.AI.OpenAI@2.0.0');
  assert.equal(findAsset(out, 'library', 'nuget:OllamaSharp@*').attrs?.versionSpec, '[3.0.0,4.0.0)');
  assert.equal(findAsset(out, 'library', 'nuget:Microsoft.ML.OnnxRuntime@1.19.2').attrs?.dev, true);
  assert.equal(findAsset(out, 'library', 'nuget:Microsoft.ML@3.0.1').attrs?.dev, true);
  assert.equal(findAsset(out, 'library', 'nuget:OpenAI@1.11.0').evidence?.[0]?.line, 4);
  assert.deepEqual(assetsOf(out, 'application').map((a) => a.name), ['Acme.Copilot.Api', 'dotnet-legacy']);
  assert.deepEqual(keysOf(out, 'ai-service'), ['azure-openai', 'ollama', 'openai']);
});

test('malformed files warn with the line and the scan goes on', async () => {
  const out = await run('malformed/package.json', 'malformed/pyproject.toml', 'malformed/pom.xml', 'malformed/go.mod', 'malformed/pnpm-lock.yaml');
  assert.deepEqual(
    out.warnings.map((w) => [w.file, w.line, w.collector]),
    [
      ['malformed/package.json', 5, 'manifests'],
      ['malformed/pyproject.toml', 5, 'manifests'],
      ['malformed/pom.xml', 5, 'manifests'],
      ['malformed/go.mod', 4, 'manifests'],
      ['malformed/pnpm-lock.yaml', 5, 'manifests'],
    ],
  );
  assert.deepEqual(keysOf(out, 'library'), []);
  assert.deepEqual(keysOf(out, 'application'), ['malformed']);
});

test('a root manifest is the application `.` and in-memory input works without sibling lookup', async () => {
  const out = await collectText(manifestsCollector, 'package.json', JSON.stringify({ name: 'root-app', dependencies: { openai: '^4.0.0', express: '4.19.2' } }, null, 2));
  assert.deepEqual(keysOf(out, 'application'), ['.']);
  assert.equal(out.assets[0]!.name, 'root-app');
  assert.deepEqual(keysOf(out, 'library'), ['npm:openai@*']);
  assert.deepEqual(edgeStrings(out), ['application:. -depends-on-> library:npm:openai@*']);
});
