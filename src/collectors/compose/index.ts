// Collector `compose`: docker-compose / Compose Specification files. Services that run AI images, or whose
// environment and command name models and provider credentials, become `workload` assets with image,
// published ports, masked environment, volumes and privileges; ports published on every interface put
// the service behind the `internet` node (attrs.bindAll), and a service built from a Dockerfile is tied
// to that Dockerfile's workload.

import path from 'node:path/posix';
import type { AttrValue } from '../../model/index.js';
import { analyseContainer, maskArgv, splitWords, unpinnedModels, type EnvEntry } from '../dockerfile/container.js';
import { emitContainerLinks, internet } from '../dockerfile/emit.js';
import { imageAttrs, imageRollup } from '../dockerfile/images.js';
import { serverAttrs } from '../dockerfile/server-auth.js';
import { isRecord, parseYaml, str, type Json } from '../ci/yaml.js';
import type { CollectContext, Collector } from '../types.js';
import { parsePort, portAttrs } from './ports.js';

const COMPOSE_FILE = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/;


export const composeCollector: Collector = {
  id: 'compose',
  version: '1.0.0',
  wants: (_rel, base) => COMPOSE_FILE.test(base),
  async collect(file, ctx) {
    const { file: y, doc: js, error } = parseYaml(file.rel, await file.text());
    if (error) {
      ctx.warn(error.message, error.line);
      return;
    }
    if (!isRecord(js) || !isRecord(js.services)) return;
    const lineOf = (p: Array<string | number>) => y.lineOf(p);
    const topSecrets = isRecord(js.secrets) ? js.secrets : {};
    for (const [name, svc] of Object.entries(js.services)) {
      if (!isRecord(svc)) {
        ctx.warn(`service "${name}" is not a mapping`, lineOf(['services', name]));
        continue;
      }
      emitService(ctx, file.rel, name, svc, topSecrets, (p) => lineOf(['services', name, ...p]));
    }
  },
};

/** `environment:` as a list (`A=b`, `B`) or a map; values may be interpolations (`${OPENAI_API_KEY}`). */
function envEntries(v: unknown, lineOf: (p: Array<string | number>) => number | undefined): EnvEntry[] {
  if (Array.isArray(v)) {
    return v.map((raw, i) => {
      const s = String(raw);
      const eq = s.indexOf('=');
      const name = eq < 0 ? s : s.slice(0, eq);
      // `- NAME` passes the variable through from the host environment
      return eq < 0 ? { name, from: `host-env:${name}`, line: lineOf(['environment', i]) } : { name, value: s.slice(eq + 1), line: lineOf(['environment', i]) };
    });
  }
  if (isRecord(v)) {
    return Object.entries(v).map(([name, val]) =>
      val === null || val === undefined ? { name, from: `host-env:${name}`, line: lineOf(['environment', name]) } : { name, value: str(val) ?? '', line: lineOf(['environment', name]) },
    );
  }
  return [];
}

function argv(v: unknown): string[] {
  if (typeof v === 'string') return splitWords(v);
  return Array.isArray(v) ? v.map(String) : [];
}

function emitService(ctx: CollectContext, rel: string, name: string, svc: Json, topSecrets: Json, lineOf: (p: Array<string | number>) => number | undefined): void {
  const line = lineOf([]);
  const env = envEntries(svc.environment, lineOf);
  // Compose secrets are mounted as files under /run/secrets; their names are credentials the service holds.
  const secretNames = (Array.isArray(svc.secrets) ? svc.secrets : []).map((s) => (isRecord(s) ? str(s.source) : str(s))).filter((s): s is string => !!s);
  const image = str(svc.image);
  const analysis = analyseContainer({ image, command: [...argv(svc.entrypoint), ...argv(svc.command)], env, line });
  const ports = (Array.isArray(svc.ports) ? svc.ports : []).map(parsePort).filter((p): p is NonNullable<typeof p> => !!p);
  const isAi = !!analysis.ai || analysis.models.length > 0 || analysis.services.length > 0 || analysis.modelUris.length > 0;
  if (!isAi) return;

  const attrs: Record<string, AttrValue> = { platform: 'compose', service: name, file: rel };
  if (analysis.ref) Object.assign(attrs, imageAttrs(analysis.ref, analysis.ai), imageRollup([analysis]));
  else if (image) attrs.image = image;
  Object.assign(attrs, serverAttrs(analysis.server, svc.env_file !== undefined));
  const unpinned = unpinnedModels(analysis);
  if (unpinned.length) attrs.unpinnedModels = unpinned;
  const build = isRecord(svc.build) ? svc.build : typeof svc.build === 'string' ? { context: svc.build } : undefined;
  const dockerfile = build ? path.normalize(path.join(path.dirname(rel), str(build.context) ?? '.', str(build.dockerfile) ?? 'Dockerfile')) : undefined;
  if (dockerfile) attrs.build = dockerfile;
  if (ports.length) {
    attrs.ports = ports.map(portAttrs);
    attrs.bindAll = ports.some((p) => p.bindAll);
  }
  if (Object.keys(analysis.env).length) attrs.env = analysis.env;
  const envFiles = (Array.isArray(svc.env_file) ? svc.env_file : svc.env_file ? [svc.env_file] : []).map((f) => (isRecord(f) ? str(f.path) : str(f))).filter((f): f is string => !!f);
  if (envFiles.length) attrs.envFiles = envFiles;
  const volumes = (Array.isArray(svc.volumes) ? svc.volumes : []).map(volumeOf).filter((v): v is NonNullable<typeof v> => !!v);
  if (volumes.length) attrs.volumes = volumes.map((v) => `${v.source}:${v.target}${v.readOnly ? ':ro' : ''}`);
  const hostMounts = volumes.filter((v) => /^(?:\/|\.|~)/.test(v.source)).map((v) => v.source);
  if (hostMounts.length) attrs.hostPathMounts = hostMounts;
  if (hostMounts.some((m) => /(?:docker|containerd|crio)\.sock$/.test(m))) attrs.runtimeSocketMounted = true;
  if (typeof svc.privileged === 'boolean') attrs.privileged = svc.privileged;
  const user = str(svc.user);
  if (user) attrs.user = user;
  attrs.runsAsRoot = user === undefined ? null : /^(?:root|0)(?::|$)/.test(user);
  if (str(svc.network_mode) === 'host') attrs.hostNetwork = true;
  if (str(svc.pid) === 'host') attrs.hostPID = true;
  if (Array.isArray(svc.cap_add)) attrs.capabilitiesAdded = svc.cap_add.map(String);
  if (Array.isArray(svc.security_opt)) attrs.securityOpt = svc.security_opt.map(String);
  if (typeof svc.read_only === 'boolean') attrs.readOnlyRootFilesystem = svc.read_only;
  const gpus = gpuRequest(svc);
  if (gpus) attrs.gpus = gpus;
  if (secretNames.length) attrs.secrets = secretNames;
  if (analysis.modelPaths.length) attrs.modelPaths = analysis.modelPaths;
  const cmd = [...argv(svc.entrypoint), ...argv(svc.command)];
  if (cmd.length) attrs.command = maskArgv(cmd);

  const workload = ctx.asset({
    kind: 'workload',
    key: `compose:${rel}#${name}`,
    name,
    attrs,
    evidence: [ctx.at(line, `${name}: ${image ?? `build ${dockerfile ?? ''}`}`)],
  });
  emitContainerLinks(ctx, workload, analysis, line, 'compose');
  for (const s of secretNames) {
    const def = isRecord(topSecrets[s]) ? (topSecrets[s] as Json) : {};
    const envVar = str(def.environment);
    if (envVar) emitContainerLinks(ctx, workload, { secrets: [{ envVar, source: `compose-secret:${s}`, line: lineOf(['secrets']) }], services: [], models: [] });
  }
  const open = ports.filter((p) => p.bindAll);
  if (open.length) {
    ctx.edge(internet(ctx), 'exposes', workload, { line: lineOf(['ports']) ?? line }, { bindAll: true, ports: open.map((p) => p.published ?? p.target) });
  }
  if (dockerfile) ctx.edge(workload, 'derived-from', { path: dockerfile, from: rel, kinds: ['workload'] }, { line: lineOf(['build']) ?? line });
}

function volumeOf(v: unknown): { source: string; target: string; readOnly: boolean } | undefined {
  if (typeof v === 'string') {
    const parts = v.split(':');
    if (parts.length < 2) return undefined;
    return { source: parts[0]!, target: parts[1]!, readOnly: parts[2] === 'ro' };
  }
  if (isRecord(v) && str(v.source) && str(v.target)) return { source: str(v.source)!, target: str(v.target)!, readOnly: v.read_only === true };
  return undefined;
}

/** GPUs reserved through `deploy.resources.reservations.devices` (count, or `all` as -1) or `gpus:`. */
function gpuRequest(svc: Json): number | string | undefined {
  if (svc.gpus !== undefined) return str(svc.gpus);
  const devices = (svc.deploy as Json | undefined)?.resources as Json | undefined;
  const list = ((devices?.reservations as Json | undefined)?.devices ?? []) as unknown[];
  for (const d of Array.isArray(list) ? list : []) {
    if (!isRecord(d) || !Array.isArray(d.capabilities) || !d.capabilities.includes('gpu')) continue;
    return d.count === 'all' ? 'all' : typeof d.count === 'number' ? d.count : 'all';
  }
  return undefined;
}
