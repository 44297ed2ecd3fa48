// Which packages and modules mean AI: provider SDKs, frameworks, vector stores and ML libraries, per
// ecosystem. Shared by the code collectors (imports) and the manifest collector (dependencies).
// Data only; matching helpers at the bottom.

export type Ecosystem = 'pypi' | 'npm' | 'go' | 'maven' | 'nuget';

export type PackageCategory =
  | 'provider-sdk' // talks to a hosted model API
  | 'framework' // LLM application / agent framework
  | 'vector-store' // vector database client or library
  | 'ml-library' // training / inference / model hub libraries
  | 'gateway'; // multi-provider routers (LiteLLM, OpenRouter clients)

export interface CatalogueEntry {
  /** Package name (pypi/npm/nuget), module path prefix (go) or `group:artifact` (maven). */
  name: string;
  category: PackageCategory;
  /** Provider id from model/providers.ts, for provider SDKs. */
  provider?: string;
  /** Framework or vector-store product name. */
  product?: string;
  /** Matches every package with this prefix (e.g. `@langchain/`). */
  prefix?: boolean;
}

const e = (name: string, category: PackageCategory, extra: Partial<CatalogueEntry> = {}): CatalogueEntry => ({ name, category, ...extra });

export const CATALOGUE: Record<Ecosystem, CatalogueEntry[]> = {
  pypi: [
    e('openai', 'provider-sdk', { provider: 'openai' }),
    e('anthropic', 'provider-sdk', { provider: 'anthropic' }),
    e('google-generativeai', 'provider-sdk', { provider: 'google-gemini' }),
    e('google-genai', 'provider-sdk', { provider: 'google-gemini' }),
    e('google-cloud-aiplatform', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('vertexai', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('mistralai', 'provider-sdk', { provider: 'mistral' }),
    e('cohere', 'provider-sdk', { provider: 'cohere' }),
    e('groq', 'provider-sdk', { provider: 'groq' }),
    e('huggingface-hub', 'ml-library', { provider: 'huggingface' }),
    e('ollama', 'provider-sdk', { provider: 'ollama' }),
    e('litellm', 'gateway', { provider: 'litellm' }),
    e('together', 'provider-sdk', { provider: 'together-ai' }),
    e('replicate', 'provider-sdk', { provider: 'replicate' }),
    e('voyageai', 'provider-sdk', { provider: 'voyage' }),
    e('langchain', 'framework', { product: 'LangChain' }),
    e('langchain-', 'framework', { product: 'LangChain', prefix: true }),
    e('langgraph', 'framework', { product: 'LangGraph' }),
    e('llama-index', 'framework', { product: 'LlamaIndex' }),
    e('llama-index-', 'framework', { product: 'LlamaIndex', prefix: true }),
    e('openai-agents', 'framework', { product: 'OpenAI Agents SDK' }),
    e('crewai', 'framework', { product: 'CrewAI' }),
    e('crewai-tools', 'framework', { product: 'CrewAI' }),
    e('pyautogen', 'framework', { product: 'AutoGen' }),
    e('autogen-agentchat', 'framework', { product: 'AutoGen' }),
    e('autogen-core', 'framework', { product: 'AutoGen' }),
    e('ag2', 'framework', { product: 'AutoGen' }),
    e('semantic-kernel', 'framework', { product: 'Semantic Kernel' }),
    e('dspy', 'framework', { product: 'DSPy' }),
    e('dspy-ai', 'framework', { product: 'DSPy' }),
    e('haystack-ai', 'framework', { product: 'Haystack' }),
    e('farm-haystack', 'framework', { product: 'Haystack' }),
    e('pydantic-ai', 'framework', { product: 'Pydantic AI' }),
    e('smolagents', 'framework', { product: 'smolagents' }),
    e('mcp', 'framework', { product: 'Model Context Protocol SDK' }),
    e('fastmcp', 'framework', { product: 'FastMCP' }),
    e('chromadb', 'vector-store', { product: 'Chroma' }),
    e('pinecone', 'vector-store', { product: 'Pinecone' }),
    e('pinecone-client', 'vector-store', { product: 'Pinecone' }),
    e('qdrant-client', 'vector-store', { product: 'Qdrant' }),
    e('weaviate-client', 'vector-store', { product: 'Weaviate' }),
    e('pymilvus', 'vector-store', { product: 'Milvus' }),
    e('pgvector', 'vector-store', { product: 'pgvector' }),
    e('faiss-cpu', 'vector-store', { product: 'FAISS' }),
    e('faiss-gpu', 'vector-store', { product: 'FAISS' }),
    e('lancedb', 'vector-store', { product: 'LanceDB' }),
    e('redisvl', 'vector-store', { product: 'Redis' }),
    e('elasticsearch', 'vector-store', { product: 'Elasticsearch' }),
    e('opensearch-py', 'vector-store', { product: 'OpenSearch' }),
    e('transformers', 'ml-library', { provider: 'huggingface', product: 'Transformers' }),
    e('sentence-transformers', 'ml-library', { provider: 'huggingface', product: 'Sentence Transformers' }),
    e('datasets', 'ml-library', { provider: 'huggingface', product: 'Datasets' }),
    e('diffusers', 'ml-library', { provider: 'huggingface', product: 'Diffusers' }),
    e('peft', 'ml-library', { product: 'PEFT' }),
    e('accelerate', 'ml-library', { product: 'Accelerate' }),
    e('torch', 'ml-library', { product: 'PyTorch' }),
    e('tensorflow', 'ml-library', { product: 'TensorFlow' }),
    e('keras', 'ml-library', { product: 'Keras' }),
    e('jax', 'ml-library', { product: 'JAX' }),
    e('scikit-learn', 'ml-library', { product: 'scikit-learn' }),
    e('xgboost', 'ml-library', { product: 'XGBoost' }),
    e('lightgbm', 'ml-library', { product: 'LightGBM' }),
    e('onnx', 'ml-library', { product: 'ONNX' }),
    e('onnxruntime', 'ml-library', { product: 'ONNX Runtime' }),
    e('vllm', 'ml-library', { product: 'vLLM' }),
    e('llama-cpp-python', 'ml-library', { product: 'llama.cpp' }),
    e('tiktoken', 'ml-library', { provider: 'openai', product: 'tiktoken' }),
    e('mlflow', 'ml-library', { product: 'MLflow' }),
    e('wandb', 'ml-library', { product: 'Weights & Biases' }),
    e('ray', 'ml-library', { product: 'Ray' }),
    e('joblib', 'ml-library', { product: 'joblib' }),
  ],
  npm: [
    e('openai', 'provider-sdk', { provider: 'openai' }),
    e('@azure/openai', 'provider-sdk', { provider: 'azure-openai' }),
    e('@anthropic-ai/sdk', 'provider-sdk', { provider: 'anthropic' }),
    e('@anthropic-ai/bedrock-sdk', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@anthropic-ai/vertex-sdk', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('@google/generative-ai', 'provider-sdk', { provider: 'google-gemini' }),
    e('@google/genai', 'provider-sdk', { provider: 'google-gemini' }),
    e('@google-cloud/vertexai', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('@aws-sdk/client-bedrock-runtime', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@aws-sdk/client-bedrock', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@aws-sdk/client-bedrock-agent-runtime', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@mistralai/mistralai', 'provider-sdk', { provider: 'mistral' }),
    e('cohere-ai', 'provider-sdk', { provider: 'cohere' }),
    e('groq-sdk', 'provider-sdk', { provider: 'groq' }),
    e('@huggingface/inference', 'provider-sdk', { provider: 'huggingface' }),
    e('@huggingface/transformers', 'ml-library', { provider: 'huggingface', product: 'Transformers.js' }),
    e('@xenova/transformers', 'ml-library', { provider: 'huggingface', product: 'Transformers.js' }),
    e('ollama', 'provider-sdk', { provider: 'ollama' }),
    e('@openrouter/ai-sdk-provider', 'provider-sdk', { provider: 'openrouter' }),
    e('together-ai', 'provider-sdk', { provider: 'together-ai' }),
    e('replicate', 'provider-sdk', { provider: 'replicate' }),
    e('ai', 'framework', { product: 'Vercel AI SDK' }),
    e('@ai-sdk/openai', 'provider-sdk', { provider: 'openai' }),
    e('@ai-sdk/azure', 'provider-sdk', { provider: 'azure-openai' }),
    e('@ai-sdk/anthropic', 'provider-sdk', { provider: 'anthropic' }),
    e('@ai-sdk/google', 'provider-sdk', { provider: 'google-gemini' }),
    e('@ai-sdk/google-vertex', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('@ai-sdk/amazon-bedrock', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@ai-sdk/mistral', 'provider-sdk', { provider: 'mistral' }),
    e('@ai-sdk/cohere', 'provider-sdk', { provider: 'cohere' }),
    e('@ai-sdk/groq', 'provider-sdk', { provider: 'groq' }),
    e('@ai-sdk/', 'framework', { product: 'Vercel AI SDK', prefix: true }),
    e('langchain', 'framework', { product: 'LangChain' }),
    e('@langchain/langgraph', 'framework', { product: 'LangGraph' }),
    e('@langchain/openai', 'provider-sdk', { provider: 'openai' }),
    e('@langchain/anthropic', 'provider-sdk', { provider: 'anthropic' }),
    e('@langchain/google-genai', 'provider-sdk', { provider: 'google-gemini' }),
    e('@langchain/aws', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('@langchain/mistralai', 'provider-sdk', { provider: 'mistral' }),
    e('@langchain/ollama', 'provider-sdk', { provider: 'ollama' }),
    e('@langchain/', 'framework', { product: 'LangChain', prefix: true }),
    e('llamaindex', 'framework', { product: 'LlamaIndex' }),
    e('@llamaindex/', 'framework', { product: 'LlamaIndex', prefix: true }),
    e('@openai/agents', 'framework', { product: 'OpenAI Agents SDK' }),
    e('@mastra/core', 'framework', { product: 'Mastra' }),
    e('@modelcontextprotocol/sdk', 'framework', { product: 'Model Context Protocol SDK' }),
    e('chromadb', 'vector-store', { product: 'Chroma' }),
    e('@pinecone-database/pinecone', 'vector-store', { product: 'Pinecone' }),
    e('@qdrant/js-client-rest', 'vector-store', { product: 'Qdrant' }),
    e('weaviate-client', 'vector-store', { product: 'Weaviate' }),
    e('weaviate-ts-client', 'vector-store', { product: 'Weaviate' }),
    e('@zilliz/milvus2-sdk-node', 'vector-store', { product: 'Milvus' }),
    e('pgvector', 'vector-store', { product: 'pgvector' }),
    e('faiss-node', 'vector-store', { product: 'FAISS' }),
    e('@lancedb/lancedb', 'vector-store', { product: 'LanceDB' }),
    e('vectordb', 'vector-store', { product: 'LanceDB' }),
    e('@elastic/elasticsearch', 'vector-store', { product: 'Elasticsearch' }),
    e('@opensearch-project/opensearch', 'vector-store', { product: 'OpenSearch' }),
    e('@tensorflow/tfjs', 'ml-library', { product: 'TensorFlow.js' }),
    e('@tensorflow/tfjs-node', 'ml-library', { product: 'TensorFlow.js' }),
    e('onnxruntime-node', 'ml-library', { product: 'ONNX Runtime' }),
    e('onnxruntime-web', 'ml-library', { product: 'ONNX Runtime' }),
    e('tiktoken', 'ml-library', { provider: 'openai', product: 'tiktoken' }),
    e('js-tiktoken', 'ml-library', { provider: 'openai', product: 'tiktoken' }),
  ],
  go: [
    e('github.com/openai/openai-go', 'provider-sdk', { provider: 'openai', prefix: true }),
    e('github.com/sashabaranov/go-openai', 'provider-sdk', { provider: 'openai', prefix: true }),
    e('github.com/anthropics/anthropic-sdk-go', 'provider-sdk', { provider: 'anthropic', prefix: true }),
    e('github.com/liushuangls/go-anthropic', 'provider-sdk', { provider: 'anthropic', prefix: true }),
    e('google.golang.org/genai', 'provider-sdk', { provider: 'google-gemini', prefix: true }),
    e('github.com/google/generative-ai-go', 'provider-sdk', { provider: 'google-gemini', prefix: true }),
    e('cloud.google.com/go/vertexai', 'provider-sdk', { provider: 'google-vertex-ai', prefix: true }),
    e('cloud.google.com/go/aiplatform', 'provider-sdk', { provider: 'google-vertex-ai', prefix: true }),
    e('github.com/aws/aws-sdk-go-v2/service/bedrockruntime', 'provider-sdk', { provider: 'aws-bedrock', prefix: true }),
    e('github.com/aws/aws-sdk-go-v2/service/bedrock', 'provider-sdk', { provider: 'aws-bedrock', prefix: true }),
    e('github.com/ollama/ollama/api', 'provider-sdk', { provider: 'ollama', prefix: true }),
    e('github.com/cohere-ai/cohere-go', 'provider-sdk', { provider: 'cohere', prefix: true }),
    e('github.com/tmc/langchaingo', 'framework', { product: 'LangChainGo', prefix: true }),
    e('github.com/firebase/genkit/go', 'framework', { product: 'Genkit', prefix: true }),
    e('github.com/mark3labs/mcp-go', 'framework', { product: 'Model Context Protocol SDK', prefix: true }),
    e('github.com/modelcontextprotocol/go-sdk', 'framework', { product: 'Model Context Protocol SDK', prefix: true }),
    e('github.com/qdrant/go-client', 'vector-store', { product: 'Qdrant', prefix: true }),
    e('github.com/pinecone-io/go-pinecone', 'vector-store', { product: 'Pinecone', prefix: true }),
    e('github.com/weaviate/weaviate-go-client', 'vector-store', { product: 'Weaviate', prefix: true }),
    e('github.com/milvus-io/milvus-sdk-go', 'vector-store', { product: 'Milvus', prefix: true }),
    e('github.com/pgvector/pgvector-go', 'vector-store', { product: 'pgvector', prefix: true }),
  ],
  maven: [
    e('com.openai:openai-java', 'provider-sdk', { provider: 'openai' }),
    e('com.theokanning.openai-gpt3-java:', 'provider-sdk', { provider: 'openai', prefix: true }),
    e('com.anthropic:anthropic-java', 'provider-sdk', { provider: 'anthropic' }),
    e('com.azure:azure-ai-openai', 'provider-sdk', { provider: 'azure-openai' }),
    e('com.google.cloud:google-cloud-vertexai', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('com.google.genai:google-genai', 'provider-sdk', { provider: 'google-gemini' }),
    e('software.amazon.awssdk:bedrockruntime', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('software.amazon.awssdk:bedrock', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('dev.langchain4j:', 'framework', { product: 'LangChain4j', prefix: true }),
    e('org.springframework.ai:', 'framework', { product: 'Spring AI', prefix: true }),
    e('com.microsoft.semantic-kernel:', 'framework', { product: 'Semantic Kernel', prefix: true }),
    e('io.modelcontextprotocol.sdk:', 'framework', { product: 'Model Context Protocol SDK', prefix: true }),
    e('io.qdrant:client', 'vector-store', { product: 'Qdrant' }),
    e('io.pinecone:pinecone-client', 'vector-store', { product: 'Pinecone' }),
    e('io.milvus:milvus-sdk-java', 'vector-store', { product: 'Milvus' }),
    e('ai.djl:', 'ml-library', { product: 'Deep Java Library', prefix: true }),
    e('com.microsoft.onnxruntime:', 'ml-library', { product: 'ONNX Runtime', prefix: true }),
  ],
  nuget: [
    e('OpenAI', 'provider-sdk', { provider: 'openai' }),
    e('Azure.AI.OpenAI', 'provider-sdk', { provider: 'azure-openai' }),
    e('Anthropic.SDK', 'provider-sdk', { provider: 'anthropic' }),
    e('Anthropic', 'provider-sdk', { provider: 'anthropic' }),
    e('Google.Cloud.AIPlatform.V1', 'provider-sdk', { provider: 'google-vertex-ai' }),
    e('Google.GenAI', 'provider-sdk', { provider: 'google-gemini' }),
    e('AWSSDK.BedrockRuntime', 'provider-sdk', { provider: 'aws-bedrock' }),
    e('Mistral.SDK', 'provider-sdk', { provider: 'mistral' }),
    e('OllamaSharp', 'provider-sdk', { provider: 'ollama' }),
    e('Microsoft.SemanticKernel', 'framework', { product: 'Semantic Kernel', prefix: true }),
    e('Microsoft.Extensions.AI', 'framework', { product: 'Microsoft.Extensions.AI', prefix: true }),
    e('AutoGen', 'framework', { product: 'AutoGen', prefix: true }),
    e('ModelContextProtocol', 'framework', { product: 'Model Context Protocol SDK', prefix: true }),
    e('Qdrant.Client', 'vector-store', { product: 'Qdrant' }),
    e('Pinecone.Client', 'vector-store', { product: 'Pinecone' }),
    e('Microsoft.ML', 'ml-library', { product: 'ML.NET', prefix: true }),
    e('Microsoft.ML.OnnxRuntime', 'ml-library', { product: 'ONNX Runtime', prefix: true }),
  ],
};

const exactIndex = new Map<string, CatalogueEntry>();
for (const [eco, list] of Object.entries(CATALOGUE)) {
  for (const entry of list) if (!entry.prefix) exactIndex.set(`${eco}\0${norm(eco as Ecosystem, entry.name)}`, entry);
}

function norm(eco: Ecosystem, name: string): string {
  // PyPI names compare case-insensitively with -, _ and . equivalent (PEP 503); NuGet is case-insensitive.
  if (eco === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (eco === 'nuget') return name.toLowerCase();
  return name;
}

/** The catalogue entry for a package, or undefined when it is not an AI package. */
export function lookupPackage(eco: Ecosystem, name: string): CatalogueEntry | undefined {
  const n = norm(eco, name);
  const exact = exactIndex.get(`${eco}\0${n}`);
  if (exact) return exact;
  // The longest matching prefix wins (`Microsoft.ML.OnnxRuntime` before `Microsoft.ML`).
  let best: CatalogueEntry | undefined;
  for (const entry of CATALOGUE[eco]) {
    if (!entry.prefix) continue;
    const p = norm(eco, entry.name);
    if ((n.startsWith(p) || (eco === 'go' && n === p)) && (!best || p.length > norm(eco, best.name).length)) best = entry;
  }
  return best;
}
