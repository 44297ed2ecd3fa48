// Reads the framework files (`frameworks/<id>.yaml`: controls mapped to check ids). Validated here so that a
// broken file is reported with its name and the key at fault instead of surfacing as a wrong report.

import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FRAMEWORKS, type FrameworkDefinition, type FrameworkId } from '../model/index.js';
import { fromPackageRoot } from '../policy/package-root.js';

export class FrameworkLoadError extends Error {}

const FrameworkFileSchema = z
  .object({
    id: z.enum(FRAMEWORKS),
    name: z.string().min(1),
    version: z.union([z.string(), z.number()]).transform(String).optional(),
    url: z.string().min(1).optional(),
    controls: z.array(
      z
        .object({
          id: z.union([z.string(), z.number()]).transform(String),
          title: z.string().min(1),
          checks: z.array(z.string().min(1)).nullish().transform((v) => v ?? []),
        })
        .strict(),
    ),
  })
  .strict();

export function isFrameworkId(s: string): s is FrameworkId {
  return (FRAMEWORKS as readonly string[]).includes(s);
}

/** Parses one framework file's text; `file` names it in errors. */
export function parseFramework(text: string, file: string): FrameworkDefinition {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new FrameworkLoadError(`${file}: (yaml): ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = FrameworkFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FrameworkLoadError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const c of parsed.data.controls) {
    if (seen.has(c.id)) throw new FrameworkLoadError(`${file}: controls: duplicate control id ${c.id}`);
    seen.add(c.id);
  }
  return parsed.data;
}

/** The bundled mapping for one framework. */
export function loadFramework(id: FrameworkId): FrameworkDefinition {
  const file = fromPackageRoot('frameworks', `${id}.yaml`);
  if (!existsSync(file)) throw new FrameworkLoadError(`frameworks/${id}.yaml not found`);
  const def = parseFramework(readFileSync(file, 'utf8'), `frameworks/${id}.yaml`);
  if (def.id !== id) throw new FrameworkLoadError(`frameworks/${id}.yaml: id: says ${def.id}`);
  return def;
}

export function loadFrameworks(): FrameworkDefinition[] {
  return FRAMEWORKS.map((id) => loadFramework(id));
}
