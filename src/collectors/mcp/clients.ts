// Where each MCP client keeps its server list, and how its entries are spelt. One row per client layout;
// `extract` returns the raw server definitions by name, `normalise` reads any of the spellings below.

import { isRecord } from '../manifests/text.js';

export type ConfigSyntax = 'jsonc' | 'yaml';

export interface RawServer {
  name: string;
  def: Record<string, unknown>;
}

export interface ClientLayout {
  client: string;
  syntax: ConfigSyntax;
  /** Tested against the relative path, lower-cased. */
  path: RegExp;
  extract: (doc: unknown) => RawServer[];
}

/** A `{ name: definition }` table under the given key path. */
const table =
  (...keyPaths: string[][]) =>
  (doc: unknown): RawServer[] =>
    keyPaths.flatMap((kp) => {
      let node: unknown = doc;
      for (const k of kp) node = isRecord(node) ? node[k] : undefined;
      return isRecord(node) ? Object.entries(node).filter(([, d]) => isRecord(d)).map(([name, def]) => ({ name, def: def as Record<string, unknown> })) : [];
    });

/** A list of `{ name, ... }` entries (Continue). */
const list =
  (...keys: string[]) =>
  (doc: unknown): RawServer[] =>
    keys.flatMap((k) => {
      const node = isRecord(doc) ? doc[k] : undefined;
      if (isRecord(node)) return table([k])(doc);
      return Array.isArray(node) ? node.filter(isRecord).map((def, i) => ({ name: String(def.name ?? `server-${i + 1}`), def })) : [];
    });

/** `.claude.json` keeps user servers at the top and per-project servers under `projects.<path>`. */
function claudeJson(doc: unknown): RawServer[] {
  const top = table(['mcpServers'])(doc);
  const projects = isRecord(doc) && isRecord(doc.projects) ? Object.values(doc.projects) : [];
  return [...top, ...projects.flatMap((p) => table(['mcpServers'])(p))];
}

/** VS Code settings: `"mcp": { "servers": {...} }` or the flat key `"mcp.servers"`. */
const vscodeSettings = table(['mcp', 'servers'], ['mcp.servers']);

const SEG = '(?:^|/)';

export const CLIENT_LAYOUTS: ClientLayout[] = [
  { client: 'claude-desktop', syntax: 'jsonc', path: new RegExp(`${SEG}claude_desktop_config\\.json$`), extract: table(['mcpServers']) },
  { client: 'claude-code', syntax: 'jsonc', path: new RegExp(`${SEG}\\.mcp\\.json$`), extract: table(['mcpServers']) },
  { client: 'claude-code', syntax: 'jsonc', path: new RegExp(`${SEG}\\.claude\\.json$`), extract: claudeJson },
  { client: 'claude-code', syntax: 'jsonc', path: new RegExp(`${SEG}\\.claude/settings(?:\\.local)?\\.json$`), extract: table(['mcpServers']) },
  { client: 'cursor', syntax: 'jsonc', path: new RegExp(`${SEG}\\.cursor/mcp\\.json$`), extract: table(['mcpServers']) },
  { client: 'vscode', syntax: 'jsonc', path: new RegExp(`${SEG}\\.vscode/mcp\\.json$`), extract: table(['servers']) },
  { client: 'vscode', syntax: 'jsonc', path: new RegExp(`${SEG}(?:\\.vscode|code(?: - insiders)?/user)/settings\\.json$`), extract: vscodeSettings },
  { client: 'windsurf', syntax: 'jsonc', path: new RegExp(`${SEG}mcp_config\\.json$`), extract: table(['mcpServers']) },
  { client: 'cline', syntax: 'jsonc', path: new RegExp(`${SEG}cline_mcp_settings\\.json$`), extract: table(['mcpServers']) },
  { client: 'continue', syntax: 'yaml', path: new RegExp(`${SEG}\\.continue/config\\.ya?ml$`), extract: list('mcpServers') },
  { client: 'continue', syntax: 'jsonc', path: new RegExp(`${SEG}\\.continue/config\\.json$`), extract: (d) => [...list('mcpServers')(d), ...continueExperimental(d)] },
  { client: 'continue', syntax: 'yaml', path: new RegExp(`${SEG}\\.continue/mcpservers/[^/]+\\.ya?ml$`), extract: list('mcpServers') },
  { client: 'continue', syntax: 'jsonc', path: new RegExp(`${SEG}\\.continue/mcpservers/[^/]+\\.json$`), extract: table(['mcpServers']) },
  { client: 'zed', syntax: 'jsonc', path: new RegExp(`${SEG}\\.?zed/settings\\.json$`), extract: table(['context_servers']) },
  { client: 'gemini-cli', syntax: 'jsonc', path: new RegExp(`${SEG}\\.gemini/settings\\.json$`), extract: table(['mcpServers']) },
  { client: 'amazon-q', syntax: 'jsonc', path: new RegExp(`${SEG}\\.(?:aws/)?amazonq/(?:mcp|agents/[^/]+)\\.json$`), extract: table(['mcpServers']) },
  { client: 'roo', syntax: 'jsonc', path: new RegExp(`${SEG}\\.roo/mcp\\.json$`), extract: table(['mcpServers']) },
];

/** Continue's older JSON config: `experimental.modelContextProtocolServers[].transport`. */
function continueExperimental(doc: unknown): RawServer[] {
  const exp = isRecord(doc) && isRecord(doc.experimental) ? doc.experimental.modelContextProtocolServers : undefined;
  if (!Array.isArray(exp)) return [];
  return exp.filter(isRecord).map((s, i) => ({ name: String(s.name ?? `server-${i + 1}`), def: isRecord(s.transport) ? s.transport : s }));
}

export function layoutFor(rel: string): ClientLayout | undefined {
  const p = rel.toLowerCase();
  return CLIENT_LAYOUTS.find((l) => l.path.test(p));
}

/** One server, whichever client wrote it. */
export interface ServerSpec {
  name: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  url?: string;
  headers: Record<string, string>;
  transport: 'stdio' | 'sse' | 'streamable-http';
  disabled: boolean;
}

const TRANSPORTS: Record<string, ServerSpec['transport']> = {
  stdio: 'stdio',
  sse: 'sse',
  http: 'streamable-http',
  'streamable-http': 'streamable-http',
  streamablehttp: 'streamable-http',
  'streamable_http': 'streamable-http',
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : []);
const stringMap = (v: unknown): Record<string, string> =>
  isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map(([k, x]) => [k, String(x)])) : {};

export function normaliseServer(raw: RawServer): ServerSpec {
  const d = raw.def;
  // Zed nests `{ path, args, env }` under `command`; everyone else puts them side by side
  const cmdObj = isRecord(d.command) ? d.command : undefined;
  const command = typeof d.command === 'string' ? d.command : cmdObj ? (cmdObj.path as string | undefined) ?? (cmdObj.command as string | undefined) : undefined;
  const args = strings(cmdObj?.args ?? d.args);
  const env = stringMap(cmdObj?.env ?? d.env);
  const httpUrl = typeof d.httpUrl === 'string' ? d.httpUrl : undefined; // Gemini CLI: streamable HTTP
  const url = httpUrl ?? (typeof d.url === 'string' ? d.url : typeof d.serverUrl === 'string' ? d.serverUrl : undefined);
  const declared = typeof d.type === 'string' ? TRANSPORTS[d.type.toLowerCase()] : typeof d.transport === 'string' ? TRANSPORTS[d.transport.toLowerCase()] : undefined;
  const transport: ServerSpec['transport'] =
    declared ?? (command ? 'stdio' : httpUrl ? 'streamable-http' : url && /\/sse\/?(?:\?|$)/.test(url) ? 'sse' : 'streamable-http');
  return {
    name: raw.name,
    ...(command ? { command } : {}),
    args,
    env,
    ...(url ? { url } : {}),
    headers: stringMap(d.headers),
    transport,
    disabled: d.disabled === true || d.enabled === false,
  };
}
