// The registry of output formats: each renders a Report and adds nothing.

import { loadCatalogue, type Catalogue } from '../compliance/catalogue.js';
import type { Report } from '../model/index.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderDot, renderGraphJson, renderMermaid } from './graph.js';
import { renderJson } from './json.js';
import { renderTable, type TableOptions } from './table.js';

export interface RenderOptions extends TableOptions {
  /** Check descriptions and framework mappings (SARIF rules, remediation, compliance); default: the built-in ones. */
  catalogue?: Catalogue;
}

export type Renderer = (report: Report, opts: RenderOptions) => string;

export const SCAN_FORMATS: Record<string, Renderer> = {
  table: (r, o) => renderTable(r, o),
  json: (r) => renderJson(r),
  cyclonedx: (r) => renderCycloneDx(r),
  sarif: (r, o) => renderSarif(r, { checks: (o.catalogue ?? loadCatalogue()).checks }),
  html: (r, o) => renderHtml(r, o.catalogue ?? loadCatalogue()),
  markdown: (r, o) => renderMarkdown(r, { checks: (o.catalogue ?? loadCatalogue()).checks }),
};

export const GRAPH_FORMATS: Record<string, Renderer> = {
  json: (r) => renderGraphJson(r),
  dot: (r) => renderDot(r),
  mermaid: (r) => renderMermaid(r),
};
