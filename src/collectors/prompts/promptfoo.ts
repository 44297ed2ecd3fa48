// promptfoo configurations: the prompts under test (files or inline text), the providers that run them
// (which name models) and LangChain hub prompt references.

import { createHash } from 'node:crypto';
import path from 'node:path/posix';
import { parseDocument } from 'yaml';
import type { AttrValue } from '../../model/index.js';
import { findTokenLine, isRecord } from '../manifests/text.js';
import type { CollectContext, FileInput, KeyRef, Ref } from '../types.js';
import { modelFromPromptfoo, type ModelRef } from './models.js';
import { preview, templateVariables } from './template.js';

export function isPromptfooConfig(base: string): boolean {
  return /^promptfooconfig\.(?:ya?ml|json)$/.test(base);
}

// `langchain://hub/owner/name`, `lc://owner/name`, `hub:owner/name`, `smith.langchain.com/hub/owner/name[:commit]`
const HUB_REF = /(?:langchain:\/\/hub\/|lc:\/\/|langchain-hub:|hub:\/{0,2}|smith\.langchain\.com\/hub\/)([A-Za-z0-9][\w-]*\/[A-Za-z0-9][\w.-]*)(?::([0-9a-f]{8,64}))?/g;

export async function collectPromptfoo(file: FileInput, ctx: CollectContext, emitModel: (m: ModelRef, line?: number) => KeyRef): Promise<void> {
  const text = await file.text();
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    ctx.warn(`malformed promptfoo config: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
    return;
  }
  const cfg = doc.toJS() as unknown;
  if (!isRecord(cfg)) return;

  // providers (called `targets` by newer versions): strings, `{ id }` objects or `{ "<id>": {...} }` maps
  const providerIds: string[] = [];
  for (const p of [...asList(cfg.providers), ...asList(cfg.targets)]) {
    if (typeof p === 'string') providerIds.push(p);
    else if (isRecord(p) && typeof p.id === 'string') providerIds.push(p.id);
    else if (isRecord(p)) providerIds.push(...Object.keys(p));
  }
  const models = providerIds.flatMap((id) => {
    const m = modelFromPromptfoo(id);
    return m ? [emitModel(m, findTokenLine(text, id))] : [];
  });

  const fileRefs: string[] = [];
  const inline: Array<{ text: string; label?: string }> = [];
  for (const p of asList(cfg.prompts)) {
    const raw = typeof p === 'string' ? p : isRecord(p) ? (typeof p.raw === 'string' ? p.raw : typeof p.id === 'string' ? p.id : undefined) : undefined;
    if (!raw) continue;
    if (raw.startsWith('file://')) fileRefs.push(raw.slice('file://'.length).replace(/:[\w.]+$/, ''));
    else if (!HUB_REF.test(raw)) inline.push({ text: raw, ...(isRecord(p) && typeof p.label === 'string' ? { label: p.label } : {}) });
    HUB_REF.lastIndex = 0;
  }
  const hubRefs = [...text.matchAll(HUB_REF)].map((m) => ({ ref: m[1]!, commit: m[2], line: findTokenLine(text, m[0]) }));

  const config = ctx.asset({
    kind: 'prompt',
    key: file.rel,
    name: path.basename(file.rel),
    attrs: {
      format: 'promptfoo',
      role: 'template',
      prompts: fileRefs,
      providers: providerIds,
      models: models.map((m) => m.key),
      ...(hubRefs.length ? { hubRefs: hubRefs.map((h) => h.ref) } : {}),
      ...(typeof cfg.description === 'string' ? { preview: preview(cfg.description) } : {}),
    },
    evidence: [ctx.at(1, typeof cfg.description === 'string' ? `description: ${cfg.description}` : undefined)],
  });
  const targets: Ref[] = [config];
  // prompt files the config evaluates: linked by path, resolved by the builder when they are prompt assets
  for (const rel of fileRefs) targets.push({ path: rel, from: file.rel, kinds: ['prompt'] });
  for (const p of inline) {
    const sha = createHash('sha256').update(p.text).digest('hex').slice(0, 16);
    const line = findTokenLine(text, p.text.split('\n')[0]!.slice(0, 40).trim()) ?? findTokenLine(text, 'prompts:');
    targets.push(
      ctx.asset({
        kind: 'prompt',
        key: `inline:${sha}`,
        name: p.label ?? `${path.basename(file.rel)} prompt`,
        attrs: { format: 'promptfoo-inline', role: 'template', variables: templateVariables(p.text), preview: preview(p.text), length: p.text.length },
        evidence: [ctx.at(line, p.text.split('\n')[0])],
      }),
    );
  }
  for (const h of hubRefs) {
    targets.push(
      ctx.asset({
        kind: 'prompt',
        key: `langchain-hub:${h.ref}`,
        name: h.ref,
        attrs: { format: 'langchain-hub', hubRef: h.ref, ...(h.commit ? { commit: h.commit } : {}), remote: true, pinned: !!h.commit } as Record<string, AttrValue>,
        evidence: [ctx.at(h.line, h.ref)],
      }),
    );
  }
  for (const t of targets) for (const m of models) ctx.edge(t, 'uses-model', m);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}
