// Collector `cloudformation`: AI infrastructure declared in CloudFormation templates (YAML with short
// intrinsic tags, or JSON). Parameters resolve to their defaults, `Ref` / `Fn::GetAtt` between resources
// become edges, and keys match the Terraform and code collectors' so each thing is one asset.

import type { Collector } from '../types.js';
import { CfnEmit } from './emit.js';
import { Resolver } from './intrinsics.js';
import { CFN_HANDLERS } from './resources.js';
import { looksLikeTemplate, parseTemplate, TemplateSyntaxError } from './template.js';

const TEMPLATE_FILE = /\.(?:ya?ml|json|template)$/i;

export const cloudformationCollector: Collector = {
  id: 'cloudformation',
  version: '1.0.0',
  wants: (_rel, base) => TEMPLATE_FILE.test(base) && !base.endsWith('package.json') && !base.endsWith('package-lock.json'),
  async collect(file, ctx) {
    const text = await file.text();
    if (!looksLikeTemplate(text)) return;
    let tpl;
    try {
      tpl = parseTemplate(file.rel, text);
    } catch (e) {
      ctx.warn((e as Error).message, e instanceof TemplateSyntaxError ? e.line : undefined);
      return;
    }
    if (!tpl) return;
    const resolver = new Resolver(tpl);
    for (const [id, r] of Object.entries(tpl.resources)) {
      const handler = CFN_HANDLERS[r.Type];
      if (!handler) continue;
      const line = tpl.lines.get(id);
      try {
        handler(new CfnEmit(ctx, resolver, id, r.Type, line));
      } catch (e) {
        ctx.warn(`could not describe ${id} (${r.Type}): ${(e as Error).message}`, line);
      }
    }
  },
};
