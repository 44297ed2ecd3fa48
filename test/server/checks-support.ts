// What the custom-check tests share (API and browser): a check in the format of docs/custom-checks.md and a folder it
// fails on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CUSTOM_CHECK = `id: ACME-001
longId: openai-model-without-approval
title: OpenAI model used without an approval tag
severity: high
maturity: stable
kinds: [model]
condition: asset.provider == "openai" && !("approved" in asset.tags)
message: Model {{asset.name}} is used without the AI board's approval
remediation: Ask the AI board to approve the model, then tag it approved.
frameworks:
  owasp-llm-2025: [LLM03:2025]
  mitre-atlas: [AML.T0010]
`;

/** A folder with one Python file that calls an OpenAI model: the check above fails on it. */
export function openaiFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aispm-custom-check-'));
  writeFileSync(path.join(dir, 'app.py'), [
    'from openai import OpenAI', '', 'client = OpenAI()',
    'reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])', '',
  ].join('\n'));
  return dir;
}
