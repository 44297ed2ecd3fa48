// PEM and OpenSSH private keys: a BEGIN line followed by a real base64 body. Placeholders (`...`, `xxx`,
// `***`, a short demo body) stay quiet; a block without its END line (a truncated paste) still counts when
// the body is long enough to be a key. Bodies inside JSON or code strings use `\n` escapes.
import { PRIORITY, type Candidate, type Finder } from './candidate.js';
import { hasPlaceholderMarker } from './placeholders.js';

export const BEGIN = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
export const END = /-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
const MAX_BLOCK = 20_000;
const MIN_BODY = 64;
const MIN_TRUNCATED_BODY = 200;

function isBase64(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47 || code === 61;
}

/** Counts base64 characters and other non-blank characters, reading `\n`/`\r` escapes as blanks. */
function measureBody(body: string): { base64: number; other: number } {
  let base64 = 0;
  let other = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code === 92 && (body[i + 1] === 'n' || body[i + 1] === 'r')) {
      i++;
      continue;
    }
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 34 || code === 92) continue;
    if (isBase64(code)) base64++;
    else other++;
  }
  return { base64, other };
}

/** Where the base64 body of a truncated block ends: the first character that cannot belong to it. */
function bodyEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_BLOCK);
  let i = from;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (isBase64(code) || code === 10 || code === 13 || code === 32 || code === 9) i++;
    else if (code === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) i += 2;
    else break;
  }
  return i;
}

export const privateKeyFinder: Finder = {
  id: 'private-key',
  keywords: ['private key'],
  find(text: string): Candidate[] {
    const out: Candidate[] = [];
    BEGIN.lastIndex = 0;
    for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
      const bodyStart = m.index + m[0].length;
      const endAt = text.indexOf('-----END', bodyStart);
      let end: number;
      let body: string;
      let complete = false;
      if (endAt !== -1 && endAt - bodyStart <= MAX_BLOCK) {
        END.lastIndex = endAt;
        const endMatch = END.exec(text);
        end = endMatch ? endAt + endMatch[0].length : endAt;
        body = text.slice(bodyStart, endAt);
        complete = true;
      } else {
        end = bodyEnd(text, bodyStart);
        body = text.slice(bodyStart, end);
      }
      BEGIN.lastIndex = Math.max(bodyStart, end);
      if (hasPlaceholderMarker(body)) continue;
      const { base64, other } = measureBody(body);
      // Encrypted PEM keys carry a few header lines (Proc-Type, DEK-Info): allow a little non-base64.
      if (base64 < (complete ? MIN_BODY : MIN_TRUNCATED_BODY) || other > base64 * 0.1) continue;
      const kind = m[0].slice(11, -5).replace(/ ?PRIVATE KEY( BLOCK)?$/, '').trim() || 'PKCS8';
      out.push({
        rule: 'private-key',
        provider: 'pki',
        severity: 'critical',
        start: m.index,
        end,
        score: complete ? 0.95 : 0.85,
        reasons: [complete ? 'pem-block' : 'pem-block-truncated'],
        priority: PRIORITY.block,
        extra: { keyType: kind },
      });
    }
    return out;
  },
};
