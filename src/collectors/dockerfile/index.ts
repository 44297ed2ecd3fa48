// Collector `dockerfile`: Dockerfiles and Containerfiles (parsed by dockerfile-ast, never built). An image
// that is AI (an AI base image, AI packages installed, models downloaded at build time, AI credentials or
// model names in ENV/CMD) becomes a `workload` asset `dockerfile:<path>` with its base images, the user it
// runs as, masked ENV, exposed ports, installed AI packages and downloaded models.

import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { AttrValue } from '../../model/index.js';
import { isSecretName } from '../../util/mask.js';
import { analyseScript, emptyFacts } from '../ci/commands.js';
import type { CollectContext, Collector, KeyRef } from '../types.js';
import { analyseContainer, maskArgv, unpinnedModels, type EnvEntry } from './container.js';
import { emitContainerLinks, emitModel } from './emit.js';
import { classifyImage, imageAttrs, imageRollup, parseImageRef } from './images.js';
import { serverAttrs } from './server-auth.js';

export function isDockerfileName(base: string): boolean {
  return base === 'dockerfile' || base === 'containerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base.endsWith('.containerfile');
}

export const dockerfileCollector: Collector = {
  id: 'dockerfile',
  version: '1.0.0',
  wants: (_rel, base) => isDockerfileName(base),
  async collect(file, ctx) {
    const text = await file.text();
    const df = DockerfileParser.parse(text);
    const instructions = df.getInstructions();
    if (!instructions.some((i) => i.getKeyword() === 'FROM')) {
      if (instructions.length) ctx.warn('Dockerfile has no FROM instruction', lineOf(instructions[0]!));
      return;
    }
    describe(ctx, file.rel, instructions);
  },
};

/** 1-based line of an instruction (the parser counts from 0). */
function lineOf(i: Instruction): number {
  return i.getRange().start.line + 1;
}

interface Stage {
  image: string;
  alias?: string;
  line: number;
}

function describe(ctx: CollectContext, rel: string, instructions: Instruction[]): void {
  const stages: Stage[] = [];
  const env: EnvEntry[] = [];
  const facts = emptyFacts();
  let user: { name: string; line: number } | undefined;
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  const exposed: string[] = [];
  const aliases = new Set<string>();
  // ARGs declared before the first FROM parameterise base images (`FROM ${BASE}`)
  const globalArgs = new Map<string, string>();

  for (const ins of instructions) {
    const kw = ins.getKeyword();
    const line = lineOf(ins);
    const args = ins.getArguments().map((a) => a.getValue());
    switch (kw) {
      case 'FROM': {
        // flags (`--platform=...`) come first; `AS name` names the stage
        const words = args.filter((a) => !a.startsWith('--'));
        const image = substitute(words[0] ?? '', globalArgs);
        const alias = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
        stages.push({ image, ...(alias ? { alias } : {}), line });
        if (alias) aliases.add(alias.toLowerCase());
        // each stage starts again as the base image's user
        user = undefined;
        entrypoint = [];
        cmd = [];
        break;
      }
      case 'ENV':
        for (const p of (ins as unknown as { getProperties(): Array<{ getName(): string; getValue(): string | null }> }).getProperties()) {
          env.push({ name: p.getName(), value: p.getValue() ?? '', line });
        }
        break;
      case 'ARG':
        // build arguments with secret-like names and defaults bake a credential into the image history
        for (const a of args) {
          const eq = a.indexOf('=');
          if (!stages.length && eq > 0) globalArgs.set(a.slice(0, eq), a.slice(eq + 1).replace(/^["']|["']$/g, ''));
          if (eq > 0 && isSecretName(a.slice(0, eq))) env.push({ name: a.slice(0, eq), value: a.slice(eq + 1), line });
        }
        break;
      case 'USER':
        user = { name: args[0] ?? '', line };
        break;
      case 'RUN':
        analyseScript(ins.getArgumentsContent() ?? '', line, facts);
        break;
      case 'ADD':
        analyseScript(`curl ${args.join(' ')}`, line, facts);
        break;
      case 'CMD':
      case 'ENTRYPOINT': {
        const words = execForm(ins) ?? args;
        if (kw === 'CMD') cmd = words;
        else entrypoint = words;
        break;
      }
      case 'EXPOSE':
        exposed.push(...args);
        break;
    }
  }

  const final = stages[stages.length - 1]!;
  const finalIsStage = aliases.has(final.image.toLowerCase());
  const analysis = analyseContainer({ image: finalIsStage ? undefined : final.image, command: entrypoint, args: cmd, env, line: final.line });
  const bases = stages.filter((s) => !aliases.has(s.image.toLowerCase())).map((s) => {
    const ref = s.image.includes('$') ? undefined : parseImageRef(s.image);
    return { s, ref, ai: ref ? classifyImage(ref) : undefined };
  });
  const aiBase = bases.find((b) => b.ai);
  const isAi = !!aiBase || facts.packages.length > 0 || facts.models.length > 0 || analysis.models.length > 0 || analysis.services.length > 0 || facts.purposes.size > 0;
  if (!isAi) return;

  const attrs: Record<string, AttrValue> = { platform: 'docker', file: rel, stages: stages.length };
  attrs.baseImages = bases.map((b): Record<string, AttrValue> => (b.ref ? { ...imageAttrs(b.ref, b.ai), line: b.s.line } : { image: b.s.image, unresolved: true, line: b.s.line }));
  const finalBase = bases.length && bases[bases.length - 1]!.s === final ? bases[bases.length - 1] : undefined;
  if (finalBase?.ref) attrs.finalBaseImage = finalBase.ref.image;
  // the final image is what runs; earlier stages only build it
  if (finalBase) Object.assign(attrs, imageRollup([finalBase]));
  Object.assign(attrs, serverAttrs(analysis.server));
  const unpinned = unpinnedModels(analysis);
  if (unpinned.length) attrs.unpinnedModels = unpinned;
  const products = [...new Set(bases.map((b) => b.ai?.product).filter((p): p is string => !!p))];
  if (products.length) attrs.products = products;
  if (user) attrs.user = user.name;
  attrs.userDeclared = !!user;
  // no USER in the final stage: the base image's user, root for nearly every base image
  attrs.runsAsRoot = user ? /^(?:root|0)(?::|$)/.test(user.name) : null;
  if (Object.keys(analysis.env).length) attrs.env = analysis.env;
  if (exposed.length) attrs.exposedPorts = exposed;
  if (analysis.modelPaths.length) attrs.modelPaths = analysis.modelPaths;
  if (facts.packages.length) attrs.aiPackages = [...new Set(facts.packages.map((p) => (p.version ? `${p.name}==${p.version}` : p.name)))];
  if (facts.models.length) attrs.modelDownloads = [...new Set(facts.models.map((m) => `${m.via} ${m.id}`))];
  if (facts.purposes.size) attrs.buildSteps = [...facts.purposes].sort();
  const argv = [...entrypoint, ...cmd];
  if (argv.length) attrs.command = maskArgv(argv);

  const workload = ctx.asset({
    kind: 'workload',
    key: `dockerfile:${rel}`,
    name: rel,
    attrs,
    evidence: [ctx.at(final.line, `FROM ${final.image}`)],
  });
  emitContainerLinks(ctx, workload, analysis, final.line, 'dockerfile');
  for (const m of facts.models) {
    const model = emitModel(ctx, m, m.line);
    ctx.edge(workload, 'uses-model', model, { line: m.line }, { via: m.via, buildTime: true });
  }
  emitLibraries(ctx, workload, facts.packages);
}

/** `${NAME}` / `$NAME` replaced by global ARG defaults; unknown names are left as written. */
function substitute(image: string, args: Map<string, string>): string {
  return image.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => args.get((a ?? b)!) ?? m);
}

/** `CMD ["a", "b"]` as its words (the parser's arguments keep JSON quotes and commas). */
function execForm(ins: Instruction): string[] | undefined {
  const content = (ins.getArgumentsContent() ?? '').trim();
  if (!content.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(content) as unknown;
    return Array.isArray(v) ? v.map(String) : undefined;
  } catch {
    return undefined;
  }
}

function emitLibraries(ctx: CollectContext, workload: KeyRef, packages: ReturnType<typeof emptyFacts>['packages']): void {
  for (const p of packages) {
    // PEP 503: runs of -, _ and . are one separator
    const name = p.name.toLowerCase().split(/[-_.]/).filter(Boolean).join('-');
    const version = p.version ?? '*';
    const attrs: Record<string, AttrValue> = { ecosystem: 'pypi', package: name, version, category: p.entry.category };
    if (p.entry.product) attrs.product = p.entry.product;
    if (p.entry.provider) attrs.provider = p.entry.provider;
    attrs.purl = `pkg:pypi/${name}${p.version ? `@${p.version}` : ''}`;
    const lib = ctx.asset({ kind: 'library', key: `pypi:${name}@${version}`, name, ...(p.entry.provider ? { provider: p.entry.provider } : {}), attrs, evidence: [ctx.at(p.line, `pip install ${p.name}`)] });
    ctx.edge(workload, 'depends-on', lib, { line: p.line });
  }
}

