// Squid's native access.log (`logformat squid`):
//   time.ms elapsed client result/status bytes method URL user hierarchy/peer type
//   1718000000.123    245 10.1.2.3 TCP_TUNNEL/200 5123 CONNECT api.openai.com:443 alice HIER_DIRECT/1.2.3.4 -
// and the common / combined formats (`logformat common`, Apache-style forward proxies):
//   10.1.2.3 - alice [10/Jun/2024:10:00:00 +0000] "GET http://example.com/ HTTP/1.1" 200 512 ...
// Squid writes the reply size, so bytes count as received; no native field holds the request size.

import { hostOf } from '../host.js';
import { present, SKIP, type LineResult } from '../records.js';
import { parseTime } from '../time.js';
import type { LineParser } from './types.js';

const WS = /\s+/;
const EPOCH = /^\d{9,10}(?:\.\d+)?$/;
const RESULT = /^[A-Z_]+\/\d{3}$/;

export function squidParser(): LineParser {
  return {
    format: 'squid',
    line(text) {
      const t = text.trim();
      if (!t || t.startsWith('#')) return SKIP;
      const f = t.split(WS);
      if (f.length < 7) return { error: `expected at least 7 space-separated fields of Squid's native format, found ${f.length}` };
      if (!EPOCH.test(f[0])) return { error: `"${f[0].slice(0, 40)}" is not an epoch timestamp` };
      if (!RESULT.test(f[3])) return { error: `"${f[3].slice(0, 40)}" is not a result code/status` };
      const host = hostOf(f[6]);
      if (!host) return SKIP;
      return {
        record: {
          type: 'proxy',
          host,
          time: parseTime(f[0]),
          source: present(f[2]),
          user: present(f[7]),
          bytesIn: Number(f[4]) || 0,
          ...(f[3].includes('DENIED') ? { blocked: true } : {}),
        },
      };
    },
  };
}

// host ident user [time] "request" status bytes; the request's URL is absolute (or host:port) on a forward proxy.
const CLF_LINE = /^(\S+) (\S+) (\S+) \[([^\]]+)\] "([^"]*)" (\d{3}|-) (\d+|-)/;

export function clfParser(): LineParser {
  return {
    format: 'clf',
    line(text) {
      if (!text.trim() || text.startsWith('#')) return SKIP;
      const m = CLF_LINE.exec(text);
      if (!m) return { error: 'not a common log format line (host ident user [time] "request" status bytes)' };
      const req = m[5].split(' ');
      const host = hostOf(req.length > 1 ? req[1] : req[0]);
      // a path-only request (a web server's own log) names no destination
      if (!host || (req[1] ?? '').startsWith('/')) return SKIP;
      return {
        record: {
          type: 'proxy',
          host,
          time: parseTime(m[4]),
          source: present(m[1]),
          user: present(m[3]),
          ...(m[7] !== '-' ? { bytesIn: Number(m[7]) } : {}),
          ...(m[6] === '403' ? { blocked: true } : {}),
        },
      };
    },
  };
}
