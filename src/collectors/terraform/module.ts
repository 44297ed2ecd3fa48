// A Terraform module is a folder: every `.tf` file in it shares variables, locals and resources, and
// `*.tfvars` beside them set variables. A `ModuleUnit` is one folder evaluated with its inputs (from
// tfvars and defaults for a root module, from the calling `module` block for a child), expanding
// `for_each` and `count` into instances.

import { Evaluator, index, type Scope, type Segment } from './evaluate.js';
import { blockHeaders, headerLine, type BlockHeader, type HclDocument } from './hcl.js';
import { block, blocks, isRecord, num, ResourceRef, str, Unresolved, type Value } from './values.js';

export interface TfFile {
  rel: string;
  text: string;
  doc: HclDocument;
  headers: BlockHeader[];
}

export interface Declaration {
  mode: 'resource' | 'data' | 'module';
  type: string;
  name: string;
  raw: Record<string, Value>;
  file: TfFile;
  line?: number;
}

export interface Instance {
  decl: Declaration;
  /** Full address, with the module path: `module.ml["a"].aws_s3_bucket.data[0]`. */
  address: string;
  key?: string | number;
  body: Record<string, Value>;
  unit: ModuleUnit;
}

/** Loads a module folder (relative to the scanned root) and the literal values of its tfvars. */
export interface FolderSource {
  load(dirRel: string): Promise<{ files: TfFile[]; tfvars: Record<string, Value> } | undefined>;
}

export function tfFile(rel: string, text: string, doc: HclDocument): TfFile {
  return { rel, text, doc, headers: blockHeaders(text) };
}

/** Arguments of a `module` block that configure the call rather than set inputs. */
const MODULE_META = new Set(['source', 'version', 'for_each', 'count', 'providers', 'depends_on']);
const MAX_INSTANCES = 200;

// Computed attributes that equal an argument for these types (`aws_s3_bucket.x.id` is the bucket name).
const ID_ARGUMENT: Record<string, string> = {
  aws_s3_bucket: 'bucket',
  aws_iam_role: 'name',
  aws_iam_policy: 'name',
  aws_sagemaker_model: 'name',
  aws_sagemaker_endpoint_configuration: 'name',
  aws_sagemaker_endpoint: 'name',
  aws_sagemaker_notebook_instance: 'name',
  aws_opensearch_domain: 'domain_name',
  aws_opensearchserverless_collection: 'name',
};

export class ModuleUnit {
  readonly evaluator = new Evaluator();
  readonly declarations: Declaration[] = [];
  private readonly variables = new Map<string, Value>();
  private readonly localsRaw = new Map<string, Value>();
  private readonly localValues = new Map<string, Value>();
  private readonly instanceCache = new Map<Declaration, Instance[]>();
  private readonly evaluating = new Set<unknown>();
  private readonly children = new Map<string, ModuleUnit | undefined>();

  constructor(
    readonly dirRel: string,
    readonly files: TfFile[],
    tfvars: Record<string, Value>,
    /** Inputs from the calling module block (already evaluated); undefined for a root module. */
    inputs: Record<string, Value> | undefined,
    /** `module.ml["a"].` for a child, empty for the root. */
    readonly prefix: string,
    readonly source: FolderSource | undefined,
    readonly parent?: ModuleUnit,
    readonly depth = 0,
  ) {
    for (const f of files) {
      for (const [name, bodies] of Object.entries(isRecord(f.doc.variable) ? f.doc.variable : {})) {
        const def = block(bodies)?.default;
        if (def !== undefined) this.variables.set(name, def);
      }
      for (const l of blocks(f.doc.locals)) for (const [k, v] of Object.entries(l)) this.localsRaw.set(k, v);
      for (const mode of ['resource', 'data'] as const) {
        for (const [type, byName] of Object.entries(isRecord(f.doc[mode]) ? f.doc[mode] : {})) {
          if (!isRecord(byName)) continue;
          for (const [name, bodies] of Object.entries(byName)) {
            const raw = block(bodies);
            if (raw) this.declarations.push({ mode, type, name, raw, file: f, line: headerLine(f.headers, mode, type, name) });
          }
        }
      }
      for (const [name, bodies] of Object.entries(isRecord(f.doc.module) ? f.doc.module : {})) {
        const raw = block(bodies);
        if (raw) this.declarations.push({ mode: 'module', type: 'module', name, raw, file: f, line: headerLine(f.headers, 'module', name) });
      }
    }
    for (const [k, v] of Object.entries(tfvars)) this.variables.set(k, v);
    for (const [k, v] of Object.entries(inputs ?? {})) this.variables.set(k, v);
  }

  get root(): ModuleUnit {
    return this.parent ? this.parent.root : this;
  }

  /** The variables' values as evaluated for this unit (defaults are literals in Terraform). */
  scope(extra?: Partial<Scope>): Scope {
    return {
      variable: (n) => this.variables.get(n),
      local: (n) => this.local(n),
      resource: (t, n, rest, text) => this.resourceValue('resource', t, n, rest, text),
      data: (t, n, rest, text) => this.resourceValue('data', t, n, rest, text),
      module: (n, rest, text) => this.moduleValue(n, rest, text),
      pathModule: this.dirRel,
      ...extra,
    };
  }

  private async local(name: string): Promise<Value | undefined> {
    if (this.localValues.has(name)) return this.localValues.get(name);
    const raw = this.localsRaw.get(name);
    if (raw === undefined) return undefined;
    const guard = `local.${name}`;
    if (this.evaluating.has(guard)) return new Unresolved(guard);
    this.evaluating.add(guard);
    const v = await this.evaluator.value(raw, this.scope());
    this.evaluating.delete(guard);
    this.localValues.set(name, v);
    return v;
  }

  declaration(mode: Declaration['mode'], type: string, name: string): Declaration | undefined {
    return this.declarations.find((d) => d.mode === mode && d.type === type && d.name === name);
  }

  /** The instances of a declaration: one per `for_each` key or `count` index, else one. */
  async instances(decl: Declaration): Promise<Instance[]> {
    const cached = this.instanceCache.get(decl);
    if (cached) return cached;
    if (this.evaluating.has(decl)) return [];
    this.evaluating.add(decl);
    const base = decl.mode === 'module' ? `${this.prefix}module.${decl.name}` : `${this.prefix}${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    const { for_each: forEachRaw, count: countRaw, ...rest } = decl.raw;
    const out: Instance[] = [];
    const make = async (key: string | number | undefined, extra: Partial<Scope>) => {
      const body = (await this.evaluator.value(rest, this.scope(extra))) as Record<string, Value>;
      const address = key === undefined ? base : typeof key === 'number' ? `${base}[${key}]` : `${base}["${key}"]`;
      out.push({ decl, address, key, body, unit: this });
    };
    if (forEachRaw !== undefined) {
      const fe = await this.evaluator.value(forEachRaw, this.scope());
      if (isRecord(fe)) for (const [k, v] of Object.entries(fe).slice(0, MAX_INSTANCES)) await make(k, { each: { key: k, value: v } });
      else if (Array.isArray(fe) && fe.every((x) => typeof x === 'string'))
        for (const k of (fe as string[]).slice(0, MAX_INSTANCES)) await make(k, { each: { key: k, value: k } });
      else {
        // keys unknown: one instance whose `each` stays symbolic
        const expr = fe instanceof Unresolved ? fe.expr : String(forEachRaw);
        await make(undefined, { each: { key: new Unresolved('each.key'), value: new Unresolved(`each.value (${expr})`) } });
      }
    } else if (countRaw !== undefined) {
      const n = num(await this.evaluator.value(countRaw, this.scope()));
      if (n === undefined) await make(undefined, {});
      else for (let i = 0; i < Math.min(n, MAX_INSTANCES); i++) await make(i, { countIndex: i });
    } else await make(undefined, {});
    this.evaluating.delete(decl);
    this.instanceCache.set(decl, out);
    return out;
  }

  /** Every instance of every resource of a type in this unit. */
  async instancesOfType(type: string, mode: Declaration['mode'] = 'resource'): Promise<Instance[]> {
    const out: Instance[] = [];
    for (const d of this.declarations) if (d.mode === mode && d.type === type) out.push(...(await this.instances(d)));
    return out;
  }

  private async resourceValue(mode: 'resource' | 'data', type: string, name: string, rest: Segment[], text: string): Promise<Value> {
    const decl = this.declaration(mode, type, name);
    if (!decl) return new Unresolved(text);
    const insts = await this.instances(decl);
    const expanded = decl.raw.for_each !== undefined || decl.raw.count !== undefined;
    let inst: Instance | undefined;
    let attrs = rest;
    if (expanded && insts.every((i) => i.key !== undefined)) {
      inst = insts.find((i) => i.key === rest[0]);
      attrs = rest.slice(1);
    } else inst = insts[0];
    if (!inst) return new Unresolved(text);
    if (!attrs.length) return inst.body;
    const [attr, ...more] = attrs;
    if (inst.body[String(attr)] !== undefined) return index(inst.body[String(attr)], more, text);
    const idArg = ID_ARGUMENT[type];
    const named = idArg ? str(inst.body[idArg]) : undefined;
    if (named !== undefined && (attr === 'id' || attr === idArg)) return named;
    if (named !== undefined && attr === 'arn' && type === 'aws_s3_bucket') return `arn:aws:s3:::${named}`;
    if (mode === 'data' && type === 'aws_iam_policy_document' && attr === 'json') return policyDocument(inst.body);
    return new ResourceRef(type, inst.body, inst.address, String(attr));
  }

  /** The child unit a module instance calls, loaded once. */
  async child(inst: Instance): Promise<ModuleUnit | undefined> {
    if (this.children.has(inst.address)) return this.children.get(inst.address);
    this.children.set(inst.address, undefined);
    const source = str(inst.body.source);
    const dir = source && this.source && this.depth < 5 ? localModuleDir(this.dirRel, source) : undefined;
    const loaded = dir !== undefined ? await this.source!.load(dir) : undefined;
    if (!loaded) return undefined;
    const inputs = Object.fromEntries(Object.entries(inst.body).filter(([k]) => !MODULE_META.has(k)));
    const unit = new ModuleUnit(dir!, loaded.files, {}, inputs, `${inst.address}.`, this.source, this, this.depth + 1);
    this.children.set(inst.address, unit);
    return unit;
  }

  private async moduleValue(name: string, rest: Segment[], text: string): Promise<Value> {
    const decl = this.declaration('module', 'module', name);
    if (!decl) return new Unresolved(text);
    const insts = await this.instances(decl);
    const expanded = decl.raw.for_each !== undefined || decl.raw.count !== undefined;
    const inst = expanded ? insts.find((i) => i.key === rest[0]) : insts[0];
    const [output, ...more] = expanded ? rest.slice(1) : rest;
    const unit = inst && (await this.child(inst));
    if (!unit || output === undefined) return new Unresolved(text);
    return index(await unit.output(String(output)), more, text);
  }

  async output(name: string): Promise<Value> {
    for (const f of this.files) {
      const o = isRecord(f.doc.output) ? block(f.doc.output[name]) : undefined;
      if (o) return this.evaluator.value(o.value, this.scope());
    }
    return new Unresolved(`output.${name}`);
  }
}

/** A `source` that is a local path (`./x`, `../x`), resolved against the calling folder; never outside the root. */
export function localModuleDir(dirRel: string, source: string): string | undefined {
  if (!/^\.\.?\//.test(source)) return undefined;
  const parts = dirRel === '.' || dirRel === '' ? [] : dirRel.split('/');
  for (const seg of source.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : '.';
}

/** `data "aws_iam_policy_document"` rendered as the policy structure its `json` attribute holds. */
function policyDocument(body: Record<string, Value>): Value {
  const statements = blocks(body.statement).map((s) => {
    const out: Record<string, Value> = { Effect: str(s.effect) ?? 'Allow' };
    if (s.actions !== undefined) out.Action = s.actions;
    if (s.not_actions !== undefined) out.NotAction = s.not_actions;
    if (s.resources !== undefined) out.Resource = s.resources;
    const principals = blocks(s.principals);
    if (principals.length) {
      const p: Record<string, Value[]> = {};
      for (const b of principals) {
        const type = str(b.type) ?? 'AWS';
        const ids = Array.isArray(b.identifiers) ? b.identifiers : [b.identifiers ?? '*'];
        (p[type] ??= []).push(...ids);
      }
      out.Principal = p.AWS?.length === 1 && p.AWS[0] === '*' && Object.keys(p).length === 1 ? '*' : p;
    }
    if (s.condition !== undefined) out.Condition = s.condition;
    return out;
  });
  return { Version: '2012-10-17', Statement: statements };
}
