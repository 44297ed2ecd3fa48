import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';

const SUMMARY_PROMPT = readFileSync(path.join(process.cwd(), 'prompts', 'summarize-conversation.md'), 'utf8');

export async function POST(req: Request) {
  const { transcript } = (await req.json()) as { transcript: string };
  const { text } = await generateText({
    model: anthropic('claude-3-5-haiku-latest'),
    system: SUMMARY_PROMPT,
    prompt: transcript,
  });
  return Response.json({ summary: text });
}
