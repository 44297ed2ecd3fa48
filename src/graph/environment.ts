// Environment inferred from where evidence sits: folder names and env-file suffixes say it plainly
// (`deploy/prod/`, `.env.staging`); nothing is guessed from content.

const SEGMENTS: Array<[RegExp, string]> = [
  [/^(?:prod|production|prd|live)$/i, 'production'],
  [/^(?:staging|stage|stg|preprod|uat)$/i, 'staging'],
  [/^(?:dev|development|sandbox)$/i, 'development'],
  [/^(?:test|tests|testing|qa|__tests__|spec)$/i, 'test'],
];

export function environmentOfPath(file: string): string | undefined {
  const parts = file.split('/');
  const base = parts[parts.length - 1];
  const envFile = /^\.env\.([\w-]+)$/.exec(base) ?? /\.(prod|production|staging|dev)\.(?:ya?ml|json|tfvars)$/i.exec(base);
  if (envFile) {
    for (const [re, env] of SEGMENTS) if (re.test(envFile[1])) return env;
  }
  for (let i = parts.length - 2; i >= 0; i--) {
    for (const [re, env] of SEGMENTS) if (re.test(parts[i])) return env;
  }
  return undefined;
}

/** The environment all evidence agrees on; none when files disagree or say nothing. */
export function inferEnvironment(files: string[]): string | undefined {
  let found: string | undefined;
  for (const f of files) {
    const e = environmentOfPath(f);
    if (!e) return undefined;
    if (found && e !== found) return undefined;
    found = e;
  }
  return found;
}

/** The environment an IaC `environment`/`env`/`stage` tag names (kept in `attrs.iacTags.environment`). */
export function environmentOfTags(tags: unknown): string | undefined {
  const v = tags && typeof tags === 'object' && !Array.isArray(tags) ? (tags as Record<string, unknown>).environment : undefined;
  if (typeof v !== 'string') return undefined;
  for (const [re, env] of SEGMENTS) if (re.test(v.trim())) return env;
  return undefined;
}
