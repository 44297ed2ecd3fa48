// `aispm serve`: the REST API over the store (embedded PGlite by default, PostgreSQL with DATABASE_URL).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { defaultDataDir } from './config.js';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the aispm server: REST API (OpenAPI at /api/openapi.json), users and roles, scans on demand')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1: this machine only)', '127.0.0.1')
    .option('--port <n>', 'port to listen on', parsePort, 8080)
    .option('--data-dir <dir>', 'embedded store directory (default $AISPM_DATA_DIR or ~/.local/share/aispm); ignored with DATABASE_URL')
    .option('--secure-cookies', 'always mark cookies Secure (default: when the request came over HTTPS)')
    .option('--trust-proxy', 'trust X-Forwarded-For/-Proto from a reverse proxy in front of the server')
    .option('--base-url <url>', 'the URL users reach the server at (links in tickets and notifications)')
    .option('--allow-root <dir>', 'only allow directory sources inside this folder (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--no-jobs', 'on PostgreSQL: leave scans, deliveries and ticket sync to `aispm worker` processes')
    .action(async (o: { host: string; port: number; dataDir?: string; secureCookies?: boolean; trustProxy?: boolean; baseUrl?: string; allowRoot?: string[]; jobs: boolean }) => {
      const { startServer } = await import('../server/server.js');
      const databaseUrl = process.env.DATABASE_URL;
      const server = await startServer({
        // scans, ticket deliveries and status sync run as jobs (in this process unless --no-jobs on PostgreSQL)
        jobs: { dataDir: o.dataDir ?? defaultDataDir(), runInProcess: o.jobs },
        store: databaseUrl ? { databaseUrl } : { dataDir: o.dataDir ?? defaultDataDir() },
        host: o.host,
        port: o.port,
        adminPassword: process.env.AISPM_ADMIN_PASSWORD || undefined,
        config: {
          secureCookies: o.secureCookies ? true : 'auto',
          trustProxy: Boolean(o.trustProxy),
          baseUrl: o.baseUrl,
          allowedRoots: o.allowRoot ?? [],
        },
      });
      const err = (m: string) => process.stderr.write(`${m}\n`);
      if (server.createdAdmin) {
        if (server.createdAdmin.generatedPassword) {
          err(`aispm serve: created the first admin account "${server.createdAdmin.username}" with this one-time password`);
          err(`  ${server.createdAdmin.generatedPassword}`);
          err('  (shown once; sign in and change it: PUT /api/auth/password)');
        } else {
          err(`aispm serve: created the first admin account "${server.createdAdmin.username}" (password from AISPM_ADMIN_PASSWORD)`);
        }
      }
      err(`aispm serve: listening on ${server.url} (store: ${server.ctx.db.kind}; API description at ${server.url}/api/openapi.json)`);
      if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1' && !o.secureCookies) {
        err('aispm serve: listening beyond this machine: put it behind HTTPS (a reverse proxy) and use --secure-cookies --trust-proxy');
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          err(`aispm serve: ${signal}: finishing running scans and closing the store`);
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          server.close().then(resolve, (e) => {
            err(`aispm serve: error while closing: ${(e as Error).message}`);
            resolve();
          });
        };
        const onInt = () => stop('SIGINT');
        const onTerm = () => stop('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
    });
}
