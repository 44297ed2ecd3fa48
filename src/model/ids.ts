import { createHash } from 'node:crypto';
import type { AssetKind, EdgeKind } from './asset.js';

/**
 * Normalises a natural key so that trivially different spellings of the same thing meet:
 * case is kept for paths (case-sensitive file systems) but folded for everything else.
 */
export function normaliseKey(kind: AssetKind, key: string): string {
  const k = key.trim();
  switch (kind) {
    case 'model-file':
    case 'notebook':
    case 'application':
      return k.replace(/\\/g, '/');
    case 'prompt':
    case 'agent':
    case 'tool':
    case 'dataset':
      // may be paths or file-anchored names: keep case
      return k.replace(/\\/g, '/');
    default:
      return k.toLowerCase();
  }
}

/** Stable asset id: `<kind>:<first 16 hex of sha256(kind NUL key)>`. */
export function assetId(kind: AssetKind, key: string): string {
  const h = createHash('sha256').update(kind).update('\0').update(normaliseKey(kind, key)).digest('hex');
  return `${kind}:${h.slice(0, 16)}`;
}

export function edgeKey(from: string, kind: EdgeKind, to: string): string {
  return `${from}|${kind}|${to}`;
}

/** The one special node every network exposure starts from. */
export const INTERNET_ID = assetId('network', 'internet');
