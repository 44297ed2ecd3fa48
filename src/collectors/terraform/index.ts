// Collector `terraform`: AI infrastructure declared in Terraform (SageMaker, Bedrock, OpenSearch, S3,
// IAM, Azure OpenAI / ML / AI Search / AI Foundry, Vertex AI, Cloud Storage). Each `.tf` file describes
// its own resources, evaluated with the whole folder (variables, tfvars, locals, other resources) and
// following local `module` calls into their folders; a folder that is itself called as a module is
// described by its caller, with the inputs the caller gives it.

import path from 'node:path';
import type { CollectContext, Collector, FileInput } from '../types.js';
import { ResourceEmit } from './emit.js';
import { DiskFolders } from './folders.js';
import { HclSyntaxError, parseHcl } from './hcl.js';
import { ModuleUnit, tfFile, type Declaration } from './module.js';
import { HANDLERS } from './resources/index.js';

export const terraformCollector: Collector = {
  id: 'terraform',
  version: '1.0.0',
  wants: (_rel, base) => base.endsWith('.tf'),
  async collect(file, ctx) {
    const text = await file.text();
    const disk = diskFor(file);
    let self;
    try {
      // through the folder cache when on disk: loading the folder below then reuses this parse
      self = disk ? await disk.parseFile(file.rel, text) : tfFile(file.rel, text, await parseHcl(path.posix.basename(file.rel), text));
    } catch (e) {
      ctx.warn(`malformed HCL: ${(e as Error).message}`, e instanceof HclSyntaxError ? e.line : undefined);
      return;
    }
    const dirRel = path.posix.dirname(file.rel);
    if (disk && (await disk.isCalledModule(dirRel))) return;
    const loaded = disk ? await disk.load(dirRel) : undefined;
    const files = [self, ...(loaded?.files.filter((f) => f.rel !== file.rel) ?? [])];
    const unit = new ModuleUnit(dirRel, files, loaded?.tfvars ?? {}, undefined, '', disk);
    await describe(unit, (d) => d.file === self, ctx, new Set([dirRel]), file.rel);
  },
};

/** The scanned root on disk, when the input is a real file (tests may pass files from memory). */
function diskFor(file: FileInput): DiskFolders | undefined {
  const abs = file.abs.split(path.sep).join('/');
  if (!path.isAbsolute(file.abs) || !abs.endsWith(`/${file.rel}`)) return undefined;
  return new DiskFolders(file.abs.slice(0, file.abs.length - file.rel.length - 1));
}

/** Describes the chosen declarations of a unit; module calls describe every resource of the child. */
async function describe(unit: ModuleUnit, pick: (d: Declaration) => boolean, ctx: CollectContext, ancestors: Set<string>, currentRel: string): Promise<void> {
  for (const decl of unit.declarations) {
    if (!pick(decl)) continue;
    if (decl.mode === 'module') {
      for (const inst of await unit.instances(decl)) {
        const child = await unit.child(inst);
        if (child && !ancestors.has(child.dirRel)) await describe(child, () => true, ctx, new Set([...ancestors, child.dirRel]), currentRel);
      }
      continue;
    }
    const handler = decl.mode === 'resource' ? HANDLERS[decl.type] : undefined;
    if (!handler) continue;
    for (const inst of await unit.instances(decl)) {
      try {
        await handler(new ResourceEmit(ctx, inst));
      } catch (e) {
        ctx.warn(`could not describe ${inst.address} (${decl.file.rel}): ${(e as Error).message}`, decl.file.rel === currentRel ? decl.line : undefined);
      }
    }
  }
}
