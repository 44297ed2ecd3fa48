import OpenAI, { AzureOpenAI } from 'openai';

const MODEL = 'gpt-4o';

// the default client reads OPENAI_API_KEY by itself
const openai = new OpenAI();

const azure = new AzureOpenAI({
  endpoint: 'https://acme-prod.openai.azure.com',
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  deployment: 'gpt-4o-prod',
  apiVersion: '2024-10-21',
});

const router = new OpenAI({ baseURL: 'https://openrouter.ai/api/v1', apiKey: process.env['OPENROUTER_API_KEY'] });

const proxy = new OpenAI({ baseURL: process.env.LITELLM_BASE_URL, apiKey: process.env.LITELLM_API_KEY });

const local = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });

export async function summarise(text: string) {
  const res = await openai.chat.completions.create({
    model: MODEL,
    messages: [
      { role: 'system', content: 'You summarise support tickets in three bullet points.' },
      { role: 'user', content: text },
    ],
  });
  await openai.embeddings.create({ model: 'text-embedding-3-large', input: text });
  await azure.chat.completions.create({ model: 'gpt-4o', messages: [] });
  await router.chat.completions.create({ model: 'meta-llama/llama-3.1-70b-instruct', messages: [] });
  await proxy.chat.completions.create({ model: 'claude-3-5-haiku-20241022', messages: [] });
  await local.chat.completions.create({ model: 'qwen2.5-coder:7b', messages: [] });
  return res.choices[0].message.content;
}
