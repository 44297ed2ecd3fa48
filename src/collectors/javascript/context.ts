// The state the analysis modules (clients, agents, prompts, vector stores) share for one file.

import type { Emitter } from './emit.js';
import type { Origin, Resolver } from './resolve.js';
import type { Node } from './syntax.js';

export interface FileAnalysis {
  rel: string;
  r: Resolver;
  em: Emitter;
  /** The masked-later source line for evidence. */
  snippet(line: number): string;
  /** What a call / new expression makes (memoised, so nodes evaluated early are not handled twice). */
  evaluate(n: Node): Origin | undefined;
}
