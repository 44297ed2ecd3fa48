// The Python code collector: AI usage in .py files (clients, models, agents, tools, prompts, vector
// stores, Hugging Face loads, unsafe deserialisation, data references, secrets by env var name).

import type { Collector } from '../types.js';
import { analysePython } from './analyse.js';
import { mayContainAi } from './prefilter.js';

export const pythonCollector: Collector = {
  id: 'python',
  version: '1.0.0',
  wants: (_rel, base) => base.endsWith('.py'),
  async collect(file, ctx) {
    const text = await file.text();
    if (!mayContainAi(text)) return;
    await analysePython(text, ctx, file.rel);
  },
};

export default pythonCollector;
