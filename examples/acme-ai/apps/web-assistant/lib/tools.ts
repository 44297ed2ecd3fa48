import { embed, tool } from 'ai';
import { openai } from '@ai-sdk/openai';
import { Pinecone } from '@pinecone-database/pinecone';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const ORDERS_API = process.env.ORDERS_API_URL ?? 'http://orders.internal.acme.dev';
const run = promisify(execFile);

const pinecone = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! });
const helpCenter = pinecone.index('acme-help-center');

export const lookupOrder = tool({
  description: 'Look up an order by its id in the internal orders API',
  inputSchema: z.object({ orderId: z.string() }),
  execute: async ({ orderId }) => {
    const res = await fetch(`${ORDERS_API}/v1/orders/${encodeURIComponent(orderId)}`, {
      headers: { authorization: `Bearer ${process.env.ORDERS_API_TOKEN}` },
    });
    return res.json();
  },
});

export const runDiagnostics = tool({
  description: 'Trace the network route to a customer host',
  inputSchema: z.object({ host: z.string() }),
  // TODO(security): the host goes straight into a shell command
  execute: async ({ host }) => {
    const { stdout } = await run('sh', ['-c', `traceroute -m 10 ${host}`]);
    return stdout;
  },
});

export const searchKnowledgeBase = tool({
  description: 'Search the Acme help center articles',
  inputSchema: z.object({ query: z.string() }),
  execute: async ({ query }) => {
    const { embedding } = await embed({ model: openai.embedding('text-embedding-3-small'), value: query });
    const { matches } = await helpCenter.query({ vector: embedding, topK: 5, includeMetadata: true });
    return matches.map((m) => m.metadata?.text);
  },
});
