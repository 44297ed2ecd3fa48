// The people a manifest names as its authors or maintainers (package.json `author`/`maintainers`, pyproject
// `authors`/`maintainers`, Poetry `authors`): kept on the application as `packageAuthors` for owner inference.

/** One identifier per person: the email when the entry has one, else the name. */
export function packagePeople(...fields: unknown[]): string[] {
  const out: string[] = [];
  const add = (p: unknown) => {
    let id: string | undefined;
    if (typeof p === 'string') {
      // npm and Poetry shorthand: "Name <email> (url)"
      const m = /^\s*([^<(]*?)\s*(?:<([^>]+)>)?\s*(?:\([^)]*\))?\s*$/.exec(p);
      id = m?.[2]?.trim() || m?.[1]?.trim() || undefined;
    } else if (p && typeof p === 'object' && !Array.isArray(p)) {
      const r = p as Record<string, unknown>;
      id = (typeof r.email === 'string' && r.email.trim()) || (typeof r.name === 'string' && r.name.trim()) || undefined;
    }
    if (id && !out.includes(id)) out.push(id);
  };
  for (const f of fields) (Array.isArray(f) ? f : [f]).forEach(add);
  return out;
}
