import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { EgressAggregator, summariseAll } from './aggregate.js';
import { analyseLog } from './analyse.js';
import { detectFormat } from './parsers/index.js';
import { parseColumnSpec } from './records.js';
import { analyseFixture } from './test-helpers.js';
import { readFileSync } from 'node:fs';
import { fixture } from './test-helpers.js';

test('squid native access.log: exact aggregates per service, malformed lines reported by number', async () => {
  const { stats, services, byId } = await analyseFixture('squid-access.log');
  assert.equal(stats.format, 'squid');
  assert.deepEqual({ lines: stats.lines, records: stats.records, matched: stats.matched, malformed: stats.malformed }, { lines: 12, records: 10, matched: 7, malformed: 2 });
  assert.deepEqual(stats.warnings.map((w) => w.line), [5, 12]);
  assert.match(stats.warnings[0].message, /malformed squid line: "this" is not an epoch timestamp/);
  assert.deepEqual(services.map((s) => s.service), ['openai', 'anthropic', 'deepseek', 'perplexity']);

  const openai = byId.get('openai')!;
  assert.deepEqual(
    { requests: openai.requests, bytesReceived: openai.bytesReceived, bytesSent: openai.bytesSent, categories: openai.categories, users: openai.users, hosts: openai.hosts },
    { requests: 4, bytesReceived: 5120 + 48210 + 310 + 7000, bytesSent: undefined, categories: ['api', 'chat'], users: ['jdoe', 'svc-web'], hosts: ['10.20.4.31', '10.10.1.15', '10.10.1.16'] },
  );
  assert.deepEqual(openai.destinations, ['api.openai.com', 'cdn.oaistatic.com', 'chatgpt.com']);
  assert.equal(openai.firstSeen, '2024-06-01T10:00:00.120Z');
  assert.equal(openai.lastSeen, '2024-06-01T10:00:30.000Z');
  assert.deepEqual(openai.logs.map((l) => [l.file, l.line, l.requests]), [['squid-access.log', 1, 4]]);
  // no allow-list: no verdicts
  assert.equal(openai.sanctioned, undefined);
  assert.equal(openai.shadow, undefined);

  const deepseek = byId.get('deepseek')!;
  assert.deepEqual({ requests: deepseek.requests, blocked: deepseek.blocked, users: deepseek.users, categories: deepseek.categories }, { requests: 1, blocked: 1, users: ['jdoe'], categories: ['chat'] });

  // a URL's query string (here a key) never reaches the evidence snippet
  const perplexity = byId.get('perplexity')!;
  assert.deepEqual({ categories: perplexity.categories, users: perplexity.users, userCount: perplexity.userCount }, { categories: ['api'], users: [], userCount: 0 });
  assert.match(perplexity.logs[0].snippet, /GET http:\/\/api\.perplexity\.ai\/chat - HIER_DIRECT/);
  assert.doesNotMatch(perplexity.logs[0].snippet, /sk-abc|api_key/);
});

test('common log format (forward proxy): absolute URLs and CONNECT targets, time zones honoured', async () => {
  const { stats, byId } = await analyseFixture('clf-access.log');
  assert.equal(stats.format, 'clf');
  assert.deepEqual({ records: stats.records, malformed: stats.malformed, matched: stats.matched }, { records: 3, malformed: 1, matched: 2 });
  assert.deepEqual(stats.warnings.map((w) => w.line), [5]);
  const anthropic = byId.get('anthropic')!;
  assert.deepEqual({ requests: anthropic.requests, users: anthropic.users, bytesReceived: anthropic.bytesReceived, firstSeen: anthropic.firstSeen }, { requests: 1, users: ['jdoe'], bytesReceived: 5120, firstSeen: '2024-06-03T08:00:00.000Z' });
  const openai = byId.get('openai')!;
  assert.deepEqual({ requests: openai.requests, users: openai.users, hosts: openai.hosts, categories: openai.categories }, { requests: 1, users: [], hosts: ['10.10.1.15'], categories: ['api'] });
});

test('Zeek http.log (TSV): host, username and request body length as bytes sent; wrong field counts are malformed', async () => {
  const { stats, services } = await analyseFixture('zeek-http.log');
  assert.equal(stats.format, 'zeek');
  assert.deepEqual({ records: stats.records, matched: stats.matched, malformed: stats.malformed }, { records: 3, matched: 2, malformed: 1 });
  assert.deepEqual(stats.warnings.map((w) => w.line), [11]);
  assert.match(stats.warnings[0].message, /expected 12 tab-separated fields/);
  assert.equal(services.length, 1);
  const p = services[0];
  assert.deepEqual(
    { service: p.service, requests: p.requests, bytesSent: p.bytesSent, bytesReceived: p.bytesReceived, users: p.users, hosts: p.hosts, evidenceTypes: p.evidenceTypes, firstSeen: p.firstSeen, lastSeen: p.lastSeen },
    { service: 'perplexity', requests: 2, bytesSent: 5096, bytesReceived: 20000, users: ['rgarcia'], hosts: ['10.20.5.11', '10.20.5.16'], evidenceTypes: ['http'], firstSeen: '2024-06-03T10:00:00.000Z', lastSeen: '2024-06-03T10:02:00.000Z' },
  );
});

test('Zeek ssl.log and dns.log: TLS server names count as requests, DNS queries apart', async () => {
  const ssl = await analyseFixture('zeek-ssl.log');
  assert.deepEqual({ records: ssl.stats.records, matched: ssl.stats.matched, malformed: ssl.stats.malformed }, { records: 3, matched: 3, malformed: 0 });
  assert.deepEqual(ssl.services.map((s) => [s.service, s.requests, s.categories.join(','), s.hosts.join(','), s.evidenceTypes.join(',')]), [
    ['anthropic', 2, 'api,chat', '10.10.1.21,10.20.5.12', 'tls'],
    ['github-copilot', 1, 'coding', '10.20.4.32', 'tls'],
  ]);
  const dns = await analyseFixture('zeek-dns.log');
  assert.deepEqual(dns.services.map((s) => [s.service, s.requests, s.dnsQueries, s.destinations.join(','), s.evidenceTypes.join(',')]), [
    ['openai', 0, 2, 'chatgpt.com', 'dns'],
    ['deepseek', 0, 1, 'api.deepseek.com', 'dns'],
  ]);
});

test('a Zeek log without host names (conn.log) says so once instead of failing every line', async () => {
  const { stats, services } = await analyseFixture('zeek-conn.log');
  assert.equal(stats.format, 'zeek');
  assert.equal(services.length, 0);
  assert.equal(stats.malformed, 0);
  assert.deepEqual(stats.warnings.map((w) => w.line), [undefined]);
  assert.match(stats.warnings[0].message, /conn log has no host name field/);
});

test('Zeek JSON logs: _path selects the evidence type; non-object lines are malformed', async () => {
  const { stats, byId } = await analyseFixture('zeek-json.log');
  assert.equal(stats.format, 'json');
  assert.deepEqual({ records: stats.records, matched: stats.matched, malformed: stats.malformed }, { records: 4, matched: 3, malformed: 1 });
  assert.deepEqual(stats.warnings.map((w) => [w.line, w.message]), [[4, 'malformed json line: a JSON line must be an object']]);
  assert.deepEqual([byId.get('openai')!.evidenceTypes, byId.get('openai')!.requests, byId.get('openai')!.bytesSent, byId.get('openai')!.hosts], [['http', 'tls'], 2, 3000, ['10.10.1.15', '10.20.5.13']]);
  assert.deepEqual([byId.get('anthropic')!.evidenceTypes, byId.get('anthropic')!.dnsQueries, byId.get('anthropic')!.firstSeen], [['dns'], 1, '2024-06-03T08:00:01.000Z']);
});

test('CSV with a configured column mapping: quoted cells, URL fallback for an empty host, short rows malformed', async () => {
  const columns = parseColumnSpec('time=event time,user=src_user,host=dest_host,bytes=bytes_out');
  const { stats, byId, services } = await analyseFixture('swg-export.csv', { columns });
  assert.equal(stats.format, 'csv');
  assert.deepEqual({ records: stats.records, matched: stats.matched, malformed: stats.malformed }, { records: 5, matched: 4, malformed: 1 });
  assert.deepEqual(stats.warnings.map((w) => w.line), [7]);
  assert.deepEqual(services.map((s) => s.service), ['openai', 'anthropic']);
  const openai = byId.get('openai')!;
  assert.deepEqual(
    { requests: openai.requests, bytesSent: openai.bytesSent, bytesReceived: openai.bytesReceived, users: openai.users, firstSeen: openai.firstSeen, lastSeen: openai.lastSeen },
    { requests: 3, bytesSent: 1200 + 800 + 9000, bytesReceived: 50000 + 30000 + 2000, users: ['jdoe', 'svc-web'], firstSeen: '2024-06-03T09:00:00.000Z', lastSeen: '2024-06-03T09:07:00.000Z' },
  );
  assert.deepEqual(byId.get('anthropic')!.users, ['Smith, Anna']);
  // without the mapping the time column is unknown, but the rest still maps by default names
  const unmapped = await analyseFixture('swg-export.csv');
  assert.equal(unmapped.byId.get('openai')!.firstSeen, undefined);
  assert.equal(unmapped.byId.get('openai')!.bytesSent, 11000);
});

test('key=value firewall logs (FortiGate): split date and time, hostname, sentbyte', async () => {
  const { stats, services } = await analyseFixture('fortigate.log');
  assert.equal(stats.format, 'kv');
  assert.deepEqual(services.map((s) => [s.service, s.requests, s.bytesSent, s.users.join(','), s.firstSeen, s.lastSeen, s.evidenceTypes.join(','), s.categories.join(',')]), [
    ['deepseek', 2, 12000, 'kpatel,ocarter', '2024-06-03T09:00:00.000Z', '2024-06-03T09:30:00.000Z', 'firewall', 'api,chat'],
  ]);
});

test('format detection', () => {
  assert.equal(detectFormat(['1717236000.120    245 10.1.2.3 TCP_TUNNEL/200 5120 CONNECT api.openai.com:443 - HIER_DIRECT/1.2.3.4 -']), 'squid');
  assert.equal(detectFormat(['#separator \\x09', '#fields\tts']), 'zeek');
  assert.equal(detectFormat(['{"ts":1,"host":"a"}']), 'json');
  assert.equal(detectFormat(['ts,user,dest_host']), 'csv');
  assert.equal(detectFormat(['ts,user,colour']), undefined);
  assert.equal(detectFormat(['a=1 b=2 hostname=x']), 'kv');
  assert.equal(detectFormat(['2024-06-03 INFO server started on port 8080']), undefined);
  assert.equal(detectFormat(['{not json']), undefined);
});

test('gzip input is read by magic bytes, from bytes in memory as from disk', async () => {
  const plain = readFileSync(fixture('squid-access.log'));
  const agg = new EgressAggregator();
  const stats = await analyseLog({ bytes: gzipSync(plain) }, 'squid-access.log.gz', agg);
  assert.deepEqual({ format: stats.format, lines: stats.lines, matched: stats.matched }, { format: 'squid', lines: 12, matched: 7 });
  assert.equal(summariseAll(agg, { allowListKnown: false })[0].requests, 4);
});

test('an unrecognised file stops after the detection window and yields nothing', async () => {
  const text = Array.from({ length: 500 }, (_, i) => `2024-06-03 INFO request ${i} served`).join('\n');
  const agg = new EgressAggregator();
  const stats = await analyseLog({ bytes: Buffer.from(text) }, 'app.log', agg);
  assert.equal(stats.format, undefined);
  assert.equal(stats.lines, 20);
  assert.equal(agg.records, 0);
});

test('overlong and CRLF lines', async () => {
  const good = '1717236000.120    245 10.1.2.3 TCP_TUNNEL/200 5120 CONNECT claude.ai:443 bob HIER_DIRECT/1.2.3.4 -';
  const text = `${good}\r\n${'x'.repeat(100_000)}\r\n${good}\r\n`;
  const agg = new EgressAggregator();
  const stats = await analyseLog({ bytes: Buffer.from(text) }, 'a.log', agg);
  assert.deepEqual({ lines: stats.lines, records: stats.records, malformed: stats.malformed }, { lines: 3, records: 2, malformed: 1 });
  assert.match(stats.warnings[0].message, /longer than 16384 characters/);
  assert.deepEqual(summariseAll(agg, { allowListKnown: false })[0].users, ['bob']);
});

test('many malformed lines: the first five are listed, the rest counted', async () => {
  const lines = ['1717236000.120 245 10.1.2.3 TCP_TUNNEL/200 5120 CONNECT claude.ai:443 bob HIER_DIRECT/1.2.3.4 -', ...Array.from({ length: 30 }, () => 'junk')];
  const stats = await analyseLog({ bytes: Buffer.from(lines.join('\n')) }, 'a.log', new EgressAggregator());
  assert.equal(stats.malformed, 30);
  assert.deepEqual(stats.warnings.map((w) => w.line), [2, 3, 4, 5, 6, undefined]);
  assert.match(stats.warnings[5].message, /30 malformed lines in all/);
});
