// Passwords embedded in URLs and connection strings: `scheme://user:password@host`. The password is the
// secret; templates (`${PASSWORD}`, `{password}`, `$(PGPASSWORD)`), stand-in words (`password`, `secret`,
// `changeme`), a password equal to the user name (`postgres:postgres`) and very short or one-character
// values (`abc`, `1111`) stay quiet.
import { PRIORITY, type Candidate, type Finder } from './candidate.js';
import { shannonEntropy } from './entropy.js';
import { hasPlaceholderMarker, isPlaceholderWord } from './placeholders.js';

// Literal `://` first so the engine jumps between URLs; the password may hold `@` and `:`, so the last
// `@` before the host ends it (bounded, no nesting).
export const CREDENTIALS = /:\/\/([^\s:@/'"`<>{}[\]]{0,128}):([^\s/'"`<>]{1,256})@/dg;

const DATABASE_SCHEMES = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|neo4j(?:\+s)?|bolt|couchdb|cassandra|snowflake)$/i;

const TEMPLATE = /^[{$%<]|\$\{|\$\(|\{\{|%\(|[{}]$/;

function schemeBefore(text: string, colon: number): string {
  let i = colon;
  while (i > 0 && /[A-Za-z0-9+.-]/.test(text[i - 1]) && colon - i < 32) i--;
  return text.slice(i, colon);
}

export function isPlaceholderPassword(user: string, password: string): boolean {
  if (password.length < 4 || password === user) return true;
  if (isPlaceholderWord(password) || hasPlaceholderMarker(password) || TEMPLATE.test(password)) return true;
  if (/^\*+$/.test(password) || new Set(password).size === 1) return true;
  return false;
}

export const connectionStringFinder: Finder = {
  id: 'connection-string-password',
  keywords: ['://'],
  find(text: string): Candidate[] {
    const out: Candidate[] = [];
    CREDENTIALS.lastIndex = 0;
    for (let m = CREDENTIALS.exec(text); m; m = CREDENTIALS.exec(text)) {
      const scheme = schemeBefore(text, m.index);
      if (!/^[A-Za-z]/.test(scheme)) continue;
      const [user, password] = [m[1], m[2]];
      if (isPlaceholderPassword(user, password)) continue;
      const [start, end] = m.indices![2];
      const database = DATABASE_SCHEMES.test(scheme);
      const entropy = shannonEntropy(password);
      const score = Math.min(0.9, (database ? 0.65 : 0.55) + Math.max(0, entropy - 2.5) * 0.1);
      out.push({
        rule: 'connection-string-password',
        provider: scheme.toLowerCase(),
        severity: database ? 'high' : 'medium',
        start,
        end,
        score: Number(score.toFixed(2)),
        reasons: [database ? 'database-url-password' : 'url-basic-auth'],
        priority: PRIORITY.url,
        extra: { scheme: scheme.toLowerCase() },
      });
    }
    return out;
  },
};
