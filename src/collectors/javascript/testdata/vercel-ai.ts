import { generateText, generateObject, embed, tool, stepCountIs } from 'ai';
import { openai } from '@ai-sdk/openai';
import { anthropic, createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { z } from 'zod';

const gateway = createOpenAI({ baseURL: 'https://litellm.internal.acme.dev/v1', apiKey: process.env.LITELLM_MASTER_KEY });
const claude = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    const res = await fetch(`https://weather.internal/api?city=${city}`);
    return res.json();
  },
});

export async function answer(question: string) {
  const { text } = await generateText({
    model: openai('gpt-4.1-mini'),
    system: 'You are the Acme travel assistant. Answer briefly.',
    prompt: question,
    tools: { weather },
    maxSteps: 5,
  });
  return text;
}

export async function classify(input: string) {
  return generateObject({ model: claude('claude-3-7-sonnet-latest'), schema: z.object({ label: z.string() }), prompt: input });
}

export async function viaGateway(input: string) {
  return generateText({ model: gateway('gpt-4o-mini'), prompt: input });
}

export async function vectorFor(value: string) {
  return embed({ model: openai.embedding('text-embedding-3-small'), value });
}
