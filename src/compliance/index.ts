// Compliance evidence: framework controls judged from a scan's findings, and its renderings.
export { assessCompliance, countsAgainstControl, type ComplianceInput } from './assess.js';
export { loadCatalogue, describeCheck, type Catalogue } from './catalogue.js';
export { loadFramework, loadFrameworks, parseFramework, isFrameworkId, FrameworkLoadError } from './frameworks.js';
export {
  renderCompliance,
  renderComplianceTable,
  renderComplianceJson,
  renderComplianceMarkdown,
  renderComplianceHtml,
  controlsHtml,
  statusCountsHtml,
  COMPLIANCE_FORMATS,
  type ComplianceFormat,
} from './render.js';
