// Validators for formats that carry more structure than a regex can check: GitHub's CRC32 checksum and
// the JSON header and claims of a JWT. A validator returns a verdict: drop the match, or keep it with an
// adjusted score and a reason.

export interface Verdict {
  keep: boolean;
  score?: number;
  reason?: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let crcTable: Uint32Array | undefined;
function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = crcTable[(crc ^ s.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function base62(n: number, width: number): string {
  let out = '';
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub's 40-character tokens end in a 6-character base62 CRC32 of the 30 random characters before it.
 * A valid checksum raises confidence; an invalid one only lowers it (fixtures and older tokens differ).
 */
export function githubChecksum(token: string): Verdict {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return { keep: true };
  const random = body.slice(0, 30);
  if (base62(crc32(random), 6) === body.slice(30)) return { keep: true, score: 0.99, reason: 'checksum-valid' };
  return { keep: true, score: 0.8, reason: 'checksum-mismatch' };
}

function decodeBase64Url(part: string): string | undefined {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// Claims that make a JWT an authorisation token rather than a signed message.
const AUTH_CLAIMS = ['sub', 'iss', 'aud', 'exp', 'scope', 'scp', 'role', 'roles', 'client_id', 'azp', 'email', 'user_id', 'uid', 'permissions'];

/**
 * A JWT is a bearer credential when its header is JSON naming an `alg` and its payload carries identity
 * or authorisation claims. The jwt.io demo token (`sub` 1234567890, John Doe) is a documented example.
 * Supabase-style `anon` role tokens are public by design and score low.
 */
export function jwtClaims(token: string): Verdict {
  const [headerPart, payloadPart] = token.split('.');
  const header = parseJsonObject(decodeBase64Url(headerPart));
  if (!header || typeof header.alg !== 'string') return { keep: false };
  const payload = parseJsonObject(decodeBase64Url(payloadPart));
  if (!payload) return { keep: false };
  if (payload.sub === '1234567890' && payload.name === 'John Doe') return { keep: false };
  if (!AUTH_CLAIMS.some((c) => c in payload)) return { keep: false };
  if (payload.role === 'anon') return { keep: true, score: 0.3, reason: 'public-anon-role' };
  if (String(header.alg).toLowerCase() === 'none') return { keep: true, score: 0.4, reason: 'unsigned' };
  return { keep: true, reason: 'jwt-claims' };
}
