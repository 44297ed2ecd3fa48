// Regenerates the example organisation's egress logs (deterministic: same bytes every run).
//   node --import tsx src/shadow/testdata/gen-log.ts [output folder, default examples/acme-ai/logs]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticLog } from '../synthetic-log.js';

const out = process.argv[2] ?? path.join('examples', 'acme-ai', 'logs');
const text = (lines: Iterable<string>) => [...lines].join('\n') + '\n';

mkdirSync(path.join(out, 'zeek'), { recursive: true });
// the proxy log is the big one: 100,000 lines, gzip-compressed (the collector reads .gz)
writeFileSync(path.join(out, 'squid-access.log.gz'), gzipSync(text(syntheticLog('squid', 100_000, 42)), { level: 9 }));
writeFileSync(path.join(out, 'zeek', 'ssl.log'), text(syntheticLog('zeek', 400, 7)) + '#close\t2024-06-03-09-00-00\n');
writeFileSync(path.join(out, 'zeek', 'dns.log'), text(syntheticLog('zeek-dns', 400, 8)) + '#close\t2024-06-03-09-00-00\n');
writeFileSync(path.join(out, 'swg-egress.log'), text(syntheticLog('json', 300, 9)));
console.log(`wrote egress logs under ${out}`);
