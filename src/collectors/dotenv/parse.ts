// A dotenv reader that follows what the common implementations (python-dotenv, dotenv for Node, Docker
// Compose) accept: `export` prefixes, `NAME=value` with optional spaces, single / double / backtick quotes
// (which may span lines), and comments. Values are returned to the caller for classification only.

export interface EnvEntry {
  name: string;
  value: string;
  line: number;
  endLine: number;
  exported: boolean;
  quoted: boolean;
}

export interface EnvParse {
  entries: EnvEntry[];
  problems: Array<{ line: number; message: string }>;
}

const ASSIGN = /^\s*(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s?(.*)$/;

export function parseDotenv(text: string): EnvParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: EnvEntry[] = [];
  const problems: EnvParse['problems'] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = ASSIGN.exec(raw);
    if (!m) {
      problems.push({ line: i + 1, message: `not a NAME=value line` });
      continue;
    }
    const start = i + 1;
    const rest = m[3]!.trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // find the closing quote, possibly on a later line (an escaped quote does not close a double-quoted value)
      let body = rest.slice(1);
      let close = findClose(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        close = findClose(body, quote);
      }
      if (close < 0) {
        problems.push({ line: start, message: `unterminated ${quote} quote in ${m[2]}` });
        break;
      }
      let value = body.slice(0, close);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
      entries.push({ name: m[2]!, value, line: start, endLine: i + 1, exported: !!m[1], quoted: true });
      continue;
    }
    // unquoted: an inline comment starts at ` #`
    const value = rest.replace(/\s+#.*$/, '').trim();
    entries.push({ name: m[2]!, value, line: start, endLine: start, exported: !!m[1], quoted: false });
  }
  return { entries, problems };
}

function findClose(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (body[j] === '\\' && quote === '"') {
      j++;
      continue;
    }
    if (body[j] === quote) return j;
  }
  return -1;
}
