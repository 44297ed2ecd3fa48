// Compliance per framework: each control with its status and evidence, as JSON or as an exported document.
import { z } from 'zod';
import { loadCatalogue } from '../../compliance/catalogue.js';
import { renderCompliance } from '../../compliance/render.js';
import type { RouteModule } from '../api.js';
import { complianceReportFor } from '../compliance.js';

const frameworkParam = z.object({ framework: z.string().min(1).max(50) });

export const complianceRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/compliance/frameworks',
    operationId: 'listFrameworks',
    summary: 'The frameworks aispm maps its checks to',
    tags: ['compliance'],
    access: 'viewer',
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), version: z.string().optional(), url: z.string().optional(), controls: z.number().int() })) }),
    handler: async () => ({
      items: loadCatalogue().frameworks.map((f) => ({ id: f.id, name: f.name, version: f.version, url: f.url, controls: f.controls.length })),
    }),
  });

  api.route({
    method: 'GET',
    path: '/api/compliance/:framework',
    operationId: 'getCompliance',
    summary: "A framework's controls for a source: status, the checks that tested each, and the failing findings",
    tags: ['compliance'],
    access: 'viewer',
    params: frameworkParam,
    query: z.object({ source: z.string().max(100).optional().describe('required when several sources exist') }),
    response: z.record(z.string(), z.unknown()).describe('a ComplianceReport'),
    handler: async ({ params, query, ctx }) => (await complianceReportFor(ctx, params.framework, query.source)) as never,
  });

  api.route({
    method: 'GET',
    path: '/api/compliance/:framework/export',
    operationId: 'exportCompliance',
    summary: 'Export compliance evidence as a self-contained HTML page, Markdown or JSON',
    tags: ['compliance'],
    access: 'viewer',
    params: frameworkParam,
    query: z.object({ source: z.string().max(100).optional(), format: z.enum(['html', 'markdown', 'json']).default('html') }),
    produces: ['text/html', 'text/markdown', 'application/json'],
    handler: async ({ params, query, ctx, reply, audit }) => {
      const report = await complianceReportFor(ctx, params.framework, query.source);
      const ext = { html: 'html', markdown: 'md', json: 'json' }[query.format];
      const type = { html: 'text/html', markdown: 'text/markdown', json: 'application/json' }[query.format];
      await audit({ action: 'compliance.export', target: { type: 'source', id: report.scan.source },
        after: { framework: params.framework, format: query.format, scanId: report.scan.id, summary: report.summary } });
      reply.type(`${type}; charset=utf-8`);
      reply.header('content-disposition', `attachment; filename="aispm-${params.framework}-${report.scan.source.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}"`);
      return renderCompliance(report, query.format);
    },
  });
};
