// Compose port publishing, short (`"127.0.0.1:8000:8000/tcp"`, `"8000"`) and long (`{ target, published,
// host_ip }`) syntax. A port published without a host IP, or on 0.0.0.0 / ::, listens on every interface
// of the host, which is how a local model server ends up reachable from the network.

import type { AttrValue } from '../../model/index.js';

export interface PublishedPort {
  target: string;
  published?: string;
  hostIp?: string;
  protocol?: string;
  bindAll: boolean;
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]', '']);

/** Parses one `ports:` entry; undefined when it cannot be read. */
export function parsePort(entry: unknown): PublishedPort | undefined {
  if (typeof entry === 'number') return { target: String(entry), bindAll: true };
  if (typeof entry === 'string') return parseShort(entry.trim());
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    if (e.target === undefined) return undefined;
    const hostIp = typeof e.host_ip === 'string' ? e.host_ip : undefined;
    return {
      target: String(e.target),
      ...(e.published !== undefined ? { published: String(e.published) } : {}),
      ...(hostIp ? { hostIp } : {}),
      ...(typeof e.protocol === 'string' ? { protocol: e.protocol } : {}),
      bindAll: ALL_INTERFACES.has(hostIp ?? ''),
    };
  }
  return undefined;
}

function parseShort(s: string): PublishedPort | undefined {
  if (!s) return undefined;
  let body = s;
  let protocol: string | undefined;
  const slash = body.lastIndexOf('/');
  if (slash > 0) {
    protocol = body.slice(slash + 1);
    body = body.slice(0, slash);
  }
  let hostIp: string | undefined;
  // an IPv6 host in brackets: `[::1]:8000:8000`
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0) return undefined;
    hostIp = body.slice(1, close);
    body = body.slice(close + 2);
  }
  const parts = body.split(':');
  if (!hostIp && parts.length === 3) hostIp = parts.shift()!;
  if (parts.length > 2 || parts.some((p) => !/^[\d$][\w${}:-]*$/.test(p))) return undefined;
  const [a, b] = parts;
  const port: PublishedPort = { target: b ?? a!, bindAll: ALL_INTERFACES.has(hostIp ?? '') };
  if (b !== undefined) port.published = a!;
  if (hostIp) port.hostIp = hostIp;
  if (protocol) port.protocol = protocol;
  return port;
}

export function portAttrs(p: PublishedPort): Record<string, AttrValue> {
  const a: Record<string, AttrValue> = { target: p.target };
  if (p.published) a.published = p.published;
  if (p.hostIp) a.hostIp = p.hostIp;
  if (p.protocol) a.protocol = p.protocol;
  a.bindAll = p.bindAll;
  return a;
}
