// ConfigMaps and Secret manifests that carry AI or cloud credentials. A ConfigMap is not a secret store
// (readable by anyone who can read the namespace's configuration, printed by `kubectl describe`), and a
// Secret committed as YAML is a credential in the repository (base64 is an encoding, not encryption).
// Each credential becomes the `secret` asset `env:<NAME>` with `literalIn` saying which of the two held it;
// the value is only ever kept masked.

import { isLiteralSecret } from '../dockerfile/container.js';
import { emitSecretUse, type SecretPlace } from '../dockerfile/emit.js';
import { isPrintableCredential } from '../ci/pipeline.js';
import type { CollectContext } from '../types.js';
import { isRecord, str, type K8sObject } from './documents.js';

/** `openai-api-key` and `openai.api_key` as the variable name code would read. */
export function envNameOf(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function emitEntries(ctx: CollectContext, o: K8sObject, field: string, decode: (v: string) => string | undefined, place: SecretPlace): void {
  const data = o.obj[field];
  if (!isRecord(data)) return;
  for (const [key, raw] of Object.entries(data)) {
    const name = envNameOf(key);
    if (!isPrintableCredential(name)) continue;
    const value = str(raw) !== undefined ? decode(str(raw)!) : undefined;
    if (!isLiteralSecret(value)) continue;
    emitSecretUse(ctx, undefined, { envVar: name, literal: value, line: o.lineOf([field, key]) ?? o.line }, o.lineOf([field, key]) ?? o.line, place);
  }
}

export function emitConfigMap(ctx: CollectContext, o: K8sObject): void {
  emitEntries(ctx, o, 'data', (v) => v, 'kubernetes-configmap');
}

export function emitSecretManifest(ctx: CollectContext, o: K8sObject): void {
  emitEntries(ctx, o, 'stringData', (v) => v, 'kubernetes-secret');
  emitEntries(ctx, o, 'data', decodeBase64, 'kubernetes-secret');
}

function decodeBase64(v: string): string | undefined {
  const t = v.trim();
  if (!t || /[^A-Za-z0-9+/=]/.test(t) || t.length % 4 !== 0) return undefined;
  const s = Buffer.from(t, 'base64').toString('utf8');
  // a value that does not decode to text is not a key we can describe
  return s.trim() && !/[^\x20-\x7e]/.test(s.trim()) ? s.trim() : undefined;
}
