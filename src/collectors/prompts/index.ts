// Collector `prompts`: prompt files (Dotprompt `.prompt`, Prompty `.prompty`, Jinja templates and text or
// Markdown under a prompts folder) and promptfoo configurations. Each prompt is a `prompt` asset keyed by
// its path, with role, format, variables and a masked preview; a model named in its front matter (or in a
// promptfoo provider) becomes a `model` asset the prompt `uses-model`.

import path from 'node:path/posix';
import type { AttrValue } from '../../model/index.js';
import type { CollectContext, Collector, KeyRef } from '../types.js';
import { modelFromName, modelFromPrompty, type ModelRef } from './models.js';
import { collectPromptfoo, isPromptfooConfig } from './promptfoo.js';
import { preview, splitFrontMatter, templateVariables } from './template.js';

/** Folders whose text files are prompts: `prompts`, `prompt`, `system_prompts`, `llm-prompts`. */
const PROMPT_DIR = /^(?:[\w-]*[_-])?prompts?$/i;
const NOT_PROMPTS = /^(?:readme|changelog|license|licence|contributing|code_of_conduct)(?:\.|$)/i;

type Format = 'dotprompt' | 'prompty' | 'jinja' | 'markdown' | 'text';

function formatOf(rel: string, base: string): Format | undefined {
  const ext = path.extname(base);
  if (ext === '.prompt') return 'dotprompt';
  if (ext === '.prompty') return 'prompty';
  const dirs = path.dirname(rel).split('/');
  if (!dirs.some((d) => PROMPT_DIR.test(d)) || NOT_PROMPTS.test(base)) return undefined;
  if (ext === '.j2' || ext === '.jinja' || ext === '.jinja2') return 'jinja';
  if (ext === '.md') return 'markdown';
  if (ext === '.txt') return 'text';
  return undefined;
}

export const promptsCollector: Collector = {
  id: 'prompts',
  version: '1.0.0',
  wants: (rel, base) => isPromptfooConfig(base) || formatOf(rel, base) !== undefined,
  async collect(file, ctx) {
    const base = path.basename(file.rel).toLowerCase();
    const emitModel = (m: ModelRef, line?: number) => modelAsset(ctx, m, line);
    if (isPromptfooConfig(base)) return collectPromptfoo(file, ctx, emitModel);
    const format = formatOf(file.rel, base);
    if (!format) return;
    const text = await file.text();
    const { data, body, bodyLine } = splitFrontMatter(text, (m, l) => ctx.warn(m, l));

    let modelName: string | undefined;
    let ref: ModelRef | undefined;
    let parameters: Record<string, AttrValue> | undefined;
    if (format === 'prompty') {
      const p = modelFromPrompty(data.model);
      ({ ref, name: modelName } = p);
      parameters = p.parameters as Record<string, AttrValue> | undefined;
    } else if (typeof data.model === 'string') {
      modelName = data.model;
      ref = modelFromName(data.model);
    }
    const config = data.config && typeof data.config === 'object' ? (data.config as Record<string, AttrValue>) : undefined;
    const variables = templateVariables(body);
    const prompt = ctx.asset({
      kind: 'prompt',
      key: file.rel,
      name: typeof data.name === 'string' ? data.name : path.basename(file.rel),
      attrs: Object.fromEntries(
        Object.entries({
          format,
          role: roleOf(file.rel, data, body, variables),
          variables,
          preview: preview(body),
          length: body.length,
          model: modelName,
          parameters: parameters ?? config,
          description: typeof data.description === 'string' ? preview(data.description) : undefined,
        }).filter(([, v]) => v !== undefined),
      ),
      evidence: [ctx.at(bodyLine, body.split('\n').find((l) => l.trim()))],
    });
    if (ref) ctx.edge(prompt, 'uses-model', modelAsset(ctx, ref, lineOfModel(text)), { line: lineOfModel(text) });
  },
};

function lineOfModel(text: string): number | undefined {
  const i = text.split('\n').findIndex((l) => /^\s*(?:model|azure_deployment|name)\s*:/.test(l) && /model|deployment/.test(l));
  return i >= 0 ? i + 1 : undefined;
}

/** system when the name, the front matter or a role marker in the body says so; else template or user. */
function roleOf(rel: string, data: Record<string, unknown>, body: string, variables: string[]): string {
  const declared = typeof data.role === 'string' ? data.role.toLowerCase() : undefined;
  if (declared) return declared;
  if (/system/i.test(rel)) return 'system';
  // Prompty sections (`system:` on its own line) and Dotprompt role helpers (`{{role "system"}}`)
  if (/^\s*system\s*:\s*$/m.test(body) || /\{\{\s*role\s+["']system["']\s*\}\}/.test(body)) return 'system';
  return variables.length ? 'template' : 'user';
}

function modelAsset(ctx: CollectContext, m: ModelRef, line?: number): KeyRef {
  return ctx.asset({
    kind: 'model',
    key: `${m.provider}/${m.id}`,
    name: m.id,
    provider: m.provider,
    attrs: { modelId: m.id, ...(m.task ? { task: m.task } : {}) },
    evidence: [ctx.at(line)],
  });
}
