// Compliance evidence as PDF: the same report as the HTML export, printed by headless Chromium (see jobs/pdf.ts).
import { z } from 'zod';
import { ApiError, type RouteModule } from '../api.js';
import { complianceReportFor } from '../compliance.js';
import { compliancePdf, PdfExportError } from '../jobs/pdf.js';
import { baseUrlOf } from '../jobs/services.js';

export const compliancePdfRoutes: RouteModule = (api) => {
  api.route({
    method: 'GET',
    path: '/api/compliance/:framework/pdf',
    operationId: 'exportCompliancePdf',
    summary: 'Export compliance evidence as PDF (rendered by headless Chromium on the server)',
    tags: ['compliance'],
    access: 'viewer',
    params: z.object({ framework: z.string().min(1).max(50) }),
    query: z.object({ source: z.string().max(100).optional().describe('required when several sources exist') }),
    produces: ['application/pdf'],
    handler: async ({ params, query, ctx, reply, audit }) => {
      const report = await complianceReportFor(ctx, params.framework, query.source);
      let pdf: Buffer;
      try {
        pdf = await compliancePdf(report, { footer: `${baseUrlOf(ctx)} · ${report.framework.name} · ${report.scan.source}` });
      } catch (e) {
        if (e instanceof PdfExportError) throw new ApiError(503, 'pdf_unavailable', e.message);
        throw e;
      }
      await audit({ action: 'compliance.export', target: { type: 'source', id: report.scan.source },
        after: { framework: params.framework, format: 'pdf', scanId: report.scan.id, summary: report.summary } });
      reply.type('application/pdf');
      reply.header('content-disposition', `attachment; filename="aispm-${params.framework}-${report.scan.source.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`);
      return pdf;
    },
  });
};
