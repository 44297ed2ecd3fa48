// The cheap test that decides whether a file is worth parsing: parsing runs at about 2 MB/s and most
// files have no AI in them. One precompiled alternation of literals (linear time) over the raw text.

import { CATALOGUE } from '../catalogue.js';
import { PROVIDERS } from '../../model/providers.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Module names that matter beyond the catalogue: the MCP SDK's subpaths are covered by its name. */
function moduleAlternatives(): string[] {
  return CATALOGUE.npm.map((e) => (e.prefix ? escape(e.name) : `${escape(e.name)}(?=['"\`/])`));
}

const providerEnvVars = Object.values(PROVIDERS).flatMap((p) => p.envVars);

// Three searches rather than one alternation of all three: V8 then scans for each one's first characters
// (a quote; a word start) with its own quick check, measured twice as fast over the same text.
const MODULE_SPECIFIER = new RegExp(`['"\`](?:${moduleAlternatives().join('|')})`);
const PROVIDER_ENV_VAR = new RegExp(`\\b(?:${providerEnvVars.map(escape).join('|')})\\b`);
const STORAGE_URI = /\b(?:s3|gs):\/\//;

export function mayContainAi(text: string): boolean {
  return MODULE_SPECIFIER.test(text) || PROVIDER_ENV_VAR.test(text) || STORAGE_URI.test(text);
}

/** Minified bundles: a very long line in a file of any size means generated code, not source. */
const MAX_LINE = 5000;

export function longestLineOver(text: string, limit = MAX_LINE): number | undefined {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > limit) return line;
    start = end + 1;
    line++;
  }
  return undefined;
}
