import { readFileSync } from 'node:fs';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';

const SYSTEM_PROMPT = readFileSync(path.join(__dirname, 'prompts', 'onboarding.md'), 'utf8');
const STYLE = `Write in plain English.
Keep answers under 100 words.`;
const GUARD = readFileSync('config/settings.json', 'utf8');

const client = new Anthropic();

export async function onboard(question: string) {
  return client.messages.create({
    model: 'claude-3-5-haiku-latest',
    max_tokens: 512,
    system: SYSTEM_PROMPT,
    messages: [
      { role: 'system', content: STYLE },
      { role: 'user', content: question },
    ],
  });
}
export { GUARD };
