// Collector `mcp`: MCP client configurations (Claude Desktop and Code, Cursor, VS Code, Windsurf, Cline,
// Continue, Zed, Gemini CLI, Amazon Q, Roo). Each configured server becomes an `mcp-server` asset with its
// launch command or URL, transport, masked env and headers, the package it runs and whether that is
// pinned; credentials it needs become `secret` assets it authenticates with.

import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { ENV_VAR_PROVIDER, type Attrs, type AttrValue } from '../../model/index.js';
import { isSecretName, maskSecrets, maskValue } from '../../util/mask.js';
import { findTokenLine, isRecord, lineAt } from '../manifests/text.js';
import type { CollectContext, Collector } from '../types.js';
import { layoutFor, normaliseServer, type ClientLayout, type ServerSpec } from './clients.js';
import { launchedPackage } from './launch.js';
import { envReferences, hasReference, inputReferences, isInlineSecret, maskConfigValue } from './values.js';

export const mcpCollector: Collector = {
  id: 'mcp',
  version: '1.0.0',
  wants: (rel) => layoutFor(rel) !== undefined,
  async collect(file, ctx) {
    const layout = layoutFor(file.rel);
    if (!layout) return;
    const text = await file.text();
    const doc = parseConfig(text, layout, ctx);
    if (doc === undefined) return;
    const inputs = vscodeInputs(doc);
    for (const raw of layout.extract(doc)) {
      const spec = normaliseServer(raw);
      if (!spec.command && !spec.url) {
        ctx.warn(`MCP server "${raw.name}" has neither a command nor a url`, serverLine(text, raw.name, layout));
        continue;
      }
      emitServer(ctx, spec, layout.client, serverLine(text, raw.name, layout), inputs);
    }
  },
};

function parseConfig(text: string, layout: ClientLayout, ctx: CollectContext): unknown {
  if (layout.syntax === 'yaml') {
    const d = parseDocument(text, { uniqueKeys: false });
    if (d.errors.length) {
      const e = d.errors[0]!;
      ctx.warn(`malformed YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
      return undefined;
    }
    return d.toJS();
  }
  // VS Code and Zed write JSON with comments and trailing commas; other clients are tolerated the same way
  const errors: ParseError[] = [];
  const doc = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    ctx.warn(`malformed JSON: ${printParseErrorCode(e.error)}`, lineAt(text, e.offset));
    if (!isRecord(doc)) return undefined;
  }
  return doc;
}

/** VS Code `inputs`: prompts for values at start-up, referenced as `${input:id}`. */
function vscodeInputs(doc: unknown): Map<string, Record<string, AttrValue>> {
  const out = new Map<string, Record<string, AttrValue>>();
  const list = isRecord(doc) && Array.isArray(doc.inputs) ? doc.inputs.filter(isRecord) : [];
  for (const i of list) {
    if (typeof i.id !== 'string') continue;
    out.set(i.id, compact({ id: i.id, type: typeof i.type === 'string' ? i.type : undefined, description: typeof i.description === 'string' ? i.description : undefined, password: i.password === true }));
  }
  return out;
}

function serverLine(text: string, name: string, layout: ClientLayout): number | undefined {
  return layout.syntax === 'yaml' ? (findTokenLine(text, `name: ${name}`) ?? findTokenLine(text, `${name}:`)) : findTokenLine(text, `"${name}"`);
}

function emitServer(ctx: CollectContext, s: ServerSpec, client: string, line: number | undefined, inputs: Map<string, Record<string, AttrValue>>): void {
  const args = s.args.map((a) => maskSecrets(a));
  const target = s.command ? [s.command, ...args].join(' ') : maskSecrets(s.url!);
  const inlineSecrets: string[] = [];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env)) {
    env[k] = maskConfigValue(v);
    if (isInlineSecret(k, v)) inlineSecrets.push(k);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.headers)) {
    headers[k] = maskConfigValue(v);
    if (isInlineSecret(k, v)) inlineSecrets.push(`header:${k}`);
  }
  if (args.some((a, i) => a !== s.args[i])) inlineSecrets.push('args');

  const launched = launchedPackage(s.command, s.args);
  const allValues = [...Object.values(s.env), ...Object.values(s.headers), ...s.args, s.url ?? ''];
  const usedInputs = [...new Set(allValues.flatMap(inputReferences))].map((id) => inputs.get(id) ?? { id });
  const remote = !!s.url;
  const attrs: Attrs = {
    name: s.name,
    command: s.command,
    args: s.command ? args : undefined,
    url: s.url ? maskSecrets(s.url) : undefined,
    transport: s.transport,
    env: Object.keys(env).length ? env : undefined,
    headers: Object.keys(headers).length ? headers : undefined,
    clients: [client],
    package: launched?.package,
    version: launched?.version,
    packageEcosystem: launched?.ecosystem,
    runner: launched?.runner,
    pinned: launched ? launched.pinned : undefined,
    remote,
    insecureTransport: remote ? /^http:\/\//i.test(s.url!) && !/^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])[:/]/i.test(s.url!) : undefined,
    inlineSecrets: inlineSecrets.length ? inlineSecrets : undefined,
    inputs: usedInputs.length ? usedInputs : undefined,
    disabled: s.disabled || undefined,
  };
  const server = ctx.asset({
    kind: 'mcp-server',
    key: `${s.name}|${target}`,
    name: s.name,
    attrs: compact(attrs),
    evidence: [ctx.at(line, `${s.name}: ${target}`.slice(0, 160))],
  });

  // credentials the server is given: env entries under secret-like or provider names, and env references
  const secretNames = new Map<string, { literal?: string }>();
  for (const [k, v] of Object.entries(s.env)) {
    const refs = envReferences(v);
    if (isSecretName(k) || ENV_VAR_PROVIDER[k]) secretNames.set(k, hasReference(v) ? {} : { literal: v });
    for (const r of refs) if (isSecretName(r) || ENV_VAR_PROVIDER[r]) secretNames.set(r, secretNames.get(r) ?? {});
  }
  for (const v of [...Object.values(s.headers), ...s.args]) for (const r of envReferences(v)) if (isSecretName(r) || ENV_VAR_PROVIDER[r]) secretNames.set(r, secretNames.get(r) ?? {});
  for (const [name, { literal }] of secretNames) {
    const hasValue = !!literal && isInlineSecret(name, literal);
    const secret = ctx.asset({
      kind: 'secret',
      key: `env:${name}`,
      name,
      ...(ENV_VAR_PROVIDER[name] ? { provider: ENV_VAR_PROVIDER[name] } : {}),
      attrs: compact({
        envVar: name,
        provider: ENV_VAR_PROVIDER[name],
        hasValue,
        valueMasked: hasValue ? maskValue(literal!) : undefined,
        definedIn: hasValue ? [ctx.at().file!] : undefined,
      }),
      evidence: [ctx.at(line, `${s.name}: ${name}`)],
    });
    ctx.edge(server, 'authenticates-with', secret, { line });
  }
}

function compact(a: Attrs): Record<string, AttrValue> {
  return Object.fromEntries(Object.entries(a).filter((e): e is [string, AttrValue] => e[1] !== undefined));
}
