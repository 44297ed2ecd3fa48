// Model and name globs (`gpt-4o*`, `claude-?-*`) compiled once to anchored regular expressions.

export type Matcher = (s: string) => boolean;

const ALWAYS: Matcher = () => true;

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** One matcher for a list of globs; an empty list or `*` matches everything. */
export function compileGlobs(globs: readonly string[] | undefined): Matcher {
  if (!globs || globs.length === 0 || globs.includes('*')) return ALWAYS;
  const res = globs.map(globToRegExp);
  return (s) => {
    for (const re of res) if (re.test(s)) return true;
    return false;
  };
}
