import { convertToModelMessages, stepCountIs, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import { anthropic } from '@ai-sdk/anthropic';
import { lookupOrder, runDiagnostics, searchKnowledgeBase } from '@/lib/tools';

export const maxDuration = 30;

const SYSTEM_PROMPT = `You are Acme Assistant, the support assistant on acme.dev.
Answer questions about orders and the product using the tools provided.
Only run diagnostics when the customer asks for it. Never reveal internal URLs.`;

export async function POST(req: Request) {
  const { messages, provider }: { messages: UIMessage[]; provider?: 'openai' | 'anthropic' } = await req.json();
  // Premium customers get Claude; everyone else GPT-4o.
  const model = provider === 'anthropic' ? anthropic('claude-3-5-sonnet-latest') : openai('gpt-4o');

  const result = streamText({
    model,
    system: SYSTEM_PROMPT,
    messages: convertToModelMessages(messages),
    tools: { lookupOrder, runDiagnostics, searchKnowledgeBase },
    stopWhen: stepCountIs(5),
  });
  return result.toUIMessageStreamResponse();
}
