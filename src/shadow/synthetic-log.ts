// Deterministic synthetic egress traffic for the example organisation, the tests and the benchmark: the
// same seed gives the same bytes. Mostly ordinary browsing and SaaS, some sanctioned AI (the application
// servers calling the OpenAI and Anthropic APIs, engineers using GitHub Copilot) and some shadow AI (people
// on laptops in ChatGPT, Claude, DeepSeek and Perplexity).

import type { LogFormat } from './parsers/index.js';
import { prng } from '../util/rng.js';


interface Client {
  ip: string;
  name: string;
  user: string;
}

interface Flow {
  host: string;
  /** Relative weight among flows. */
  weight: number;
  clients: Client[];
  method: 'CONNECT' | 'GET' | 'POST';
  bytesOut: [number, number];
  bytesIn: [number, number];
  /** Share of requests the proxy refuses. */
  denied?: number;
}

const APP_SERVERS: Client[] = [
  { ip: '10.10.1.15', name: 'app-web-01', user: 'svc-web-assistant' },
  { ip: '10.10.1.16', name: 'app-web-02', user: 'svc-web-assistant' },
  { ip: '10.10.1.21', name: 'app-support-01', user: 'svc-support-agent' },
];
const ENGINEERS = ['jdoe', 'asmith', 'mlee', 'kpatel'].map((u, i) => ({ ip: `10.20.4.${31 + i}`, name: `lt-${u}`, user: u }));
const STAFF = ['rgarcia', 'tnguyen', 'bcohen', 'lmartin', 'ocarter', 'pwalsh'].map((u, i) => ({ ip: `10.20.5.${11 + i}`, name: `lt-${u}`, user: u }));
const ML_TEAM = ['mlee', 'kpatel'].map((u) => ENGINEERS.find((e) => e.user === u)!);
const EVERYONE = [...ENGINEERS, ...STAFF];

const ORDINARY_HOSTS = [
  'www.google.com', 'mail.google.com', 'outlook.office365.com', 'teams.microsoft.com', 'github.com', 'api.github.com',
  'intranet.acme.example', 'wiki.acme.example', 'hr.acme.example', 'slack.com', 'acme.atlassian.net', 'zoom.us',
  'www.wikipedia.org', 'news.ycombinator.com', 'stackoverflow.com', 'docs.python.org', 'update.googleapis.com',
  'login.microsoftonline.com', 'cdn.jsdelivr.net', 'fonts.gstatic.com', 'www.bbc.co.uk', 'd1.awsstatic.com',
  's3.eu-west-1.amazonaws.com', 'sts.amazonaws.com', 'hooks.slack.com', 'www.linkedin.com',
];

const FLOWS: Flow[] = [
  ...ORDINARY_HOSTS.map((host): Flow => ({ host, weight: 34, clients: [...EVERYONE, ...APP_SERVERS], method: 'CONNECT', bytesOut: [400, 6000], bytesIn: [2000, 400000] })),
  // sanctioned: the applications' own API calls, engineers' Copilot
  { host: 'api.openai.com', weight: 24, clients: APP_SERVERS, method: 'CONNECT', bytesOut: [1500, 24000], bytesIn: [800, 9000] },
  { host: 'api.anthropic.com', weight: 9, clients: APP_SERVERS.slice(2), method: 'CONNECT', bytesOut: [1500, 30000], bytesIn: [800, 9000] },
  { host: 'api.githubcopilot.com', weight: 10, clients: ENGINEERS, method: 'CONNECT', bytesOut: [2000, 16000], bytesIn: [500, 5000] },
  // shadow: people in chat UIs and unapproved APIs
  { host: 'chatgpt.com', weight: 12, clients: [...STAFF, ENGINEERS[0]], method: 'CONNECT', bytesOut: [800, 60000], bytesIn: [4000, 90000] },
  { host: 'cdn.oaistatic.com', weight: 3, clients: [...STAFF, ENGINEERS[0]], method: 'CONNECT', bytesOut: [300, 900], bytesIn: [20000, 300000] },
  { host: 'claude.ai', weight: 6, clients: [STAFF[1], STAFF[3], ENGINEERS[1]], method: 'CONNECT', bytesOut: [800, 80000], bytesIn: [4000, 60000] },
  { host: 'chat.deepseek.com', weight: 2, clients: [STAFF[4]], method: 'CONNECT', bytesOut: [600, 20000], bytesIn: [3000, 40000], denied: 0.5 },
  { host: 'api.deepseek.com', weight: 1, clients: [ENGINEERS[3]], method: 'CONNECT', bytesOut: [1000, 12000], bytesIn: [800, 6000] },
  { host: 'www.perplexity.ai', weight: 3, clients: [STAFF[0], STAFF[5]], method: 'CONNECT', bytesOut: [500, 8000], bytesIn: [5000, 70000] },
  { host: 'huggingface.co', weight: 2, clients: ML_TEAM, method: 'GET', bytesOut: [300, 1200], bytesIn: [10000, 900000] },
];

export interface SyntheticEvent {
  time: number;
  client: Client;
  host: string;
  method: Flow['method'];
  status: number;
  denied: boolean;
  bytesOut: number;
  bytesIn: number;
  elapsed: number;
}

/** 2024-06-03T08:00:00Z: the example week starts on a Monday morning. */
export const SYNTHETIC_START = Date.UTC(2024, 5, 3, 8, 0, 0);

export function* syntheticEvents(count: number, seed = 42): Generator<SyntheticEvent> {
  const rnd = prng(seed);
  const total = FLOWS.reduce((n, f) => n + f.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const f of FLOWS) cumulative.push((acc += f.weight / total));
  const between = (r: [number, number]) => r[0] + Math.floor(rnd() * (r[1] - r[0]));
  let time = SYNTHETIC_START;
  for (let i = 0; i < count; i++) {
    time += Math.floor(rnd() * 3000); // a few events a second
    const x = rnd();
    let k = 0;
    while (cumulative[k] < x) k++;
    const f = FLOWS[Math.min(k, FLOWS.length - 1)];
    const client = f.clients[Math.floor(rnd() * f.clients.length)];
    const denied = f.denied !== undefined && rnd() < f.denied;
    yield {
      time,
      client,
      host: f.host,
      method: f.method,
      status: denied ? 403 : 200,
      denied,
      bytesOut: denied ? 0 : between(f.bytesOut),
      bytesIn: denied ? 3900 : between(f.bytesIn),
      elapsed: 2 + Math.floor(rnd() * 1500),
    };
  }
}

const secs = (ms: number) => (ms / 1000).toFixed(3);
const url = (e: SyntheticEvent) => (e.method === 'CONNECT' ? `${e.host}:443` : `https://${e.host}/api/models/${e.client.user}`);

/** One line per event in the given format (Zeek and CSV formats start with their header lines). */
export const FORMATTERS: Record<Exclude<LogFormat, 'clf'> | 'zeek-dns', { header: string[]; line: (e: SyntheticEvent, i: number) => string }> = {
  squid: {
    header: [],
    line: (e) =>
      `${secs(e.time)} ${String(e.elapsed).padStart(6)} ${e.client.ip} ${e.denied ? 'TCP_DENIED' : e.method === 'CONNECT' ? 'TCP_TUNNEL' : 'TCP_MISS'}/${e.status} ${e.bytesIn} ${e.method} ${url(e)} ${e.client.user} ${e.denied ? 'HIER_NONE/-' : `HIER_DIRECT/${e.host}`} ${e.method === 'CONNECT' ? '-' : 'application/json'}`,
  },
  zeek: {
    header: [
      '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tssl', '#open\t2024-06-03-08-00-00',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tcipher\tserver_name\testablished',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\tbool',
    ],
    line: (e, i) => `${secs(e.time)}\tC${(i * 2654435761 >>> 0).toString(36)}\t${e.client.ip}\t${49152 + (i % 16000)}\t203.0.113.${i % 250}\t443\tTLSv13\tTLS_AES_128_GCM_SHA256\t${e.host}\tT`,
  },
  'zeek-dns': {
    header: [
      '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tdns', '#open\t2024-06-03-08-00-00',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name\trcode_name\tanswers',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring\tstring\tvector[string]',
    ],
    line: (e, i) => `${secs(e.time)}\tD${(i * 40503 >>> 0).toString(36)}\t${e.client.ip}\t${30000 + (i % 30000)}\t10.0.0.2\t53\tudp\t${e.host}\tA\tNOERROR\t203.0.113.${i % 250}`,
  },
  json: {
    header: [],
    line: (e) => JSON.stringify({ timestamp: new Date(e.time).toISOString(), src_ip: e.client.ip, user: e.client.user, dest_host: e.host, action: e.denied ? 'block' : 'allow', bytes_out: e.bytesOut, bytes_in: e.bytesIn }),
  },
  csv: {
    header: ['ts,src_user,src_ip,dest_host,bytes_out,bytes_in,action'],
    line: (e) => `${new Date(e.time).toISOString()},${e.client.user},${e.client.ip},${e.host},${e.bytesOut},${e.bytesIn},${e.denied ? 'blocked' : 'allowed'}`,
  },
  kv: {
    header: [],
    line: (e) => {
      const d = new Date(e.time).toISOString();
      return `date=${d.slice(0, 10)} time=${d.slice(11, 19)} devname="fw-edge-01" type="traffic" subtype="forward" srcip=${e.client.ip} user="${e.client.user}" dstip=203.0.113.7 dstport=443 hostname="${e.host}" action="${e.denied ? 'deny' : 'accept'}" sentbyte=${e.bytesOut} rcvdbyte=${e.bytesIn}`;
    },
  },
};

/** The whole log as lines (header first). */
export function* syntheticLog(format: keyof typeof FORMATTERS, count: number, seed = 42): Generator<string> {
  const f = FORMATTERS[format];
  yield* f.header;
  let i = 0;
  for (const e of syntheticEvents(count, seed)) yield f.line(e, i++);
}
