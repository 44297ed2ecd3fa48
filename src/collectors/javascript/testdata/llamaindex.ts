import { OpenAI, OpenAIEmbedding } from '@llamaindex/openai';
import { Settings, VectorStoreIndex, Document } from 'llamaindex';
import { QdrantVectorStore } from '@llamaindex/qdrant';
import { agent } from '@llamaindex/workflow';
import { tool } from 'llamaindex';
import { z } from 'zod';

Settings.llm = new OpenAI({ model: 'gpt-4o-mini', apiKey: process.env.OPENAI_API_KEY });
Settings.embedModel = new OpenAIEmbedding({ model: 'text-embedding-3-large' });

const vectorStore = new QdrantVectorStore({ url: 'http://qdrant.internal:6333', collectionName: 'policies' });
const index = await VectorStoreIndex.fromVectorStore(vectorStore);

const lookupPolicy = tool({
  name: 'lookup_policy',
  description: 'Look up an insurance policy',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => {
    const res = await fetch(`https://policies.internal/${id}`);
    return res.text();
  },
});

export const policyAgent = agent({
  tools: [lookupPolicy],
  llm: new OpenAI({ model: 'gpt-4.1' }),
  systemPrompt: 'You answer questions about insurance policies.',
});
export { index };
