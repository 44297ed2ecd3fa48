// Data that drives the JavaScript analysis: which constructors and functions are clients, models, agents,
// tools, vector stores and side effects. Edit these tables rather than the walking code.

/** LLM and embedding classes of frameworks (LangChain.js, LlamaIndex.TS) by class name → provider. */
export const FRAMEWORK_MODEL_CLASSES: Record<string, { provider: string; task?: 'embedding' }> = {
  ChatOpenAI: { provider: 'openai' },
  OpenAI: { provider: 'openai' },
  OpenAIEmbeddings: { provider: 'openai', task: 'embedding' },
  OpenAIEmbedding: { provider: 'openai', task: 'embedding' },
  AzureChatOpenAI: { provider: 'azure-openai' },
  AzureOpenAI: { provider: 'azure-openai' },
  AzureOpenAIEmbeddings: { provider: 'azure-openai', task: 'embedding' },
  ChatAnthropic: { provider: 'anthropic' },
  Anthropic: { provider: 'anthropic' },
  ChatGoogleGenerativeAI: { provider: 'google-gemini' },
  GoogleGenerativeAIEmbeddings: { provider: 'google-gemini', task: 'embedding' },
  Gemini: { provider: 'google-gemini' },
  GeminiEmbedding: { provider: 'google-gemini', task: 'embedding' },
  ChatVertexAI: { provider: 'google-vertex-ai' },
  VertexAIEmbeddings: { provider: 'google-vertex-ai', task: 'embedding' },
  ChatBedrockConverse: { provider: 'aws-bedrock' },
  BedrockChat: { provider: 'aws-bedrock' },
  BedrockEmbeddings: { provider: 'aws-bedrock', task: 'embedding' },
  ChatMistralAI: { provider: 'mistral' },
  MistralAI: { provider: 'mistral' },
  MistralAIEmbeddings: { provider: 'mistral', task: 'embedding' },
  ChatOllama: { provider: 'ollama' },
  Ollama: { provider: 'ollama' },
  OllamaEmbeddings: { provider: 'ollama', task: 'embedding' },
  OllamaEmbedding: { provider: 'ollama', task: 'embedding' },
  ChatGroq: { provider: 'groq' },
  Groq: { provider: 'groq' },
  ChatCohere: { provider: 'cohere' },
  CohereEmbeddings: { provider: 'cohere', task: 'embedding' },
  ChatTogetherAI: { provider: 'together-ai' },
  ChatDeepSeek: { provider: 'deepseek' },
  ChatXAI: { provider: 'xai' },
  HuggingFaceInference: { provider: 'huggingface' },
  HuggingFaceInferenceEmbeddings: { provider: 'huggingface', task: 'embedding' },
  HuggingFaceEmbedding: { provider: 'huggingface', task: 'embedding' },
};

/** Client classes whose provider differs from their package's (the `openai` package also speaks Azure). */
export const CLIENT_CLASS_PROVIDER: Record<string, string> = {
  AzureOpenAI: 'azure-openai',
  OpenAIClient: 'azure-openai',
};

/** Option names that carry a model id, and those that name an Azure deployment. */
export const MODEL_OPTIONS = new Set(['model', 'modelName', 'modelId', 'model_id', 'llm_model']);
export const DEPLOYMENT_OPTIONS = new Set(['deployment', 'deploymentName', 'azureOpenAIApiDeploymentName']);
export const BASE_URL_OPTIONS = new Set(['baseURL', 'baseUrl', 'basePath', 'endpoint', 'host', 'serverURL', 'azureOpenAIEndpoint', 'azureOpenAIBasePath']);
export const API_KEY_OPTIONS = new Set(['apiKey', 'api_key', 'token', 'accessToken', 'key', 'auth', 'openAIApiKey', 'azureOpenAIApiKey', 'anthropicApiKey', 'credentials']);

/** Vercel AI SDK (`ai`) functions that run a model; their option object carries model, system, tools. */
export const VERCEL_MODEL_CALLS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject', 'embed', 'embedMany', 'generateImage', 'experimental_generateImage']);
export const VERCEL_EMBED_CALLS = new Set(['embed', 'embedMany']);
/** Members of a Vercel provider instance that build an embedding model (`openai.embedding('...')`). */
export const EMBEDDING_FACTORIES = new Set(['embedding', 'textEmbedding', 'textEmbeddingModel', 'embeddingModel']);

/** Agent constructors and factories by exported name → framework, with the options naming their parts. */
export const AGENT_FACTORIES: Record<string, { framework: string; modules: RegExp }> = {
  Agent: { framework: 'OpenAI Agents SDK', modules: /^(?:@openai\/agents(?:-core)?|@mastra\/core(?:\/agent)?|ai)$/ },
  Experimental_Agent: { framework: 'Vercel AI SDK', modules: /^ai$/ },
  createReactAgent: { framework: 'LangGraph', modules: /^@langchain\/langgraph/ },
  createToolCallingAgent: { framework: 'LangChain', modules: /^langchain\/agents$/ },
  createOpenAIToolsAgent: { framework: 'LangChain', modules: /^langchain\/agents$/ },
  createOpenAIFunctionsAgent: { framework: 'LangChain', modules: /^langchain\/agents$/ },
  AgentExecutor: { framework: 'LangChain', modules: /^langchain\/agents$/ },
  ReActAgent: { framework: 'LlamaIndex', modules: /^(?:llamaindex|@llamaindex\/)/ },
  OpenAIAgent: { framework: 'LlamaIndex', modules: /^(?:llamaindex|@llamaindex\/)/ },
  agent: { framework: 'LlamaIndex', modules: /^(?:llamaindex|@llamaindex\/workflow)$/ },
};

/** Tool constructors by exported name; `nameArg` says where the tool's name is written. */
export const TOOL_FACTORIES: Record<string, { framework: string; modules: RegExp; optionsArg: number }> = {
  tool: { framework: 'tool', modules: /^(?:ai|@openai\/agents(?:-core)?|@langchain\/core\/tools|llamaindex|@llamaindex\/)/, optionsArg: -1 },
  DynamicTool: { framework: 'LangChain', modules: /^(?:@langchain\/core\/tools|langchain\/tools)$/, optionsArg: 0 },
  DynamicStructuredTool: { framework: 'LangChain', modules: /^(?:@langchain\/core\/tools|langchain\/tools)$/, optionsArg: 0 },
  createTool: { framework: 'Mastra', modules: /^@mastra\/core/, optionsArg: 0 },
};

export const FRAMEWORK_BY_MODULE: Array<[RegExp, string]> = [
  [/^ai$/, 'Vercel AI SDK'],
  [/^@openai\/agents/, 'OpenAI Agents SDK'],
  [/^(?:@langchain\/|langchain)/, 'LangChain'],
  [/^(?:llamaindex|@llamaindex\/)/, 'LlamaIndex'],
  [/^@mastra\//, 'Mastra'],
];

/** Hosted tools of the OpenAI Agents SDK and their capability. */
export const HOSTED_TOOLS: Record<string, string> = {
  webSearchTool: 'network',
  fileSearchTool: 'file-read',
  codeInterpreterTool: 'code-execution',
  computerTool: 'browser',
  imageGenerationTool: 'network',
};

/** Well-known ready-made LangChain tools by class name → capability. */
export const PREBUILT_TOOLS: Record<string, string> = {
  TavilySearchResults: 'network',
  TavilySearch: 'network',
  SerpAPI: 'network',
  DuckDuckGoSearch: 'network',
  WikipediaQueryRun: 'network',
  WebBrowser: 'browser',
  Calculator: 'code-execution',
  SqlDatabase: 'database',
  QuerySqlTool: 'database',
};

/** What calling into a module means for a tool, by module name (any call) or by module + function. */
export const MODULE_CAPABILITIES: Record<string, { any?: string; functions?: Record<string, string> }> = {
  child_process: { functions: Object.fromEntries(['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork'].map((f) => [f, 'shell'])) },
  execa: { any: 'shell' },
  zx: { any: 'shell' },
  shelljs: { functions: { exec: 'shell' } },
  vm: { any: 'code-execution' },
  'isolated-vm': { any: 'code-execution' },
  fs: { functions: fsFunctions() },
  'fs/promises': { functions: fsFunctions() },
  'fs-extra': { functions: fsFunctions() },
  axios: { any: 'network' },
  got: { any: 'network' },
  undici: { any: 'network' },
  'node-fetch': { any: 'network' },
  ky: { any: 'network' },
  superagent: { any: 'network' },
  'cross-fetch': { any: 'network' },
  http: { functions: { request: 'network', get: 'network' } },
  https: { functions: { request: 'network', get: 'network' } },
  nodemailer: { any: 'email' },
  '@sendgrid/mail': { any: 'email' },
  resend: { any: 'email' },
  '@aws-sdk/client-ses': { any: 'email' },
  '@slack/web-api': { any: 'messaging' },
  '@slack/bolt': { any: 'messaging' },
  twilio: { any: 'messaging' },
  'discord.js': { any: 'messaging' },
  stripe: { any: 'payments' },
  puppeteer: { any: 'browser' },
  playwright: { any: 'browser' },
  'playwright-core': { any: 'browser' },
  pg: { any: 'database' },
  mysql: { any: 'database' },
  mysql2: { any: 'database' },
  'mysql2/promise': { any: 'database' },
  'better-sqlite3': { any: 'database' },
  sqlite3: { any: 'database' },
  mssql: { any: 'database' },
  '@prisma/client': { any: 'database' },
  knex: { any: 'database' },
  mongodb: { any: 'database' },
  mongoose: { any: 'database' },
};

function fsFunctions(): Record<string, string> {
  const write = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'rm', 'rmSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'mkdir', 'mkdirSync', 'outputFile', 'writeJson', 'writeJSON', 'remove'];
  const read = ['readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'readJson', 'readJSON'];
  return { ...Object.fromEntries(write.map((f) => [f, 'file-write'])), ...Object.fromEntries(read.map((f) => [f, 'file-read'])) };
}

/** Globals that are side effects by themselves. */
export const GLOBAL_CAPABILITIES: Record<string, string> = {
  fetch: 'network',
  eval: 'code-execution',
  WebSocket: 'network',
  XMLHttpRequest: 'network',
};

/** Method names that run SQL when their first argument is SQL text. */
export const SQL_METHODS = new Set(['query', 'execute', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'exec', 'prepare', 'all', 'run', 'get']);
export const SQL_TEXT = /^\s*(?:select|insert|update|delete|with|create|drop|alter|merge|upsert|replace|truncate)\b/i;

/** Options that put a human in the loop before a tool runs. */
export const APPROVAL_OPTIONS = ['needsApproval', 'requiresApproval', 'requireApproval', 'humanApproval', 'needsConfirmation', 'requireConfirmation'];

/** Vector-store products by the module path segment LangChain / LlamaIndex integrations live under. */
export const VECTOR_STORE_MODULES: Array<[RegExp, string]> = [
  [/(?:^|[/-])pinecone/, 'Pinecone'],
  [/(?:^|[/-])chroma/, 'Chroma'],
  [/(?:^|[/-])qdrant/, 'Qdrant'],
  [/(?:^|[/-])weaviate/, 'Weaviate'],
  [/(?:^|[/-])milvus/, 'Milvus'],
  [/(?:^|[/-])pgvector/, 'pgvector'],
  [/(?:^|[/-])lancedb/, 'LanceDB'],
  [/(?:^|[/-])redis/, 'Redis'],
  [/(?:^|[/-])elasticsearch/, 'Elasticsearch'],
  [/(?:^|[/-])opensearch/, 'OpenSearch'],
  [/(?:^|[/-])(?:faiss|hnswlib|memory|supabase|mongodb_atlas|astradb)/, ''],
];

/** Vector-store classes of frameworks by class name → product (used when the module does not say). */
export const VECTOR_STORE_CLASSES: Record<string, string> = {
  PineconeStore: 'Pinecone',
  PineconeVectorStore: 'Pinecone',
  Chroma: 'Chroma',
  ChromaVectorStore: 'Chroma',
  QdrantVectorStore: 'Qdrant',
  WeaviateStore: 'Weaviate',
  WeaviateVectorStore: 'Weaviate',
  Milvus: 'Milvus',
  MilvusVectorStore: 'Milvus',
  PGVectorStore: 'pgvector',
  PGVectorStoreIndex: 'pgvector',
  LanceDB: 'LanceDB',
  RedisVectorStore: 'Redis',
  ElasticVectorSearch: 'Elasticsearch',
  OpenSearchVectorStore: 'OpenSearch',
  MemoryVectorStore: 'Memory',
  FaissStore: 'FAISS',
  HNSWLib: 'HNSWLib',
  SupabaseVectorStore: 'Supabase',
  MongoDBAtlasVectorSearch: 'MongoDB Atlas',
};

/** Methods of vector-store clients whose first string argument names a collection / index / table. */
export const COLLECTION_METHODS = new Set([
  'index', 'Index', 'getCollection', 'getOrCreateCollection', 'createCollection', 'deleteCollection', 'collection', 'get',
  'openTable', 'createTable', 'search', 'upsert', 'query', 'retrieve', 'scroll', 'recommend', 'createIndex', 'describeIndex',
]);
/** Option names that name a collection / index / table, and those naming where the store lives. */
export const COLLECTION_OPTIONS = new Set(['collectionName', 'collection_name', 'indexName', 'index_name', 'tableName', 'name', 'index', 'collection', 'namespaceName']);
export const HOST_OPTIONS = new Set(['url', 'path', 'host', 'address', 'node', 'uri', 'connectionString', 'clusterUrl']);
/** Factories of vector-store packages that return a client (the rest are ordinary calls). */
export const VECTOR_CLIENT_FACTORIES = new Set(['connect', 'connectToWeaviateCloud', 'connectToLocal', 'connectToCustom', 'client', 'createClient']);

/** LangChain prompt classes and message classes. */
export const PROMPT_TEMPLATE_CLASSES = new Set(['ChatPromptTemplate', 'PromptTemplate', 'SystemMessagePromptTemplate', 'HumanMessagePromptTemplate']);
export const SYSTEM_MESSAGE_CLASSES = new Set(['SystemMessage', 'SystemMessagePromptTemplate']);
