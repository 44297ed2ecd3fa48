// AI project files other than code: .env examples, MCP client configs, prompt files, notebooks with
// outputs, and datasets (CSV, JSONL) sized to fill the tree.
import type { Rng } from '../../src/util/rng.js';
import { POOL, written } from './model-pool.js';
import { TextBuilder, type PlantedText } from './text-builder.js';
import { noun, paragraph, pascal } from './words.js';

export function envExample(rng: Rng): TextBuilder {
  const b = new TextBuilder('env');
  b.add('# Copy to .env and fill in', 'OPENAI_API_KEY=', 'ANTHROPIC_API_KEY=your-key-here', `DATABASE_URL=postgres://localhost:5432/${noun(rng)}`);
  const chat = rng.pick(POOL.openaiChat);
  b.model(`OPENAI_MODEL=${written(chat)}`, chat);
  if (rng.chance(0.6)) {
    const c = rng.pick(POOL.anthropic);
    b.model(`ANTHROPIC_MODEL=${written(c)}`, c);
  }
  b.decoy('CHAT_MODEL=${OPENAI_MODEL}', '${OPENAI_MODEL}', 'a reference to another variable');
  return b;
}

/** A .env with a realistic-looking (random) credential: exercises masking. */
export function envFile(rng: Rng): string {
  return `OPENAI_API_KEY=sk-proj-${rng.token(48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}\nHF_TOKEN=hf_${rng.token(34, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}\nDEBUG=false\n`;
}

const MCP_SERVERS: Array<[string, Record<string, unknown>]> = [
  ['filesystem', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/srv/shared'] }],
  ['github', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${GITHUB_TOKEN}' } }],
  ['postgres', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://readonly@db.internal/analytics'] }],
  ['fetch', { command: 'uvx', args: ['mcp-server-fetch'] }],
  ['slack', { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: '${SLACK_BOT_TOKEN}' } }],
  ['internal-docs', { url: 'https://mcp.internal.example.com/sse' }],
];

export const MCP_PATHS = ['.mcp.json', '.cursor/mcp.json', '.vscode/mcp.json', 'claude_desktop_config.json'];

export function mcpConfig(rng: Rng, path: string): string {
  const servers = Object.fromEntries(rng.sample(MCP_SERVERS, rng.int(1, 4)));
  const key = path === '.vscode/mcp.json' ? 'servers' : 'mcpServers';
  return JSON.stringify({ [key]: servers }, null, 2) + '\n';
}

export type PromptKind = 'prompty' | 'prompt.yml' | 'md' | 'j2' | 'txt';
export const PROMPT_KINDS: PromptKind[] = ['prompty', 'prompt.yml', 'md', 'j2', 'txt'];

export function promptFile(rng: Rng, kind: PromptKind): TextBuilder {
  const b = new TextBuilder('prompt');
  const topic = noun(rng);
  const body = [`You are a careful assistant for the ${topic} team.`, `Answer questions about {{${topic}_id}} using only the context below.`, 'If the answer is not in the context, say you do not know.', '', 'Context:', '{{context}}', '', 'Question: {{question}}'];
  if (kind === 'prompty') {
    const m = rng.pick(POOL.openaiChat);
    b.add('---', `name: ${pascal(topic)} assistant`, 'model:', '  api: chat', '  configuration:', '    type: openai');
    b.model(`    model: ${written(m)}`, m);
    b.add('  parameters:', '    max_tokens: 512', '---', 'system:', ...body);
  } else if (kind === 'prompt.yml') {
    const m = rng.pick(POOL.litellm);
    b.add(`name: ${pascal(topic)} summary`);
    b.model(`model: ${written(m)}`, m);
    b.add('messages:', '  - role: system', `    content: ${JSON.stringify(body.slice(0, 3).join(' '))}`, '  - role: user', "    content: '{{input}}'");
  } else {
    b.add(...body);
  }
  return b;
}

/** A notebook with markdown, code cells using AI libraries, stream outputs and one PNG output. */
export function notebook(rng: Rng, pngBytes: number): PlantedText {
  const hf = rng.pick(POOL.huggingface);
  const chat = rng.pick(POOL.openaiChat);
  const src = (...lines: string[]) => lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l));
  const png = Buffer.alloc(pngBytes);
  rng.fill(png);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: src(`# ${pascal(noun(rng))} experiments`, '', paragraph(rng, 2)) },
      { cell_type: 'code', execution_count: 1, metadata: {}, source: src('from transformers import pipeline', `clf = pipeline("text-classification", model="${written(hf)}")`, 'clf("the refund arrived quickly")'), outputs: [{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': ["[{'label': 'POSITIVE', 'score': 0.9987}]"] }, metadata: {} }] },
      { cell_type: 'code', execution_count: 2, metadata: {}, source: src('from openai import OpenAI', 'client = OpenAI()', `r = client.chat.completions.create(model="${written(chat)}", messages=[{"role": "user", "content": "hi"}])`, 'print(r.choices[0].message.content)'), outputs: [{ output_type: 'stream', name: 'stdout', text: ['Hello! How can I help you today?\n'] }] },
      { cell_type: 'code', execution_count: 3, metadata: {}, source: src('import matplotlib.pyplot as plt', 'plt.plot(losses)'), outputs: [{ output_type: 'display_data', data: { 'image/png': png.toString('base64'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {} }] },
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python', version: '3.11.9' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const text = JSON.stringify(nb, null, 1) + '\n';
  const lines = text.split('\n');
  const lineOf = (w: string) => lines.findIndex((l) => l.includes(w)) + 1;
  return {
    context: 'notebook',
    decoys: [],
    toString: () => text,
    models: [
      { id: hf.id, provider: hf.provider, written: written(hf), line: lineOf(written(hf)) },
      { id: chat.id, provider: chat.provider, written: written(chat), line: lineOf(`model=\\"${written(chat)}\\"`) },
    ],
  };
}

/** A CSV of support tickets (with e-mail addresses: personal data) of about `size` bytes. */
export function csvDataset(rng: Rng, size: number): string {
  const parts = ['ticket_id,customer_email,created_at,subject,body,label\n'];
  let len = parts[0].length;
  for (let i = 1; len < size; i++) {
    const row = `${i},user${rng.int(1, 999999)}@example.com,2024-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')},"${pascal(noun(rng))} ${noun(rng)} issue","${paragraph(rng, rng.int(1, 3))}",${rng.pick(['billing', 'bug', 'howto', 'refund', 'other'])}\n`;
    parts.push(row);
    len += row.length;
  }
  return parts.join('');
}

/** A chat fine-tuning JSONL of about `size` bytes. */
export function jsonlDataset(rng: Rng, size: number): string {
  const parts: string[] = [];
  let len = 0;
  while (len < size) {
    const row = JSON.stringify({ messages: [{ role: 'system', content: 'You are a support agent.' }, { role: 'user', content: `My ${noun(rng)} ${noun(rng)} is wrong. ${paragraph(rng, 1)}` }, { role: 'assistant', content: paragraph(rng, rng.int(1, 3)) }] }) + '\n';
    parts.push(row);
    len += row.length;
  }
  return parts.join('');
}
