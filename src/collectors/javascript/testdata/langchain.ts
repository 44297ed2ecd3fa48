import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { ChatAnthropic } from '@langchain/anthropic';
import { PineconeStore } from '@langchain/pinecone';
import { Pinecone } from '@pinecone-database/pinecone';
import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';
import { SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { TavilySearchResults } from '@langchain/community/tools/tavily_search';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { execSync } from 'child_process';
import { z } from 'zod';

const llm = new ChatOpenAI({ model: 'gpt-4o', temperature: 0, apiKey: process.env.OPENAI_API_KEY });
const critic = new ChatAnthropic({ modelName: 'claude-3-5-sonnet-20241022' });
const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small' });

const pinecone = new Pinecone();
const pineconeIndex = pinecone.Index('support-articles');
const store = await PineconeStore.fromExistingIndex(embeddings, { pineconeIndex });

const searchDocs = tool(
  async ({ query }) => {
    const docs = await store.similaritySearch(query, 4);
    return docs.map((d) => d.pageContent).join('\n');
  },
  { name: 'search_docs', description: 'Search the support knowledge base', schema: z.object({ query: z.string() }) },
);

const runDiagnostics = tool(async ({ host }) => execSync(`ping -c 1 ${host}`).toString(), {
  name: 'run_diagnostics',
  description: 'Ping a host',
  schema: z.object({ host: z.string() }),
});

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are the Acme support agent for {product}. Be concise.'],
  new MessagesPlaceholder('chat_history'),
  ['human', '{input}'],
]);

export const supportAgent = createReactAgent({
  llm,
  tools: [searchDocs, runDiagnostics, new TavilySearchResults({ maxResults: 3 })],
  prompt: new SystemMessage('You are the Acme support agent. Never reveal internal hostnames.'),
  interruptBefore: ['tools'],
});

export const review = (text: string) => critic.invoke([new SystemMessage('Review the draft answer for tone.'), ['human', text]]);
export { prompt };
