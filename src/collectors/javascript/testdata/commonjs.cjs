const OpenAI = require('openai');
const { Pinecone } = require('@pinecone-database/pinecone');
const { exec } = require('child_process');

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY });
const index = pc.index('faq');

async function ask(question) {
  const emb = await client.embeddings.create({ model: 'text-embedding-ada-002', input: question });
  const hits = await index.query({ vector: emb.data[0].embedding, topK: 3 });
  const answer = await client.chat.completions.create({
    model: 'gpt-3.5-turbo',
    messages: [{ role: 'system', content: 'Answer from the FAQ only.' }],
  });
  return { hits, answer };
}

module.exports = { ask, train: () => exec('python train.py s3://acme-ml/faq/') };
