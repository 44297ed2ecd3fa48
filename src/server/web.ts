// The web dashboard: the Vite build in dist/web served at `/`, with the SPA fallback (any other non-API GET that asks
// for HTML answers index.html, so a shared link such as /findings?severity=high opens the right view). API routes keep
// priority: an unknown /api/ path still gets the API's 401/404, never the page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fromPackageRoot } from '../policy/package-root.js';

/** The page loads only its own scripts and styles and talks only to this server. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

function pageHeaders(reply: FastifyReply): void {
  for (const [k, v] of Object.entries(PAGE_HEADERS)) reply.header(k, v);
}

export function webRoot(): string {
  return fromPackageRoot('dist', 'web');
}

export async function registerWeb(app: FastifyInstance, root: string = webRoot()): Promise<void> {
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      // one route per file that exists at start (not a wildcard), so the fallback below owns every other path
      wildcard: false,
      index: false,
      // file names under assets/ carry a content hash: cache them for good; everything else is revalidated
      setHeaders: (reply, file) => {
        pageHeaders(reply as unknown as FastifyReply);
        const r = reply as unknown as { setHeader?: (k: string, v: string) => void; header?: (k: string, v: string) => void };
        const set = (k: string, v: string) => (r.header ? r.header(k, v) : r.setHeader?.(k, v));
        set('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
      cacheControl: false,
    });
  }
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (request, reply) => {
      const url = request.url.split('?')[0];
      const wantsPage = (request.headers.accept ?? '').includes('text/html') || url === '/';
      if (url.startsWith('/api/') || url === '/api' || !wantsPage || path.extname(url)) return reply.callNotFound();
      if (!built) {
        return reply.code(503).type('text/plain; charset=utf-8')
          .send('The aispm dashboard is not built. Run `npm run build` in the aispm package (the API is at /api/).\n');
      }
      pageHeaders(reply);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    },
  });
}
