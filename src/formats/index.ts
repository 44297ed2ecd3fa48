// The registry of output formats: each renders a Report and adds nothing.

import type { Report } from '../model/index.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderDot, renderGraphJson, renderMermaid } from './graph.js';
import { renderJson } from './json.js';
import { renderTable, type TableOptions } from './table.js';

export interface RenderOptions extends TableOptions {}

export type Renderer = (report: Report, opts: RenderOptions) => string;

export const SCAN_FORMATS: Record<string, Renderer> = {
  table: (r, o) => renderTable(r, o),
  json: (r) => renderJson(r),
  cyclonedx: (r) => renderCycloneDx(r),
};

export const GRAPH_FORMATS: Record<string, Renderer> = {
  json: (r) => renderGraphJson(r),
  dot: (r) => renderDot(r),
  mermaid: (r) => renderMermaid(r),
};
