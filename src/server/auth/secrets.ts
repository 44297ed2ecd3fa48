// Session ids and API tokens: high-entropy random secrets, stored only as SHA-256 (a fast hash is enough for 256-bit
// random values; Argon2 is for low-entropy passwords).
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'aispm_';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** `aispm_<43 base64url chars>`: the prefix makes a leaked token recognisable to secret scanners. */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${newSecret(32)}`;
}
