// Build step (npm run build): creates a migrated, empty PGlite database in memory and writes it as the
// template new data directories start from.

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrations.js';
import { templateDir, templateFileName } from './pglite-template.js';

const dir = templateDir();
const name = templateFileName();
mkdirSync(dir, { recursive: true });
const pg = await PGlite.create();
await migrate({
  kind: 'pglite',
  query: async (sql, params) => (await pg.query(sql, params)).rows as never,
  execScript: async (sql) => void (await pg.exec(sql)),
  transaction: (fn) => pg.transaction((tx) => fn({ query: async (s, p) => (await tx.query(s, p)).rows as never, execScript: async (s) => void (await tx.exec(s)) })),
  close: () => pg.close(),
});
await pg.exec('checkpoint');
const dump = await pg.dumpDataDir('gzip');
await pg.close();
for (const f of readdirSync(dir)) if (f.startsWith('pglite-template-') && f !== name) rmSync(path.join(dir, f));
writeFileSync(path.join(dir, name), Buffer.from(await dump.arrayBuffer()));
console.log(`store template: ${path.relative(process.cwd(), path.join(dir, name))} (${dump.size} bytes)`);
