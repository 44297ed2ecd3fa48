// Resolves CloudFormation intrinsic functions as far as the template states them: parameters by their
// defaults, `Ref` / `Fn::GetAtt` to other resources as references (edges are drawn from them), names
// and bucket ARNs where the template fixes them, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
// `Fn::FindInMap` and `Fn::If` over conditions that can be decided. Pseudo parameters become readable
// placeholders (`{region}`); what stays unknown is an `Unresolved` with its source.

import { isRecord, ResourceRef, Unresolved, type Value } from '../terraform/values.js';
import type { Template } from './template.js';

const PSEUDO: Record<string, string> = {
  'AWS::Region': '{region}',
  'AWS::AccountId': '{account-id}',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': '{stack-name}',
  'AWS::StackId': '{stack-id}',
};

/** The property that names each resource type (its physical name when set). */
export const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::SageMaker::Model': 'ModelName',
  'AWS::SageMaker::EndpointConfig': 'EndpointConfigName',
  'AWS::SageMaker::Endpoint': 'EndpointName',
  'AWS::SageMaker::NotebookInstance': 'NotebookInstanceName',
  'AWS::SageMaker::Pipeline': 'PipelineName',
  'AWS::SageMaker::Domain': 'DomainName',
  'AWS::SageMaker::DataQualityJobDefinition': 'JobDefinitionName',
  'AWS::SageMaker::FeatureGroup': 'FeatureGroupName',
  'AWS::IAM::RolePolicy': 'PolicyName',
  'AWS::Bedrock::Agent': 'AgentName',
  'AWS::Bedrock::KnowledgeBase': 'Name',
  'AWS::Bedrock::Guardrail': 'Name',
  'AWS::Bedrock::DataSource': 'Name',
  'AWS::OpenSearchService::Domain': 'DomainName',
  'AWS::OpenSearchServerless::Collection': 'Name',
  'AWS::OpenSearchServerless::SecurityPolicy': 'Name',
};

const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = Value | typeof NO_VALUE;

export class Resolver {
  private readonly naming = new Set<string>();

  constructor(readonly tpl: Template) {}

  /** The resource's name: its name property when the template fixes it, else the logical id. */
  physicalName(id: string): { name: string; fromLogicalId: boolean; expression?: Value } {
    const r = this.tpl.resources[id];
    const prop = r ? NAME_PROPERTY[r.Type] : undefined;
    if (prop && r?.Properties?.[prop] !== undefined && !this.naming.has(id)) {
      this.naming.add(id);
      const v = this.resolve(r.Properties[prop]);
      this.naming.delete(id);
      if (typeof v === 'string') return { name: v, fromLogicalId: false };
      return { name: id, fromLogicalId: true, expression: v };
    }
    return { name: id, fromLogicalId: true };
  }

  resolve(v: unknown): Value {
    const r = this.value(v);
    return r === NO_VALUE ? null : r;
  }

  private value(v: unknown): Resolved {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((x) => this.value(x)).filter((x): x is Value => x !== NO_VALUE);
    if (typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return this.intrinsic(keys[0]!, o[keys[0]!]);
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(o)) {
      const r = this.value(x);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private text(fn: string, arg: unknown): Unresolved {
    return new Unresolved(`${fn === 'Ref' ? '!Ref' : `!${fn.slice(4)}`} ${JSON.stringify(arg)}`);
  }

  private ref(name: string): Resolved {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO[name]) return PSEUDO[name]!;
    const p = this.tpl.parameters[name];
    if (p) {
      if (p.Default === undefined) return new Unresolved(`!Ref ${name}`);
      // list parameters take their default as comma-separated text
      const list = typeof p.Type === 'string' && (p.Type === 'CommaDelimitedList' || p.Type.startsWith('List<'));
      return list && typeof p.Default === 'string' ? p.Default.split(',').map((x) => x.trim()) : this.value(p.Default);
    }
    const r = this.tpl.resources[name];
    if (!r) return new Unresolved(`!Ref ${name}`);
    // Ref of a bucket, role or named resource gives its name
    if (NAME_PROPERTY[r.Type] && !this.physicalName(name).fromLogicalId) return this.physicalName(name).name;
    return new ResourceRef(r.Type, (r.Properties ?? {}) as Record<string, Value>, name, 'Ref');
  }

  private getAtt(id: string, attr: string): Value {
    const r = this.tpl.resources[id];
    if (!r) return new Unresolved(`!GetAtt ${id}.${attr}`);
    const named = this.physicalName(id);
    if (!named.fromLogicalId && r.Type === 'AWS::S3::Bucket' && attr === 'Arn') return `arn:aws:s3:::${named.name}`;
    if (!named.fromLogicalId && /Name$/.test(attr)) return named.name;
    return new ResourceRef(r.Type, (r.Properties ?? {}) as Record<string, Value>, id, attr);
  }

  private intrinsic(fn: string, arg: unknown): Resolved {
    switch (fn) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg) : this.text(fn, arg);
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return id && attr.length ? this.getAtt(id, attr.join('.')) : this.text(fn, arg);
      }
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Join': {
        const [sep, items] = Array.isArray(arg) ? arg : [];
        const list = this.value(items);
        if (typeof sep !== 'string' || !Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) return this.text(fn, arg);
        return list.join(sep);
      }
      case 'Fn::Select': {
        const [i, items] = Array.isArray(arg) ? arg : [];
        const list = this.value(items);
        const n = Number(this.value(i));
        return Array.isArray(list) && list[n] !== undefined ? list[n]! : this.text(fn, arg);
      }
      case 'Fn::Split': {
        const [sep, s] = Array.isArray(arg) ? arg : [];
        const str = this.value(s);
        return typeof sep === 'string' && typeof str === 'string' ? str.split(sep) : this.text(fn, arg);
      }
      case 'Fn::FindInMap': {
        const [m, a, b] = (Array.isArray(arg) ? arg : []).map((x) => this.value(x));
        const hit = (this.tpl.mappings as Record<string, Record<string, Record<string, unknown>>>)[String(m)]?.[String(a)]?.[String(b)];
        return hit !== undefined ? this.value(hit) : this.text(fn, arg);
      }
      case 'Fn::If': {
        const [cond, yes, no] = Array.isArray(arg) ? arg : [];
        const c = this.condition(this.tpl.conditions[String(cond)]);
        return c === undefined ? this.text(fn, arg) : this.value(c ? yes : no);
      }
      case 'Fn::ToJsonString':
        return this.value(arg);
      default:
        return this.text(fn, arg);
    }
  }

  /** Decides a condition when every operand resolves; undefined otherwise. */
  private condition(c: unknown): boolean | undefined {
    if (!isRecord(c as Value)) return undefined;
    const [fn, arg] = Object.entries(c as Record<string, unknown>)[0] ?? [];
    const args = Array.isArray(arg) ? arg : [];
    switch (fn) {
      case 'Fn::Equals': {
        const [a, b] = args.map((x) => this.value(x));
        if (a instanceof Unresolved || b instanceof Unresolved || a instanceof ResourceRef || b instanceof ResourceRef) return undefined;
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not': {
        const x = this.condition(args[0]);
        return x === undefined ? undefined : !x;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const xs = args.map((x) => this.condition(x));
        if (xs.some((x) => x === undefined)) return undefined;
        return fn === 'Fn::And' ? xs.every(Boolean) : xs.some(Boolean);
      }
      case 'Condition':
        return this.condition(this.tpl.conditions[String(arg)]);
      default:
        return undefined;
    }
  }

  private sub(arg: unknown): Value {
    const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof template !== 'string') return this.text('Fn::Sub', arg);
    const local = (vars ?? {}) as Record<string, unknown>;
    let unresolved = false;
    // `${Name}`, `${Res.Attr}`, `${AWS::Region}`; `${!Literal}` stays literal
    const out = template.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      const v = name in local ? this.value(local[name]) : name.includes('.') ? this.getAtt(name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)) : this.ref(name);
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      unresolved = true;
      return `\${${name}}`;
    });
    return unresolved ? new Unresolved(out) : out;
  }
}
