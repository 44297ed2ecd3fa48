import OpenAI from 'openai';
import { generateText } from 'ai';
import { MockLanguageModelV2 } from 'ai/test';

const client = new OpenAI();
const modelName = process.env.MODEL ?? pick();
const mockModel = new MockLanguageModelV2({ doGenerate: async () => ({ text: 'ok' }) });
let variant = 'gpt-4o';
variant = choose();

export async function run(tier: string) {
  await client.chat.completions.create({ model: modelName, messages: [] });
  await client.chat.completions.create({ model: `gpt-4o-${tier}`, messages: [] });
  await client.chat.completions.create({ model: 'str', messages: [] });
  await client.chat.completions.create({ model: variant, messages: [] });
  await generateText({ model: mockModel, prompt: 'hi' });
  const config = { model: 'my-model', label: 'gpt-like' };
  return config;
}

function pick() {
  return 'x';
}
function choose() {
  return 'y';
}
