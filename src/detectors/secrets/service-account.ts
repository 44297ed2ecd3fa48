// Google Cloud service-account key files: the credential is the whole JSON object that says
// `"type": "service_account"` and holds a `private_key`. The detection spans that object, so the private
// key inside it is not reported twice. A marker with no object or key in view (a truncated snippet) is
// reported at low confidence; an object whose private key is a placeholder stays quiet.
import { PRIORITY, type Candidate, type Finder } from './candidate.js';
import { hasPlaceholderMarker } from './placeholders.js';

export const MARKER = /"type"[ \t]{0,8}:[ \t]{0,8}"service_account"/g;
export const PRIVATE_KEY_FIELD = /"private_key"[ \t]{0,8}:[ \t]{0,8}"([^"]{0,20000})"/;
const MAX_BACK = 5_000;
const MAX_OBJECT = 60_000;

/** The `{` that opens the object around `at`, skipping nested objects before it. */
function openingBrace(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i >= 0 && at - i <= MAX_BACK; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The `}` matching the brace at `open`, ignoring braces inside JSON strings. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  const limit = Math.min(text.length, open + MAX_OBJECT);
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function realPrivateKey(value: string): boolean {
  if (hasPlaceholderMarker(value) || !value.includes('PRIVATE KEY')) return false;
  const body = value.replace(/-----[A-Z ]+-----/g, '').replace(/\\n/g, '');
  return (body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 64;
}

export const serviceAccountFinder: Finder = {
  id: 'gcp-service-account',
  keywords: ['service_account'],
  find(text: string): Candidate[] {
    const out: Candidate[] = [];
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
      const open = openingBrace(text, m.index);
      const close = open === -1 ? -1 : closingBrace(text, open);
      const object = close === -1 ? undefined : text.slice(open, close + 1);
      const key = object ? PRIVATE_KEY_FIELD.exec(object) : null;
      const base = { rule: 'gcp-service-account', provider: 'google', priority: PRIORITY.container } as const;
      if (object && key) {
        if (!realPrivateKey(key[1])) continue;
        out.push({ ...base, severity: 'critical', start: open, end: close + 1, score: 0.95, reasons: ['service-account-json', 'private-key'] });
        MARKER.lastIndex = close + 1;
      } else {
        out.push({ ...base, severity: 'medium', start: m.index, end: m.index + m[0].length, score: 0.4, reasons: ['service-account-marker', 'no-private-key-in-view'] });
      }
    }
    return out;
  },
};
