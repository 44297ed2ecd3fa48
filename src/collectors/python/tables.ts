// What Python calls mean, as data. A rule matches a call whose callee resolves (through the file's
// imports) to a module whose top-level package is one of `modules` (or `<module>_...`) and whose last
// name is one of `names`. First match wins, so specific rules come first.

export interface CalleeRule {
  names: string[];
  modules: string[];
}

/** How a model string is spelled at a call site. */
export type ModelStyle = 'plain' | 'colon'; // colon: `openai:gpt-4o` (init_chat_model, pydantic-ai)

/** Constructors of provider clients and of framework model wrappers. */
export interface ModelCtorRule extends CalleeRule {
  provider: string;
  /** client: a provider SDK client (no model); chat/embedding: a model wrapper. */
  role: 'client' | 'chat' | 'embedding';
  /** Where the model id is given, by keyword or position. */
  modelArgs?: Array<string | number>;
  style?: ModelStyle;
  framework?: string;
}

const LC = ['langchain', 'langgraph'];
const LI = ['llama_index'];

export const MODEL_CTORS: ModelCtorRule[] = [
  // provider SDK clients
  { names: ['AzureOpenAI', 'AsyncAzureOpenAI'], modules: ['openai'], provider: 'azure-openai', role: 'client' },
  { names: ['OpenAI', 'AsyncOpenAI'], modules: ['openai'], provider: 'openai', role: 'client' },
  { names: ['AnthropicBedrock', 'AsyncAnthropicBedrock'], modules: ['anthropic'], provider: 'aws-bedrock', role: 'client' },
  { names: ['AnthropicVertex', 'AsyncAnthropicVertex'], modules: ['anthropic'], provider: 'google-vertex-ai', role: 'client' },
  { names: ['Anthropic', 'AsyncAnthropic'], modules: ['anthropic'], provider: 'anthropic', role: 'client' },
  { names: ['Mistral', 'MistralClient', 'MistralAsyncClient'], modules: ['mistralai'], provider: 'mistral', role: 'client' },
  { names: ['Client', 'ClientV2', 'AsyncClient', 'AsyncClientV2'], modules: ['cohere'], provider: 'cohere', role: 'client' },
  { names: ['Groq', 'AsyncGroq'], modules: ['groq'], provider: 'groq', role: 'client' },
  { names: ['Together', 'AsyncTogether'], modules: ['together'], provider: 'together-ai', role: 'client' },
  { names: ['InferenceClient', 'AsyncInferenceClient'], modules: ['huggingface_hub'], provider: 'huggingface', role: 'client', modelArgs: ['model', 0] },
  { names: ['Client', 'AsyncClient'], modules: ['ollama'], provider: 'ollama', role: 'client' },
  { names: ['Client'], modules: ['google.genai'], provider: 'google-gemini', role: 'client' },
  { names: ['GenerativeModel'], modules: ['vertexai'], provider: 'google-vertex-ai', role: 'chat', modelArgs: ['model_name', 0] },
  { names: ['GenerativeModel'], modules: ['google.generativeai'], provider: 'google-gemini', role: 'chat', modelArgs: ['model_name', 0] },
  { names: ['TextEmbeddingModel'], modules: ['vertexai'], provider: 'google-vertex-ai', role: 'embedding', modelArgs: ['model_name', 0] },
  // LangChain chat models and embeddings
  { names: ['AzureChatOpenAI', 'AzureOpenAI'], modules: LC, provider: 'azure-openai', role: 'chat', modelArgs: ['azure_deployment', 'deployment_name', 'model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatOpenAI', 'OpenAI'], modules: LC, provider: 'openai', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatAnthropic', 'AnthropicLLM'], modules: LC, provider: 'anthropic', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatGoogleGenerativeAI', 'GoogleGenerativeAI'], modules: LC, provider: 'google-gemini', role: 'chat', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['ChatVertexAI', 'VertexAI'], modules: LC, provider: 'google-vertex-ai', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatBedrock', 'ChatBedrockConverse', 'BedrockLLM', 'Bedrock'], modules: LC, provider: 'aws-bedrock', role: 'chat', modelArgs: ['model_id', 'model'], framework: 'LangChain' },
  { names: ['ChatMistralAI'], modules: LC, provider: 'mistral', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatCohere'], modules: LC, provider: 'cohere', role: 'chat', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['ChatGroq'], modules: LC, provider: 'groq', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['ChatOllama', 'OllamaLLM', 'Ollama'], modules: LC, provider: 'ollama', role: 'chat', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['ChatLiteLLM'], modules: LC, provider: 'litellm', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LangChain' },
  { names: ['HuggingFaceEndpoint', 'ChatHuggingFace'], modules: LC, provider: 'huggingface', role: 'chat', modelArgs: ['repo_id', 'model_id', 'model'], framework: 'LangChain' },
  { names: ['AzureOpenAIEmbeddings'], modules: LC, provider: 'azure-openai', role: 'embedding', modelArgs: ['azure_deployment', 'deployment', 'model'], framework: 'LangChain' },
  { names: ['OpenAIEmbeddings'], modules: LC, provider: 'openai', role: 'embedding', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['HuggingFaceEmbeddings', 'SentenceTransformerEmbeddings', 'HuggingFaceBgeEmbeddings'], modules: LC, provider: 'huggingface', role: 'embedding', modelArgs: ['model_name', 'model'], framework: 'LangChain' },
  { names: ['OllamaEmbeddings'], modules: LC, provider: 'ollama', role: 'embedding', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['BedrockEmbeddings'], modules: LC, provider: 'aws-bedrock', role: 'embedding', modelArgs: ['model_id'], framework: 'LangChain' },
  { names: ['CohereEmbeddings'], modules: LC, provider: 'cohere', role: 'embedding', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['GoogleGenerativeAIEmbeddings'], modules: LC, provider: 'google-gemini', role: 'embedding', modelArgs: ['model'], framework: 'LangChain' },
  { names: ['VertexAIEmbeddings'], modules: LC, provider: 'google-vertex-ai', role: 'embedding', modelArgs: ['model_name', 'model'], framework: 'LangChain' },
  { names: ['MistralAIEmbeddings'], modules: LC, provider: 'mistral', role: 'embedding', modelArgs: ['model'], framework: 'LangChain' },
  // LlamaIndex
  { names: ['AzureOpenAI'], modules: LI, provider: 'azure-openai', role: 'chat', modelArgs: ['engine', 'model'], framework: 'LlamaIndex' },
  { names: ['OpenAI'], modules: LI, provider: 'openai', role: 'chat', modelArgs: ['model'], framework: 'LlamaIndex' },
  { names: ['Anthropic'], modules: LI, provider: 'anthropic', role: 'chat', modelArgs: ['model'], framework: 'LlamaIndex' },
  { names: ['Ollama'], modules: LI, provider: 'ollama', role: 'chat', modelArgs: ['model'], framework: 'LlamaIndex' },
  { names: ['Gemini', 'GoogleGenAI'], modules: LI, provider: 'google-gemini', role: 'chat', modelArgs: ['model', 'model_name'], framework: 'LlamaIndex' },
  { names: ['Bedrock', 'BedrockConverse'], modules: LI, provider: 'aws-bedrock', role: 'chat', modelArgs: ['model'], framework: 'LlamaIndex' },
  { names: ['OpenAIEmbedding'], modules: LI, provider: 'openai', role: 'embedding', modelArgs: ['model', 'model_name'], framework: 'LlamaIndex' },
  { names: ['HuggingFaceEmbedding'], modules: LI, provider: 'huggingface', role: 'embedding', modelArgs: ['model_name'], framework: 'LlamaIndex' },
  // Agent frameworks' model classes
  { names: ['OpenAIChatCompletionClient'], modules: ['autogen_ext', 'autogen'], provider: 'openai', role: 'chat', modelArgs: ['model'], framework: 'AutoGen' },
  { names: ['AzureOpenAIChatCompletionClient'], modules: ['autogen_ext'], provider: 'azure-openai', role: 'chat', modelArgs: ['azure_deployment', 'model'], framework: 'AutoGen' },
  { names: ['AnthropicChatCompletionClient'], modules: ['autogen_ext'], provider: 'anthropic', role: 'chat', modelArgs: ['model'], framework: 'AutoGen' },
  { names: ['OllamaChatCompletionClient'], modules: ['autogen_ext'], provider: 'ollama', role: 'chat', modelArgs: ['model'], framework: 'AutoGen' },
  { names: ['OpenAIChatCompletion'], modules: ['semantic_kernel'], provider: 'openai', role: 'chat', modelArgs: ['ai_model_id'], framework: 'Semantic Kernel' },
  { names: ['AzureChatCompletion'], modules: ['semantic_kernel'], provider: 'azure-openai', role: 'chat', modelArgs: ['deployment_name'], framework: 'Semantic Kernel' },
  { names: ['OpenAITextEmbedding'], modules: ['semantic_kernel'], provider: 'openai', role: 'embedding', modelArgs: ['ai_model_id'], framework: 'Semantic Kernel' },
  { names: ['LM'], modules: ['dspy'], provider: 'litellm', role: 'chat', modelArgs: ['model', 0], framework: 'DSPy' },
  { names: ['LLM'], modules: ['crewai'], provider: 'litellm', role: 'chat', modelArgs: ['model', 0], framework: 'CrewAI' },
  { names: ['LiteLLMModel'], modules: ['smolagents'], provider: 'litellm', role: 'chat', modelArgs: ['model_id', 0], framework: 'smolagents' },
  { names: ['InferenceClientModel', 'HfApiModel', 'TransformersModel'], modules: ['smolagents'], provider: 'huggingface', role: 'chat', modelArgs: ['model_id', 0], framework: 'smolagents' },
  { names: ['OpenAIServerModel', 'OpenAIModel'], modules: ['smolagents'], provider: 'openai', role: 'chat', modelArgs: ['model_id', 0], framework: 'smolagents' },
  { names: ['OpenAIModel', 'OpenAIChatModel', 'OpenAIResponsesModel'], modules: ['pydantic_ai'], provider: 'openai', role: 'chat', modelArgs: ['model_name', 0], framework: 'Pydantic AI' },
  { names: ['AnthropicModel'], modules: ['pydantic_ai'], provider: 'anthropic', role: 'chat', modelArgs: ['model_name', 0], framework: 'Pydantic AI' },
  { names: ['OpenAIChatGenerator', 'OpenAIGenerator'], modules: ['haystack'], provider: 'openai', role: 'chat', modelArgs: ['model'], framework: 'Haystack' },
  { names: ['OpenAITextEmbedder', 'OpenAIDocumentEmbedder'], modules: ['haystack'], provider: 'openai', role: 'embedding', modelArgs: ['model'], framework: 'Haystack' },
  { names: ['SentenceTransformersTextEmbedder', 'SentenceTransformersDocumentEmbedder'], modules: ['haystack'], provider: 'huggingface', role: 'embedding', modelArgs: ['model'], framework: 'Haystack' },
  { names: ['OpenAIEmbeddingFunction'], modules: ['chromadb'], provider: 'openai', role: 'embedding', modelArgs: ['model_name'] },
  { names: ['SentenceTransformerEmbeddingFunction'], modules: ['chromadb'], provider: 'huggingface', role: 'embedding', modelArgs: ['model_name'] },
  // Hugging Face models loaded locally are handled by the Hugging Face rules; these are embedding models
  { names: ['SentenceTransformer', 'CrossEncoder'], modules: ['sentence_transformers'], provider: 'huggingface', role: 'embedding', modelArgs: ['model_name_or_path', 0] },
];

/** Functions that take a model id and talk to a provider directly (module-level APIs). */
export interface ModelFunctionRule extends CalleeRule {
  provider: string;
  modelArgs: Array<string | number>;
  style?: ModelStyle;
  task?: string;
}

export const MODEL_FUNCTIONS: ModelFunctionRule[] = [
  { names: ['init_chat_model'], modules: LC, provider: 'langchain', modelArgs: ['model', 0], style: 'colon' },
  { names: ['init_embeddings'], modules: LC, provider: 'langchain', modelArgs: ['model', 0], style: 'colon', task: 'embedding' },
  { names: ['embedding', 'aembedding'], modules: ['litellm'], provider: 'litellm', modelArgs: ['model', 0], task: 'embedding' },
  { names: ['completion', 'acompletion', 'text_completion', 'responses', 'image_generation'], modules: ['litellm'], provider: 'litellm', modelArgs: ['model', 0] },
  { names: ['embeddings', 'embed'], modules: ['ollama'], provider: 'ollama', modelArgs: ['model', 0], task: 'embedding' },
  { names: ['chat', 'generate', 'pull'], modules: ['ollama'], provider: 'ollama', modelArgs: ['model', 0] },
  { names: ['embed_content'], modules: ['google.generativeai'], provider: 'google-gemini', modelArgs: ['model'], task: 'embedding' },
  { names: ['create'], modules: ['openai'], provider: 'openai', modelArgs: ['model', 'engine'] },
];

/** Keyword names that carry a model id in method calls on a provider client. */
export const CLIENT_MODEL_KWARGS = ['model', 'modelId', 'model_id', 'model_name', 'deployment_id', 'engine'];

/** boto3 service names that mean Bedrock. */
export const BEDROCK_SERVICES = new Set(['bedrock-runtime', 'bedrock', 'bedrock-agent-runtime', 'bedrock-agent']);

/** Keywords of client constructors that hold the API host. */
export const ENDPOINT_KWARGS = ['base_url', 'azure_endpoint', 'endpoint', 'api_base', 'openai_api_base', 'host', 'server_url', 'base_url_override'];
export const API_KEY_KWARGS = ['api_key', 'openai_api_key', 'anthropic_api_key', 'google_api_key', 'groq_api_key', 'mistral_api_key', 'cohere_api_key', 'token', 'hf_token', 'huggingfacehub_api_token', 'aws_secret_access_key'];

/** `provider:` prefixes of init_chat_model / pydantic-ai / LangGraph model strings. */
export const COLON_PROVIDERS: Record<string, string> = {
  openai: 'openai',
  azure_openai: 'azure-openai',
  anthropic: 'anthropic',
  google_genai: 'google-gemini',
  'google-gla': 'google-gemini',
  google_vertexai: 'google-vertex-ai',
  'google-vertex': 'google-vertex-ai',
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
  mistralai: 'mistral',
  mistral: 'mistral',
  groq: 'groq',
  ollama: 'ollama',
  cohere: 'cohere',
  huggingface: 'huggingface',
  deepseek: 'deepseek',
  xai: 'xai',
  openrouter: 'openrouter',
  together: 'together-ai',
};

// ---------------------------------------------------------------------------------------------------
// Vector stores

export interface VectorStoreRule extends CalleeRule {
  product: string;
  /** Arguments naming the collection / index / table. */
  collectionArgs?: Array<string | number>;
  hostArgs?: Array<string | number>;
  pathArgs?: Array<string | number>;
  /** Arguments holding the embedding model. */
  embeddingArgs?: Array<string | number>;
  /** A client whose collections are named later by method calls (`COLLECTION_METHODS`). */
  client?: boolean;
}

export const VECTOR_STORES: VectorStoreRule[] = [
  { names: ['PersistentClient'], modules: ['chromadb'], product: 'chroma', pathArgs: ['path', 0], client: true },
  { names: ['HttpClient', 'AsyncHttpClient', 'CloudClient'], modules: ['chromadb'], product: 'chroma', hostArgs: ['host', 0], client: true },
  { names: ['Client', 'EphemeralClient'], modules: ['chromadb'], product: 'chroma', client: true },
  { names: ['Pinecone', 'PineconeGRPC'], modules: ['pinecone'], product: 'pinecone', client: true },
  { names: ['QdrantClient', 'AsyncQdrantClient'], modules: ['qdrant_client'], product: 'qdrant', hostArgs: ['url', 'host', 0], pathArgs: ['path'], client: true },
  { names: ['connect_to_local', 'connect_to_custom', 'connect_to_embedded'], modules: ['weaviate'], product: 'weaviate', hostArgs: ['host'], client: true },
  { names: ['connect_to_weaviate_cloud', 'connect_to_wcs'], modules: ['weaviate'], product: 'weaviate', hostArgs: ['cluster_url', 0], client: true },
  { names: ['Client', 'WeaviateClient'], modules: ['weaviate'], product: 'weaviate', hostArgs: ['url', 0], client: true },
  { names: ['MilvusClient'], modules: ['pymilvus'], product: 'milvus', hostArgs: ['uri', 0], client: true },
  { names: ['Collection'], modules: ['pymilvus'], product: 'milvus', collectionArgs: ['name', 0] },
  { names: ['connect'], modules: ['lancedb'], product: 'lancedb', pathArgs: ['uri', 0], client: true },
  { names: ['read_index'], modules: ['faiss'], product: 'faiss', pathArgs: [0] },
  { names: ['Elasticsearch'], modules: ['elasticsearch'], product: 'elasticsearch', hostArgs: ['hosts', 0], client: true },
  { names: ['OpenSearch'], modules: ['opensearchpy'], product: 'opensearch', hostArgs: ['hosts', 0], client: true },
  // framework wrappers (LangChain, LlamaIndex)
  { names: ['Chroma'], modules: LC, product: 'chroma', collectionArgs: ['collection_name'], pathArgs: ['persist_directory'], embeddingArgs: ['embedding_function', 'embedding'] },
  { names: ['PineconeVectorStore', 'Pinecone'], modules: LC, product: 'pinecone', collectionArgs: ['index_name'], embeddingArgs: ['embedding'] },
  { names: ['QdrantVectorStore', 'Qdrant'], modules: LC, product: 'qdrant', collectionArgs: ['collection_name'], hostArgs: ['url'], embeddingArgs: ['embedding', 'embeddings'] },
  { names: ['WeaviateVectorStore', 'Weaviate'], modules: LC, product: 'weaviate', collectionArgs: ['index_name'], embeddingArgs: ['embedding'] },
  { names: ['Milvus'], modules: LC, product: 'milvus', collectionArgs: ['collection_name'], embeddingArgs: ['embedding_function', 'embedding'] },
  { names: ['PGVector'], modules: LC, product: 'pgvector', collectionArgs: ['collection_name'], embeddingArgs: ['embeddings', 'embedding_function', 'embedding'] },
  { names: ['FAISS'], modules: LC, product: 'faiss', pathArgs: ['folder_path'], embeddingArgs: ['embeddings', 'embedding', 1] },
  { names: ['LanceDB'], modules: LC, product: 'lancedb', collectionArgs: ['table_name'], pathArgs: ['uri'], embeddingArgs: ['embedding'] },
  { names: ['RedisVectorStore', 'Redis'], modules: LC, product: 'redis', collectionArgs: ['index_name'], hostArgs: ['redis_url'], embeddingArgs: ['embeddings', 'embedding'] },
  { names: ['ElasticsearchStore', 'ElasticVectorSearch'], modules: LC, product: 'elasticsearch', collectionArgs: ['index_name'], hostArgs: ['es_url'], embeddingArgs: ['embedding'] },
  { names: ['OpenSearchVectorSearch'], modules: LC, product: 'opensearch', collectionArgs: ['index_name'], hostArgs: ['opensearch_url', 0], embeddingArgs: ['embedding_function', 1] },
  { names: ['ChromaVectorStore'], modules: LI, product: 'chroma', collectionArgs: ['chroma_collection'] },
  { names: ['PineconeVectorStore'], modules: LI, product: 'pinecone', collectionArgs: ['pinecone_index', 'index_name'] },
  { names: ['QdrantVectorStore'], modules: LI, product: 'qdrant', collectionArgs: ['collection_name'] },
  { names: ['PGVectorStore'], modules: LI, product: 'pgvector', collectionArgs: ['table_name'] },
];

/** Methods of vector-store clients that name a collection / index / table, and where the name is. */
export const COLLECTION_METHODS: Record<string, Array<string | number>> = {
  get_or_create_collection: ['name', 0],
  create_collection: ['collection_name', 'name', 0],
  get_collection: ['collection_name', 'name', 0],
  Index: ['name', 0],
  IndexAsyncio: ['name', 0],
  open_table: ['name', 0],
  create_table: ['name', 0],
  search: ['collection_name'],
  query_points: ['collection_name'],
  upsert: ['collection_name'],
  get: ['name', 0], // weaviate: client.collections.get("Name")
  create: ['name'], // weaviate: client.collections.create(name=...)
};

/** Class methods that build a vector store from documents (`Chroma.from_documents(docs, embedding)`). */
export const VECTOR_STORE_FACTORIES = new Set(['from_documents', 'from_texts', 'from_existing_index', 'from_existing_collection', 'load_local', 'from_embeddings']);

// ---------------------------------------------------------------------------------------------------
// Tools and agents

export type Capability =
  | 'shell'
  | 'code-execution'
  | 'file-write'
  | 'file-read'
  | 'network'
  | 'email'
  | 'messaging'
  | 'database'
  | 'payments'
  | 'browser';

/** Decorators that make a function a tool. */
export const TOOL_DECORATORS: Array<CalleeRule & { framework: string; nameArgs: Array<string | number> }> = [
  { names: ['tool'], modules: LC, framework: 'LangChain', nameArgs: ['name_or_callable', 0] },
  { names: ['function_tool'], modules: ['agents'], framework: 'OpenAI Agents SDK', nameArgs: ['name_override'] },
  { names: ['tool'], modules: ['crewai', 'crewai_tools'], framework: 'CrewAI', nameArgs: [0] },
  { names: ['tool'], modules: ['smolagents'], framework: 'smolagents', nameArgs: [] },
  { names: ['kernel_function'], modules: ['semantic_kernel'], framework: 'Semantic Kernel', nameArgs: ['name'] },
  { names: ['tool'], modules: ['haystack'], framework: 'Haystack', nameArgs: ['name'] },
];

/** Calls that wrap a function into a tool; `funcArgs` holds the function. */
export const TOOL_FACTORIES: Array<CalleeRule & { framework: string; funcArgs: Array<string | number>; nameArgs: Array<string | number>; descArgs: Array<string | number> }> = [
  { names: ['Tool', 'StructuredTool'], modules: LC, framework: 'LangChain', funcArgs: ['func', 'coroutine', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['from_function'], modules: LC, framework: 'LangChain', funcArgs: ['func', 'coroutine', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['from_defaults'], modules: LI, framework: 'LlamaIndex', funcArgs: ['fn', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['FunctionTool'], modules: LI, framework: 'LlamaIndex', funcArgs: ['fn', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['FunctionTool'], modules: ['autogen_core', 'autogen_ext', 'autogen_agentchat'], framework: 'AutoGen', funcArgs: ['func', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['Tool'], modules: ['pydantic_ai'], framework: 'Pydantic AI', funcArgs: ['function', 0], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['Tool'], modules: ['haystack'], framework: 'Haystack', funcArgs: ['function'], nameArgs: ['name'], descArgs: ['description'] },
  { names: ['register_function'], modules: ['autogen'], framework: 'AutoGen', funcArgs: ['f', 0], nameArgs: ['name'], descArgs: ['description'] },
];

/** Ready-made tools and toolkits whose capabilities are known from their class. */
export const KNOWN_TOOLS: Array<CalleeRule & { capabilities: Capability[] }> = [
  { names: ['ShellTool', 'BashProcess', 'TerminalTool', 'LocalShellTool'], modules: [...LC, 'agents', 'crewai_tools'], capabilities: ['shell'] },
  { names: ['PythonREPLTool', 'PythonAstREPLTool', 'PythonREPL', 'E2BDataAnalysisTool'], modules: LC, capabilities: ['code-execution'] },
  { names: ['FileManagementToolkit'], modules: LC, capabilities: ['file-read', 'file-write'] },
  { names: ['WriteFileTool', 'CopyFileTool', 'DeleteFileTool', 'MoveFileTool'], modules: LC, capabilities: ['file-write'] },
  { names: ['ReadFileTool', 'ListDirectoryTool', 'FileSearchTool'], modules: LC, capabilities: ['file-read'] },
  { names: ['RequestsToolkit', 'RequestsGetTool', 'RequestsPostTool', 'RequestsPutTool', 'RequestsPatchTool', 'RequestsDeleteTool', 'OpenAPIToolkit'], modules: LC, capabilities: ['network'] },
  { names: ['DuckDuckGoSearchRun', 'DuckDuckGoSearchResults', 'TavilySearchResults', 'TavilySearch', 'WikipediaQueryRun', 'GoogleSearchRun', 'BraveSearch', 'ArxivQueryRun'], modules: LC, capabilities: ['network'] },
  { names: ['SQLDatabaseToolkit', 'QuerySQLDataBaseTool', 'QuerySQLDatabaseTool', 'InfoSQLDatabaseTool', 'SparkSQLToolkit'], modules: LC, capabilities: ['database'] },
  { names: ['GmailToolkit', 'GmailSendMessage', 'O365Toolkit', 'O365SendMessage'], modules: LC, capabilities: ['email'] },
  { names: ['SlackToolkit', 'SlackSendMessage', 'TwilioAPIWrapper'], modules: LC, capabilities: ['messaging'] },
  { names: ['PlayWrightBrowserToolkit'], modules: LC, capabilities: ['browser', 'network'] },
  { names: ['FileWriterTool', 'FileWriteTool'], modules: ['crewai_tools'], capabilities: ['file-write'] },
  { names: ['FileReadTool', 'DirectoryReadTool', 'DirectorySearchTool'], modules: ['crewai_tools'], capabilities: ['file-read'] },
  { names: ['ScrapeWebsiteTool', 'SerperDevTool', 'WebsiteSearchTool', 'FirecrawlScrapeWebsiteTool'], modules: ['crewai_tools'], capabilities: ['network'] },
  { names: ['CodeInterpreterTool'], modules: ['crewai_tools', 'agents'], capabilities: ['code-execution'] },
  { names: ['NL2SQLTool', 'PGSearchTool', 'MySQLSearchTool'], modules: ['crewai_tools'], capabilities: ['database'] },
  { names: ['PythonInterpreterTool'], modules: ['smolagents'], capabilities: ['code-execution'] },
  { names: ['DuckDuckGoSearchTool', 'VisitWebpageTool', 'WebSearchTool', 'GoogleSearchTool'], modules: ['smolagents'], capabilities: ['network'] },
  { names: ['WebSearchTool'], modules: ['agents'], capabilities: ['network'] },
  { names: ['ComputerTool'], modules: ['agents'], capabilities: ['browser'] },
  { names: ['FileSearchTool'], modules: ['agents'], capabilities: ['file-read'] },
  { names: ['LocalCommandLineCodeExecutor', 'DockerCommandLineCodeExecutor', 'PythonCodeExecutionTool'], modules: ['autogen', 'autogen_ext', 'autogen_core'], capabilities: ['code-execution'] },
];

/** `load_tools([...])` names (LangChain). */
export const LOAD_TOOLS_NAMES: Record<string, Capability[]> = {
  terminal: ['shell'],
  python_repl: ['code-execution'],
  requests: ['network'],
  requests_all: ['network'],
  requests_get: ['network'],
  requests_post: ['network'],
  'ddg-search': ['network'],
  'google-search': ['network'],
  wikipedia: ['network'],
  arxiv: ['network'],
  'tavily-search': ['network'],
};

/**
 * What a call inside a tool body reveals. Keys are qualified-name prefixes (`subprocess.` matches every
 * subprocess function); `()` marks an object built by that constructor (`sqlite3.connect().execute`).
 */
export const CAPABILITY_CALLS: Array<[string, Capability]> = [
  ['subprocess.', 'shell'],
  ['os.system', 'shell'],
  ['os.popen', 'shell'],
  ['os.exec', 'shell'],
  ['os.spawn', 'shell'],
  ['pty.spawn', 'shell'],
  ['asyncio.create_subprocess_', 'shell'],
  ['sh.', 'shell'],
  ['paramiko.', 'shell'],
  ['builtins.exec', 'code-execution'],
  ['builtins.eval', 'code-execution'],
  ['builtins.compile', 'code-execution'],
  ['runpy.', 'code-execution'],
  ['code.InteractiveInterpreter', 'code-execution'],
  ['shutil.', 'file-write'],
  ['os.remove', 'file-write'],
  ['os.unlink', 'file-write'],
  ['os.rename', 'file-write'],
  ['os.replace', 'file-write'],
  ['os.makedirs', 'file-write'],
  ['os.mkdir', 'file-write'],
  ['os.rmdir', 'file-write'],
  ['os.listdir', 'file-read'],
  ['os.walk', 'file-read'],
  ['glob.', 'file-read'],
  ['requests.', 'network'],
  ['httpx.', 'network'],
  ['urllib.request.', 'network'],
  ['urllib3.', 'network'],
  ['aiohttp.', 'network'],
  ['http.client.', 'network'],
  ['socket.', 'network'],
  ['smtplib.', 'email'],
  ['sendgrid.', 'email'],
  ['yagmail.', 'email'],
  ['email.mime', 'email'],
  ['slack_sdk.', 'messaging'],
  ['slack.', 'messaging'],
  ['twilio.', 'messaging'],
  ['telegram.', 'messaging'],
  ['discord.', 'messaging'],
  ['sqlite3.', 'database'],
  ['psycopg.', 'database'],
  ['psycopg2.', 'database'],
  ['pymysql.', 'database'],
  ['mysql.connector.', 'database'],
  ['sqlalchemy.', 'database'],
  ['asyncpg.', 'database'],
  ['pymongo.', 'database'],
  ['duckdb.', 'database'],
  ['pandas.read_sql', 'database'],
  ['stripe.', 'payments'],
  ['braintree.', 'payments'],
  ['paypalrestsdk.', 'payments'],
  ['playwright.', 'browser'],
  ['selenium.', 'browser'],
  ['webbrowser.', 'browser'],
];

/** Method names specific enough to reveal a capability whatever their receiver. */
export const CAPABILITY_METHODS: Record<string, Capability> = {
  write_text: 'file-write',
  write_bytes: 'file-write',
  read_text: 'file-read',
  read_bytes: 'file-read',
  sendmail: 'email',
  send_message: 'email',
  chat_postMessage: 'messaging',
  executescript: 'database',
  executemany: 'database',
};

/** Methods that run SQL; the first argument is the statement. */
export const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'run', 'read_sql', 'read_sql_query', 'text', 'query']);

export interface AgentRule extends CalleeRule {
  framework: string;
  nameArgs?: Array<string | number>;
  modelArgs?: Array<string | number>;
  toolsArgs?: Array<string | number>;
  promptArgs?: Array<string | number>;
  /** Keyword arguments describing the agent (kept as `instructions`). */
  describeArgs?: string[];
  modelStyle?: ModelStyle;
  /** Provider for bare model strings. */
  modelProvider?: string;
  /** The agent runs code it writes itself. */
  executesCode?: boolean;
}

export const AGENTS: AgentRule[] = [
  { names: ['create_react_agent'], modules: ['langgraph'], framework: 'LangGraph', modelArgs: ['model', 0], toolsArgs: ['tools', 1], promptArgs: ['prompt', 'state_modifier', 'messages_modifier'], nameArgs: ['name'], modelStyle: 'colon' },
  { names: ['create_agent'], modules: ['langchain'], framework: 'LangChain', modelArgs: ['model', 0], toolsArgs: ['tools', 1], promptArgs: ['system_prompt', 'prompt'], nameArgs: ['name'], modelStyle: 'colon' },
  {
    names: ['create_react_agent', 'create_tool_calling_agent', 'create_openai_tools_agent', 'create_openai_functions_agent', 'create_structured_chat_agent', 'create_json_chat_agent', 'create_xml_agent'],
    modules: ['langchain'],
    framework: 'LangChain',
    modelArgs: ['llm', 0],
    toolsArgs: ['tools', 1],
    promptArgs: ['prompt', 2],
  },
  { names: ['AgentExecutor'], modules: ['langchain'], framework: 'LangChain', toolsArgs: ['tools'] },
  { names: ['initialize_agent'], modules: ['langchain'], framework: 'LangChain', toolsArgs: ['tools', 0], modelArgs: ['llm', 1] },
  { names: ['create_sql_agent', 'create_pandas_dataframe_agent', 'create_python_agent'], modules: ['langchain'], framework: 'LangChain', modelArgs: ['llm', 0], toolsArgs: ['toolkit', 'extra_tools'], promptArgs: ['prefix'] },
  { names: ['Agent'], modules: ['agents'], framework: 'OpenAI Agents SDK', nameArgs: ['name', 0], modelArgs: ['model'], toolsArgs: ['tools'], promptArgs: ['instructions'], modelProvider: 'openai' },
  { names: ['Agent'], modules: ['crewai'], framework: 'CrewAI', nameArgs: ['role'], modelArgs: ['llm'], toolsArgs: ['tools'], describeArgs: ['goal', 'backstory'], modelProvider: 'litellm' },
  { names: ['AssistantAgent', 'ConversableAgent', 'UserProxyAgent', 'CodeExecutorAgent', 'GPTAssistantAgent'], modules: ['autogen', 'autogen_agentchat'], framework: 'AutoGen', nameArgs: ['name', 0], modelArgs: ['model_client', 'llm_config'], toolsArgs: ['tools'], promptArgs: ['system_message'] },
  { names: ['CodeAgent'], modules: ['smolagents'], framework: 'smolagents', nameArgs: ['name'], modelArgs: ['model'], toolsArgs: ['tools', 0], executesCode: true },
  { names: ['ToolCallingAgent', 'MultiStepAgent'], modules: ['smolagents'], framework: 'smolagents', nameArgs: ['name'], modelArgs: ['model'], toolsArgs: ['tools', 0] },
  { names: ['Agent'], modules: ['pydantic_ai'], framework: 'Pydantic AI', nameArgs: ['name'], modelArgs: ['model', 0], toolsArgs: ['tools'], promptArgs: ['system_prompt', 'instructions'], modelStyle: 'colon' },
  { names: ['from_tools'], modules: LI, framework: 'LlamaIndex', modelArgs: ['llm'], toolsArgs: ['tools', 0], promptArgs: ['system_prompt'] },
  { names: ['FunctionAgent', 'ReActAgent', 'CodeActAgent'], modules: LI, framework: 'LlamaIndex', nameArgs: ['name'], modelArgs: ['llm'], toolsArgs: ['tools'], promptArgs: ['system_prompt'] },
  { names: ['ChatCompletionAgent'], modules: ['semantic_kernel'], framework: 'Semantic Kernel', nameArgs: ['name'], modelArgs: ['service'], toolsArgs: ['plugins'], promptArgs: ['instructions'] },
  { names: ['Agent'], modules: ['haystack'], framework: 'Haystack', modelArgs: ['chat_generator'], toolsArgs: ['tools'], promptArgs: ['system_prompt'] },
  { names: ['ReAct', 'ProgramOfThought', 'CodeAct'], modules: ['dspy'], framework: 'DSPy', toolsArgs: ['tools'] },
];

/** Callback / middleware classes that put a human in the loop. */
export const APPROVAL_CLASSES = new Set(['HumanInTheLoopMiddleware', 'HumanApprovalCallbackHandler', 'HumanInputRun']);

// ---------------------------------------------------------------------------------------------------
// Prompts

/** Message classes whose content is a prompt, and the role it plays. */
export const PROMPT_MESSAGES: Array<CalleeRule & { role: string; textArgs: Array<string | number> }> = [
  { names: ['SystemMessage'], modules: LC, role: 'system', textArgs: ['content', 0] },
  { names: ['SystemMessagePromptTemplate'], modules: LC, role: 'system', textArgs: ['template', 0] },
  { names: ['PromptTemplate', 'ChatPromptTemplate'], modules: LC, role: 'template', textArgs: ['template', 0] },
  { names: ['from_template'], modules: LC, role: 'template', textArgs: ['template', 0] },
  { names: ['PromptTemplate'], modules: LI, role: 'template', textArgs: ['template', 0] },
  { names: ['ChatMessage'], modules: ['haystack'], role: 'system', textArgs: [] },
];

/** Keyword arguments of provider calls that carry a system prompt. */
export const SYSTEM_PROMPT_KWARGS = ['system', 'system_instruction', 'instructions', 'preamble', 'system_prompt'];

// ---------------------------------------------------------------------------------------------------
// Hugging Face and model loading

export const HF_LOADER_MODULES = ['transformers', 'diffusers', 'peft', 'optimum', 'sentence_transformers', 'timm', 'open_clip', 'trl', 'auto_gptq', 'unsloth'];
export const HF_DOWNLOADS: Array<CalleeRule & { repoArgs: Array<string | number> }> = [
  { names: ['hf_hub_download', 'snapshot_download', 'cached_download'], modules: ['huggingface_hub'], repoArgs: ['repo_id', 0] },
];
export const HF_PIPELINES: CalleeRule = { names: ['pipeline'], modules: ['transformers'] };
export const HF_DATASETS: CalleeRule = { names: ['load_dataset'], modules: ['datasets'] };
/** `load_dataset` builders that read local or remote files named by `data_files`. */
export const DATASET_BUILDERS = new Set(['csv', 'json', 'parquet', 'text', 'arrow', 'imagefolder', 'audiofolder', 'webdataset', 'pandas', 'xml', 'sql']);
export const TRAINERS: CalleeRule = { names: ['Trainer', 'SFTTrainer', 'DPOTrainer', 'ORPOTrainer', 'KTOTrainer', 'Seq2SeqTrainer', 'RewardTrainer', 'GRPOTrainer'], modules: ['transformers', 'trl'] };

/** Loaders that can run code hidden in the file they read. `safe` says which argument makes them safe. */
export interface UnsafeLoaderRule {
  q: string[];
  /** A keyword that makes the call safe when set to `safeWhen`; absent means always unsafe. */
  safeKwarg?: string;
  safeWhen?: boolean;
  /** A keyword that makes the call unsafe only when set to `unsafeWhen` (np.load, FAISS.load_local). */
  unsafeKwarg?: string;
  unsafeWhen?: boolean;
  targetArgs: Array<string | number>;
}

export const UNSAFE_LOADERS: UnsafeLoaderRule[] = [
  { q: ['torch.load'], safeKwarg: 'weights_only', safeWhen: true, targetArgs: ['f', 0] },
  { q: ['pickle.load', 'pickle.loads', 'cPickle.load', 'cPickle.loads', '_pickle.load', '_pickle.loads', 'pickle.Unpickler'], targetArgs: [0] },
  { q: ['joblib.load', 'sklearn.externals.joblib.load'], targetArgs: ['filename', 0] },
  { q: ['dill.load', 'dill.loads', 'cloudpickle.load', 'cloudpickle.loads'], targetArgs: [0] },
  {
    q: ['keras.models.load_model', 'keras.saving.load_model', 'tensorflow.keras.models.load_model', 'tf_keras.models.load_model', 'keras.load_model'],
    safeKwarg: 'safe_mode',
    safeWhen: true,
    targetArgs: ['filepath', 0],
  },
  { q: ['numpy.load'], unsafeKwarg: 'allow_pickle', unsafeWhen: true, targetArgs: ['file', 0] },
  { q: ['pandas.read_pickle'], targetArgs: ['filepath_or_buffer', 0] },
];

// ---------------------------------------------------------------------------------------------------
// Data

/** Readers whose first argument is a dataset (pandas, polars, numpy, pyarrow). */
export const DATA_READERS: Array<CalleeRule & { pathArgs: Array<string | number> }> = [
  { names: ['read_csv', 'read_parquet', 'read_json', 'read_excel', 'read_feather', 'read_table', 'read_orc', 'read_xml', 'read_fwf', 'read_hdf', 'read_stata', 'read_sas', 'read_spss'], modules: ['pandas', 'polars', 'modin', 'dask'], pathArgs: ['filepath_or_buffer', 'path', 'source', 'io', 0] },
  { names: ['scan_csv', 'scan_parquet', 'scan_ndjson'], modules: ['polars'], pathArgs: ['source', 0] },
  { names: ['read_table'], modules: ['pyarrow'], pathArgs: ['source', 0] },
  { names: ['loadtxt', 'genfromtxt'], modules: ['numpy'], pathArgs: ['fname', 0] },
];

/** Cloud storage URI schemes; the storage key keeps the bucket (or container and account). */
export const STORAGE_SCHEMES = ['s3', 's3a', 's3n', 'gs', 'gcs', 'abfss', 'abfs', 'az', 'wasbs'];

/** Python module (top-level) → PyPI package, where the names differ. */
export const MODULE_PACKAGES: Record<string, string> = {
  sklearn: 'scikit-learn',
  llama_index: 'llama-index',
  autogen: 'pyautogen',
  autogen_agentchat: 'autogen-agentchat',
  autogen_core: 'autogen-core',
  agents: 'openai-agents',
  qdrant_client: 'qdrant-client',
  weaviate: 'weaviate-client',
  opensearchpy: 'opensearch-py',
  faiss: 'faiss-cpu',
  haystack: 'haystack-ai',
  huggingface_hub: 'huggingface-hub',
  sentence_transformers: 'sentence-transformers',
  llama_cpp: 'llama-cpp-python',
  pydantic_ai: 'pydantic-ai',
  crewai_tools: 'crewai-tools',
  semantic_kernel: 'semantic-kernel',
  mistralai: 'mistralai',
  tensorflow: 'tensorflow',
  redisvl: 'redisvl',
};
