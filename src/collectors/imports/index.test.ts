import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importsCollector, resolveImport } from './index.js';
import { importsOf } from './languages.js';
import { tokenize } from './tokenize.js';
import { assetLines, attrsOf, collectFixture, collectText, edgeLines, linesOf } from '../javascript/test-helpers.js';

const run = (name: string) => collectFixture(importsCollector, import.meta.url, name);

test('wants Go, Java, Kotlin and C# sources but not Go tests', () => {
  const wants = (rel: string) => importsCollector.wants(rel, rel.toLowerCase());
  assert.deepEqual(['main.go', 'main_test.go', 'A.java', 'A.kt', 'build.gradle.kts', 'A.cs', 'a.ts', 'go'].map(wants), [true, false, true, true, true, true, false, false]);
});

test('tokenizer: comments and strings of each dialect are separated from code', () => {
  const go = tokenize('import "a" // "b"\nvar s = `x\n"y"` /* "z" */', 'go');
  assert.deepEqual(go.strings.map((s) => [s.value, s.line]), [['a', 1], ['x\n"y"', 2]]);
  assert.equal(go.code.includes('b'), false);
  const cs = tokenize('var p = @"C:\\""q"""; var i = $"{a}"; char c = \'"\';', 'csharp');
  assert.deepEqual(cs.strings.map((s) => s.value), ['C:\\""q""', '{a}', '"']);
  const java = tokenize('String t = """\n  a "quoted" b\n  """; // import x.y;', 'java');
  assert.deepEqual(java.strings.map((s) => s.value.trim()), ['a "quoted" b']);
  assert.equal(java.code.includes('import'), false);
  assert.equal(tokenize('/* never ends', 'java').unterminated, 1);
});

test('imports of each language are read from code only, with their lines', () => {
  const names = (src: string, d: Parameters<typeof tokenize>[1]) => importsOf(d, tokenize(src, d), src.split('\n')).map((i) => `${i.line}:${i.name}`);
  assert.deepEqual(names('package x\nimport (\n  "fmt"\n  oa "github.com/openai/openai-go"\n  _ "embed"\n)\nimport "os"\n', 'go'), ['3:fmt', '4:github.com/openai/openai-go', '5:embed', '7:os']);
  assert.deepEqual(names('import static com.openai.A.b;\nimport dev.langchain4j.*;\n// import com.anthropic.X;\n', 'java'), ['1:com.openai.A.b', '2:dev.langchain4j.*']);
  assert.deepEqual(names('global using OpenAI;\nusing Chat = OpenAI.Chat;\nusing static System.Math;\nusing (var x = y) {}\n', 'csharp'), ['1:OpenAI', '2:OpenAI.Chat', '3:System.Math']);
});

test('namespace table: Java packages and C# namespaces lead to catalogue entries and providers', () => {
  const p = (eco: Parameters<typeof resolveImport>[0], name: string) => resolveImport(eco, name)?.provider ?? resolveImport(eco, name)?.entry.product;
  assert.equal(p('maven', 'com.openai.client.OpenAIClient'), 'openai');
  assert.equal(p('maven', 'dev.langchain4j.model.anthropic.AnthropicChatModel'), 'anthropic');
  assert.equal(p('maven', 'dev.langchain4j.data.segment.TextSegment'), 'LangChain4j');
  assert.equal(p('maven', 'software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient'), 'aws-bedrock');
  assert.equal(p('maven', 'com.azure.ai.openai.OpenAIClientBuilder'), 'azure-openai');
  assert.equal(p('maven', 'com.google.cloud.vertexai.VertexAI'), 'google-vertex-ai');
  assert.equal(p('maven', 'org.springframework.ai.chat.client.ChatClient'), 'Spring AI');
  assert.equal(p('nuget', 'Azure.AI.OpenAI'), 'azure-openai');
  assert.equal(p('nuget', 'OpenAI.Chat'), 'openai');
  assert.equal(p('nuget', 'OpenAIHelpers'), undefined);
  assert.equal(p('nuget', 'Anthropic.SDK.Messaging'), 'anthropic');
  assert.equal(p('nuget', 'Microsoft.SemanticKernel.Connectors.OpenAI'), 'openai');
  assert.equal(p('nuget', 'Microsoft.SemanticKernel'), 'Semantic Kernel');
  assert.equal(p('go', 'github.com/aws/aws-sdk-go-v2/service/bedrockruntime/types'), 'aws-bedrock');
  assert.equal(p('go', 'github.com/aws/aws-sdk-go-v2/config'), undefined);
});

test('Go: Bedrock and go-openai imports, a Bedrock model id in a const, comments and raw strings ignored', async () => {
  const out = await run('bedrock.go');
  assert.deepEqual(assetLines(out), [
    'ai-service aws-bedrock',
    'ai-service openai',
    'model aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    'model openai/gpt-4o-mini',
    'secret env:OPENAI_API_KEY',
  ]);
  assert.deepEqual(edgeLines(out), [
    'ai-service:aws-bedrock -serves-> model:aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o-mini',
  ]);
  assert.deepEqual(linesOf(out, 'ai-service', 'aws-bedrock'), [10, 11]);
  assert.deepEqual(linesOf(out, 'ai-service', 'openai'), [12]);
  assert.deepEqual(linesOf(out, 'model', 'aws-bedrock/anthropic.claude-3-haiku-20240307-v1:0'), [16]);
  assert.equal(out.assets.find((a) => a.kind === 'ai-service' && a.key === 'openai')?.evidence?.[0]?.snippet, 'openai "github.com/sashabaranov/go-openai"');
  assert.deepEqual(attrsOf(out, 'model', 'openai/gpt-4o-mini'), { modelId: 'gpt-4o-mini', task: 'chat' });
});

test('Java: LangChain4j OpenAI module and the Anthropic SDK; text blocks and commented imports ignored', async () => {
  const out = await run('Summarizer.java');
  assert.deepEqual(assetLines(out), [
    'ai-service anthropic',
    'ai-service openai',
    'model anthropic/claude-3-5-sonnet-20241022',
    'model openai/gpt-4o-mini',
    'secret env:ANTHROPIC_API_KEY',
    'secret env:OPENAI_API_KEY',
  ]);
  assert.deepEqual(edgeLines(out), [
    'ai-service:anthropic -authenticates-with-> secret:env:ANTHROPIC_API_KEY',
    'ai-service:anthropic -serves-> model:anthropic/claude-3-5-sonnet-20241022',
    'ai-service:openai -authenticates-with-> secret:env:OPENAI_API_KEY',
    'ai-service:openai -serves-> model:openai/gpt-4o-mini',
  ]);
  assert.deepEqual(linesOf(out, 'ai-service', 'openai'), [3]);
});

test('Kotlin: import aliases, the OpenAI SDK and Spring AI Ollama module serve their own model ids', async () => {
  const out = await run('Assistant.kt');
  assert.deepEqual(assetLines(out), ['ai-service ollama', 'ai-service openai', 'model ollama/llama3.2:3b', 'model openai/o3-mini']);
  assert.deepEqual(edgeLines(out), ['ai-service:ollama -serves-> model:ollama/llama3.2:3b', 'ai-service:openai -serves-> model:openai/o3-mini']);
  assert.deepEqual(linesOf(out, 'ai-service', 'ollama'), [5]);
});

test('C#: Azure.AI.OpenAI (with the OpenAI types it builds on) serves the deployment model', async () => {
  const out = await run('Triage.cs');
  assert.deepEqual(assetLines(out), ['ai-service azure-openai', 'model azure-openai/gpt-4o', 'secret env:AZURE_OPENAI_API_KEY']);
  assert.deepEqual(edgeLines(out), [
    'ai-service:azure-openai -authenticates-with-> secret:env:AZURE_OPENAI_API_KEY',
    'ai-service:azure-openai -serves-> model:azure-openai/gpt-4o',
  ]);
  assert.deepEqual(linesOf(out, 'ai-service', 'azure-openai'), [4]);
  assert.deepEqual(out.warnings, []);
});

test('files without AI imports report nothing; an unterminated comment warns and keeps earlier imports', async () => {
  assert.deepEqual(await run('plain.go'), { assets: [], edges: [], appFacts: [], warnings: [] });
  const out = await run('unterminated.java');
  assert.deepEqual(assetLines(out), ['ai-service openai']);
  assert.deepEqual(
    out.warnings.map((w) => [w.line, w.collector]),
    [[3, 'imports']],
  );
  const empty = await collectText(importsCollector, 'Empty.cs', '');
  assert.deepEqual(empty.assets, []);
});

test('paths are not models: import paths and org/name strings without a provider prefix are skipped', async () => {
  const src = [
    'package main',
    '',
    'import (',
    '\t"encoding/json"',
    '\t"github.com/openai/openai-go"',
    ')',
    '',
    'var report = "reports/daily"',
    'var viaRouter = "openai/gpt-4.1"',
    'var hub = "meta-llama/Llama-3.1-8B-Instruct"',
  ].join('\n');
  const out = await collectText(importsCollector, 'cmd/main.go', src);
  assert.deepEqual(assetLines(out), ['ai-service openai', 'model openai/gpt-4.1']);
  assert.deepEqual(linesOf(out, 'model', 'openai/gpt-4.1'), [9]);
});
