// go.mod: `module`, `require` lines and blocks (`// indirect` marks transitive requirements). go.sum only
// repeats hashes of the same versions, so it is not read.

import type { Dependency, ManifestParser } from '../types.js';

const MODULE = /^module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/;
const REQUIRE_ONE = /^require\s+("?)([^\s"()]+)\1\s+(v[^\s/]+)\s*(\/\/.*)?$/;
const REQUIRE_IN_BLOCK = /^("?)([^\s"()]+)\1\s+(v[^\s/]+)\s*(\/\/.*)?$/;
/** Other directives and blocks that are valid but hold no requirements. */
const OTHER = /^(?:go|toolchain|godebug|replace|exclude|retract|tool|ignore)\b/;

export const parseGoMod: ManifestParser = (text, warn) => {
  const deps: Dependency[] = [];
  let name: string | undefined;
  let block: 'require' | 'other' | undefined;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const s = raw.trim();
    if (!s || s.startsWith('//')) return;
    if (block) {
      if (s === ')') block = undefined;
      else if (block === 'require') {
        const m = REQUIRE_IN_BLOCK.exec(s);
        if (m) deps.push(goDep(m[2]!, m[3]!, m[4], line));
        else warn(`cannot parse require line "${s.slice(0, 80)}"`, line);
      }
      return;
    }
    const mod = MODULE.exec(s);
    if (mod) {
      name = mod[2];
      return;
    }
    if (/^require\s*\($/.test(s)) {
      block = 'require';
      return;
    }
    const one = REQUIRE_ONE.exec(s);
    if (one) {
      deps.push(goDep(one[2]!, one[3]!, one[4], line));
      return;
    }
    if (OTHER.test(s)) {
      if (/\($/.test(s)) block = 'other';
      return;
    }
    warn(`unrecognised go.mod line "${s.slice(0, 80)}"`, line);
  });
  return { name, deps };
};

function goDep(path: string, version: string, comment: string | undefined, line: number): Dependency {
  return { ecosystem: 'go', name: path, version, direct: !/\bindirect\b/.test(comment ?? ''), line };
}
