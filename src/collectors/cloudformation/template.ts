// CloudFormation templates in YAML (with the short intrinsic tags `!Ref`, `!GetAtt`, `!Sub`...) or JSON:
// parsed into the canonical JSON form (`{ "Fn::GetAtt": [...] }`), with the line of each resource.

import { parseTree, findNodeAtLocation, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isMap, isScalar, LineCounter, parseDocument, type Tags } from 'yaml';
import { lineAt } from '../manifests/text.js';

export interface Template {
  parameters: Record<string, Record<string, unknown>>;
  mappings: Record<string, unknown>;
  conditions: Record<string, unknown>;
  resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  /** 1-based line of each resource's logical id. */
  lines: Map<string, number>;
}

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Equals', 'Not', 'And', 'Or', 'Cidr', 'Length', 'ToJsonString'];
const canonical = (n: string) => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);

// One tag per node shape: `!GetAtt Role.Arn` (scalar), `!GetAtt [Role, Arn]` (sequence), `!Sub` with a map of variables
const TAGS: Tags = INTRINSICS.flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => ({ [canonical(n)]: n === 'GetAtt' ? s.split(/\.(.*)/s).filter(Boolean) : s }) },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (seq: { toJSON(): unknown }) => ({ [canonical(n)]: seq.toJSON() }) },
  { tag: `!${n}`, collection: 'map' as const, resolve: (m: { toJSON(): unknown }) => ({ [canonical(n)]: m.toJSON() }) },
]) as Tags;

/** Cheap test before parsing: CloudFormation templates say so, or declare `AWS::` resource types. */
export function looksLikeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && /AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text));
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Undefined when the document is not a CloudFormation template. */
function template(doc: unknown, lines: Map<string, number>): Template | undefined {
  const d = rec(doc);
  const resources = rec(d.Resources);
  const isTemplate = d.AWSTemplateFormatVersion !== undefined || Object.values(resources).some((r) => typeof rec(r).Type === 'string' && String(rec(r).Type).startsWith('AWS::'));
  if (!isTemplate) return undefined;
  return {
    parameters: rec(d.Parameters) as Template['parameters'],
    mappings: rec(d.Mappings),
    conditions: rec(d.Conditions),
    resources: Object.fromEntries(Object.entries(resources).filter(([, r]) => typeof rec(r).Type === 'string')) as Template['resources'],
    lines,
  };
}

export function parseTemplate(rel: string, text: string): Template | undefined {
  return /\.json$/i.test(rel) ? parseJson(text) : parseYaml(text);
}

function parseYaml(text: string): Template | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: TAGS, lineCounter, uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new TemplateSyntaxError(`malformed YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
  }
  const lines = new Map<string, number>();
  const resources = isMap(doc.contents) ? doc.contents.get('Resources', true) : undefined;
  if (isMap(resources))
    for (const pair of resources.items)
      if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
  return template(doc.toJS(), lines);
}

function parseJson(text: string): Template | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors);
  if (errors.length || !tree) throw new TemplateSyntaxError(`malformed JSON: ${printParseErrorCode(errors[0]!.error)}`, errors[0] ? lineAt(text, errors[0].offset) : undefined);
  const doc = JSON.parse(text) as unknown;
  const lines = new Map<string, number>();
  const resources = findNodeAtLocation(tree, ['Resources']);
  for (const prop of resources?.children ?? []) {
    const key = prop.children?.[0];
    if (key?.type === 'string') lines.set(String(key.value), lineAt(text, key.offset));
  }
  return template(doc, lines);
}
