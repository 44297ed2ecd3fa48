// A cheap test run before parsing: most Python files in a tree have nothing to do with AI, and parsing
// costs far more than one regex pass. Built once from the catalogue plus the names the detectors use.

import { CATALOGUE } from '../catalogue.js';
import { MODULE_PACKAGES, STORAGE_SCHEMES } from './tables.js';

const EXTRA = [
  'torch',
  'pickle',
  'joblib',
  'dill',
  'cloudpickle',
  'keras',
  'numpy',
  'pandas',
  'polars',
  'from_pretrained',
  'pipeline',
  'load_dataset',
  'boto3',
  'bedrock',
  'environ',
  'getenv',
  'SystemMessage',
  'system_prompt',
  'sentence_transformers',
  'faiss',
  'hf_hub_download',
  'snapshot_download',
];

function catalogueModules(): string[] {
  const fromPackages = CATALOGUE.pypi.map((e) => e.name.replace(/-$/, '').replace(/[-.]/g, '_'));
  return [...fromPackages, ...Object.keys(MODULE_PACKAGES)];
}

const words = [...new Set([...catalogueModules(), ...EXTRA])].filter((w) => w.length > 2).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const schemes = STORAGE_SCHEMES.map((s) => `${s}://`);

/** One alternation of plain words: linear-time, no nested quantifiers. */
export const AI_KEYWORDS = new RegExp(`\\b(?:${words.join('|')})|(?:${schemes.join('|')})`);

export function mayContainAi(text: string): boolean {
  return AI_KEYWORDS.test(text);
}
