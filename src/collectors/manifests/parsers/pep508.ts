// PEP 508 requirement strings (`name[extras] (>=1,<2) ; python_version < "3.12"`, `name @ url`), as
// found in requirements files, pyproject.toml and setup.cfg.

export interface Requirement {
  name: string;
  extras: string[];
  /** Version specifier as written, without parentheses; undefined when none. */
  spec?: string;
  marker?: string;
  url?: string;
}

const HEAD = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

export function parseRequirement(raw: string): Requirement | undefined {
  const text = raw.trim();
  const m = HEAD.exec(text);
  if (!m) return undefined;
  const name = m[1]!;
  const extras = (m[2] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let rest = m[3]!.trim();
  let marker: string | undefined;
  if (rest.startsWith('@')) {
    // direct reference: the marker follows the URL after whitespace and `;`
    const semi = rest.search(/\s;/);
    const url = (semi >= 0 ? rest.slice(1, semi) : rest.slice(1)).trim();
    if (semi >= 0) marker = rest.slice(semi + 2).trim();
    return { name, extras, url, ...(marker ? { marker } : {}) };
  }
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim();
    rest = rest.slice(0, semi).trim();
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim();
  if (rest && !/^(?:[<>=!~]=?|===)/.test(rest)) return undefined;
  return { name, extras, ...(rest ? { spec: rest.replace(/\s+/g, '') } : {}), ...(marker ? { marker } : {}) };
}

/** The exact version a specifier pins (`==1.2.3`, `===1.2.3`), or undefined for ranges and wildcards. */
export function pinnedVersion(spec: string | undefined): string | undefined {
  const m = spec ? /^===?([^,<>=!~*\s]+)$/.exec(spec) : null;
  return m?.[1];
}

/** Groups that hold development tooling rather than runtime dependencies. */
export const DEV_GROUP = /^(?:dev|develop|development|test|tests|testing|lint|linting|typing|docs?|ci|qa)$/i;
