export * from './asset.js';
export * from './ids.js';
export * from './report.js';
export * from './providers.js';
export * from './finding.js';
export * from './paths.js';
export * from './compliance.js';
export * from './location.js';
export type * from './api.js';
