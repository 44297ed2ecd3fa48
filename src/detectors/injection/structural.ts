// Shared shape of the structural finders (hidden Unicode, hidden HTML, encoded payloads, exfiltration
// links). A finder reports where something is hidden or smuggled, how suspicious that is by itself, and
// the hidden or decoded payload, which index.ts then scores like any other text: hidden text that reads
// as an instruction is the finding; an HTML comment that says "TODO" is not.

export type InjectionType = 'prompt-injection' | 'hidden-unicode' | 'hidden-html' | 'encoded-instruction' | 'exfiltration-link';

export interface StructuralHit {
  type: InjectionType;
  /** Signal id, e.g. `unicode-tags`, `html-comment`, `base64-payload`. */
  signal: string;
  start: number;
  end: number;
  /** Confidence from the structure alone (0 when only the payload can make it a finding). */
  base: number;
  /** Hidden or decoded text to score as a possible instruction. */
  payload?: string;
  /** Report only when the payload reads as an instruction. */
  requireInstruction: boolean;
  /** More reasons (e.g. `url-template`). */
  reasons?: string[];
}

export interface StructuralSignal {
  id: string;
  type: InjectionType;
  description: string;
  find(text: string): StructuralHit[];
}
