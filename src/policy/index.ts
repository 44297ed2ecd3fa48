// Policy engine: checks as data (CEL over the asset graph), evaluation into findings, fixtures for tests.
export { loadChecks, builtinChecksDir, PolicyLoadError, type LoadedCheck, type CheckSet, type CheckText, type LoadOptions } from './loader.js';
export { evaluate, SEVERITY_BASE, type EvaluationResult, type EvaluationProblem, type EvaluateOptions } from './evaluate.js';
export { GraphIndex, type AssetView } from './graph-index.js';
export { fingerprint, locationKey } from './fingerprint.js';
export { readFixture, fixtureGraph, type Graph } from './fixtures.js';
export { AdvisoryIndex, bundledAdvisories, parseAdvisories, type Advisory } from './advisories.js';
export { HELPERS } from './cel-env.js';
export { prioritise, compareFindings, Scorer, POINTS, dataLevel } from './score.js';
export { findAttackPaths, entryKindOf, targetKindOf, stepName, type AttackPathOptions, type AttackPathResult } from './paths.js';
