// Finding fingerprints: sha256 of check id + asset id + a location key that survives line shifts (the file and
// its whitespace-normalised snippet, or the asset key when there is no file), never a line number.

import { createHash } from 'node:crypto';
import type { Asset, Evidence } from '../model/index.js';

/** The evidence that names the finding's place: the first by file, then snippet, so order of discovery does not matter. */
function primaryEvidence(evidence: Evidence[]): Evidence | undefined {
  let best: Evidence | undefined;
  for (const e of evidence) {
    if (!e.file) continue;
    if (!best || e.file < best.file! || (e.file === best.file && normaliseSnippet(e.snippet) < normaliseSnippet(best.snippet))) best = e;
  }
  return best;
}

export function normaliseSnippet(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

export function locationKey(asset: Pick<Asset, 'key' | 'evidence'>): string {
  const e = primaryEvidence(asset.evidence ?? []);
  return e ? `${e.file}\n${normaliseSnippet(e.snippet)}` : `key:${asset.key}`;
}

export function fingerprint(checkId: string, asset: Pick<Asset, 'id' | 'key' | 'evidence'>): string {
  return createHash('sha256').update(checkId).update('\0').update(asset.id).update('\0').update(locationKey(asset)).digest('hex');
}
