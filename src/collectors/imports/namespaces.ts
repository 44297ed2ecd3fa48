// Java packages and C# namespaces are not package names: this table maps the prefixes AI libraries
// use to the catalogue's package names (and, for framework integrations, to the provider they reach).
// The longest matching prefix wins.

import type { Ecosystem } from '../catalogue.js';

export interface NamespaceRow {
  prefix: string;
  /** Catalogue package name in `ecosystem`. */
  pkg: string;
  /** Provider reached through a framework integration module (LangChain4j, Spring AI, Semantic Kernel). */
  provider?: string;
}

const java = (prefix: string, pkg: string, provider?: string): NamespaceRow => ({ prefix, pkg, ...(provider ? { provider } : {}) });

export const JAVA_PACKAGES: NamespaceRow[] = [
  java('com.openai.', 'com.openai:openai-java'),
  java('com.theokanning.openai.', 'com.theokanning.openai-gpt3-java:service'),
  java('com.anthropic.', 'com.anthropic:anthropic-java'),
  java('com.azure.ai.openai', 'com.azure:azure-ai-openai'),
  java('com.google.cloud.vertexai', 'com.google.cloud:google-cloud-vertexai'),
  java('com.google.genai', 'com.google.genai:google-genai'),
  java('software.amazon.awssdk.services.bedrockruntime', 'software.amazon.awssdk:bedrockruntime'),
  java('software.amazon.awssdk.services.bedrock.', 'software.amazon.awssdk:bedrock'),
  java('dev.langchain4j.', 'dev.langchain4j:langchain4j'),
  java('dev.langchain4j.model.openai.', 'dev.langchain4j:langchain4j-open-ai', 'openai'),
  java('dev.langchain4j.model.azure.', 'dev.langchain4j:langchain4j-azure-open-ai', 'azure-openai'),
  java('dev.langchain4j.model.anthropic.', 'dev.langchain4j:langchain4j-anthropic', 'anthropic'),
  java('dev.langchain4j.model.ollama.', 'dev.langchain4j:langchain4j-ollama', 'ollama'),
  java('dev.langchain4j.model.mistralai.', 'dev.langchain4j:langchain4j-mistral-ai', 'mistral'),
  java('dev.langchain4j.model.bedrock.', 'dev.langchain4j:langchain4j-bedrock', 'aws-bedrock'),
  java('dev.langchain4j.model.vertexai.', 'dev.langchain4j:langchain4j-vertex-ai', 'google-vertex-ai'),
  java('dev.langchain4j.model.googleai.', 'dev.langchain4j:langchain4j-google-ai-gemini', 'google-gemini'),
  java('org.springframework.ai.', 'org.springframework.ai:spring-ai-core'),
  java('org.springframework.ai.openai.', 'org.springframework.ai:spring-ai-openai', 'openai'),
  java('org.springframework.ai.azure.openai.', 'org.springframework.ai:spring-ai-azure-openai', 'azure-openai'),
  java('org.springframework.ai.anthropic.', 'org.springframework.ai:spring-ai-anthropic', 'anthropic'),
  java('org.springframework.ai.ollama.', 'org.springframework.ai:spring-ai-ollama', 'ollama'),
  java('org.springframework.ai.bedrock.', 'org.springframework.ai:spring-ai-bedrock', 'aws-bedrock'),
  java('org.springframework.ai.vertexai.', 'org.springframework.ai:spring-ai-vertex-ai-gemini', 'google-vertex-ai'),
  java('com.microsoft.semantickernel.', 'com.microsoft.semantic-kernel:semantickernel-api'),
  java('io.modelcontextprotocol.', 'io.modelcontextprotocol.sdk:mcp'),
  java('io.qdrant.client', 'io.qdrant:client'),
  java('io.pinecone.', 'io.pinecone:pinecone-client'),
  java('io.milvus.', 'io.milvus:milvus-sdk-java'),
  java('ai.djl.', 'ai.djl:api'),
  java('ai.onnxruntime.', 'com.microsoft.onnxruntime:onnxruntime'),
];

/** C# namespaces match whole segments: `OpenAI` and `OpenAI.Chat`, never `OpenAIHelpers`. */
export const CSHARP_NAMESPACES: NamespaceRow[] = [
  java('OpenAI', 'OpenAI'),
  java('Azure.AI.OpenAI', 'Azure.AI.OpenAI'),
  java('Anthropic', 'Anthropic'),
  java('Anthropic.SDK', 'Anthropic.SDK'),
  java('Google.Cloud.AIPlatform.V1', 'Google.Cloud.AIPlatform.V1'),
  java('Google.GenAI', 'Google.GenAI'),
  java('Amazon.BedrockRuntime', 'AWSSDK.BedrockRuntime'),
  java('Mistral.SDK', 'Mistral.SDK'),
  java('OllamaSharp', 'OllamaSharp'),
  java('Microsoft.SemanticKernel', 'Microsoft.SemanticKernel'),
  java('Microsoft.SemanticKernel.Connectors.OpenAI', 'Microsoft.SemanticKernel.Connectors.OpenAI', 'openai'),
  java('Microsoft.SemanticKernel.Connectors.AzureOpenAI', 'Microsoft.SemanticKernel.Connectors.AzureOpenAI', 'azure-openai'),
  java('Microsoft.SemanticKernel.Connectors.Ollama', 'Microsoft.SemanticKernel.Connectors.Ollama', 'ollama'),
  java('Microsoft.Extensions.AI', 'Microsoft.Extensions.AI'),
  java('ModelContextProtocol', 'ModelContextProtocol'),
  java('Qdrant.Client', 'Qdrant.Client'),
  java('Pinecone', 'Pinecone.Client'),
  java('Microsoft.ML', 'Microsoft.ML'),
];

export const NAMESPACE_TABLES: Partial<Record<Ecosystem, { rows: NamespaceRow[]; segmentSeparator?: string }>> = {
  maven: { rows: JAVA_PACKAGES },
  nuget: { rows: CSHARP_NAMESPACES, segmentSeparator: '.' },
};

/** The row whose prefix is the longest match for an imported name. */
export function matchNamespace(eco: Ecosystem, name: string): NamespaceRow | undefined {
  const table = NAMESPACE_TABLES[eco];
  if (!table) return undefined;
  let best: NamespaceRow | undefined;
  for (const row of table.rows) {
    const sep = table.segmentSeparator;
    const hit = sep ? name === row.prefix || name.startsWith(row.prefix + sep) : name.startsWith(row.prefix);
    if (hit && (!best || row.prefix.length > best.prefix.length)) best = row;
  }
  return best;
}
