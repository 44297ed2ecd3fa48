import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';

const server = new McpServer({ name: 'acme-files', version: '1.0.0' });

server.tool('read_note', 'Read a note from the notes folder', { path: z.string() }, async ({ path }) => ({
  content: [{ type: 'text', text: await readFile(path, 'utf8') }],
}));

server.registerTool(
  'write_note',
  { description: 'Write a note', inputSchema: { path: z.string(), text: z.string() } },
  async ({ path, text }) => {
    await writeFile(path, text);
    return { content: [] };
  },
);

await server.connect(new StdioServerTransport());
