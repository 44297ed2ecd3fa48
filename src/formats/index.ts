// The registry of output formats: each renders a Report and adds nothing.

import type { Report } from '../model/index.js';
import { renderJson } from './json.js';
import { renderTable, type TableOptions } from './table.js';

export interface RenderOptions extends TableOptions {}

export type Renderer = (report: Report, opts: RenderOptions) => string;

export const SCAN_FORMATS: Record<string, Renderer> = {
  table: (r, o) => renderTable(r, o),
  json: (r) => renderJson(r),
};

export const GRAPH_FORMATS: Record<string, Renderer> = {};
