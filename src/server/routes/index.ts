// Every API route module, in registration order. A new module: one import and one entry (see ../README.md).
import type { RouteModule } from '../api.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { checkRoutes } from './checks.js';
import { complianceRoutes } from './compliance.js';
import { compliancePdfRoutes } from './compliance-pdf.js';
import { findingRoutes } from './findings.js';
import { gatewayKeyRoutes } from './gateway-keys.js';
import { integrationRoutes } from './integrations.js';
import { inventoryRoutes } from './inventory.js';
import { jobRoutes } from './jobs.js';
import { sourceRoutes } from './sources.js';
import { tokenRoutes } from './tokens.js';
import { uiRoutes } from './ui.js';
import { userRoutes } from './users.js';

export const ROUTE_MODULES: RouteModule[] = [
  authRoutes,
  userRoutes,
  tokenRoutes,
  sourceRoutes,
  inventoryRoutes,
  findingRoutes,
  complianceRoutes,
  compliancePdfRoutes,
  jobRoutes,
  integrationRoutes,
  auditRoutes,
  uiRoutes,
  checkRoutes,
  gatewayKeyRoutes,
];
