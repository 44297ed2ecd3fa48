// A cheap test run before parsing: most Python files in a tree have nothing to do with AI, and parsing
// costs far more than one regex pass. A file is parsed when it imports an AI module (the catalogue's and the
// serialisation libraries behind unsafe loaders), or names something only AI code names. Common words and
// everyday modules (os.environ, numpy, pandas, boto3) alone do not make a file worth parsing: they are in most
// Python files, and what makes them matter to AI (allow_pickle, read_pickle, bedrock) is matched directly.

import { CATALOGUE } from '../catalogue.js';
import { MODULE_PACKAGES, STORAGE_SCHEMES } from './tables.js';

/** Modules whose import makes a file AI code (besides the catalogue's). */
const AI_MODULES = ['torch', 'pickle', 'joblib', 'dill', 'cloudpickle', 'keras', 'tensorflow', 'sklearn', 'sentence_transformers', 'faiss', 'vertexai', 'google.generativeai', 'google.genai'];

/** Names that only AI code writes, wherever they appear. */
const AI_TOKENS = ['from_pretrained', 'load_dataset', 'hf_hub_download', 'snapshot_download', 'allow_pickle', 'read_pickle', 'bedrock', 'SystemMessage', 'system_prompt'];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const moduleName = (pkg: string) => pkg.replace(/-$/, '').replace(/[-.]/g, '_');
// prefix entries (`langchain-*`) match any module that starts with the name (`langchain_openai`)
const prefixModules = CATALOGUE.pypi.filter((e) => e.prefix).map((e) => `${escape(moduleName(e.name))}_\\w*`);
const exactModules = [...new Set([...CATALOGUE.pypi.filter((e) => !e.prefix).map((e) => moduleName(e.name)), ...Object.keys(MODULE_PACKAGES), ...AI_MODULES])]
  .filter((w) => w.length > 1)
  .map(escape);
const modules = [...prefixModules, ...exactModules];
const schemes = STORAGE_SCHEMES.map((s) => `${s}://`);

/** `import x` / `from x import` / `import a, x` of an AI module (a prefix of a dotted name counts). One pass per pattern, no nested quantifiers. */
const IMPORT = new RegExp(`^[ \\t]*(?:from[ \\t]+|import[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)?)(?:${modules.join('|')})(?![\\w])`, 'm');
const TOKENS = new RegExp(`\\b(?:${AI_TOKENS.map(escape).join('|')})\\b|(?:${schemes.join('|')})`);

/** Kept for callers that want the token half alone (notebooks use the same test). */
export const AI_KEYWORDS = TOKENS;

export function mayContainAi(text: string): boolean {
  return IMPORT.test(text) || TOKENS.test(text);
}
