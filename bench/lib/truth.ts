// truth.json: what the generator planted, so the benchmark can score an inventory. Model ids are
// recorded once each with where they occur; decoys (things that are not model ids) likewise.
import type { PlantContext, PlantedDecoy, PlantedModel } from './text-builder.js';

export const GENERATOR_VERSION = '1';

export interface TruthLocation {
  file: string;
  line: number;
  written: string;
}

export interface TruthModel {
  id: string;
  provider: string;
  /** How many times the id was planted, per kind of file. */
  contexts: Partial<Record<PlantContext, number>>;
  count: number;
  examples: TruthLocation[];
}

export interface TruthDecoy {
  why: string;
  /** What a naive scanner would report (up to 20 distinct spellings). */
  texts: string[];
  count: number;
  examples: Array<{ file: string; line: number }>;
}

export interface Truth {
  generator: { version: string; seed: number; files: number; mb: number };
  tree: { files: number; bytes: number; byCategory: Record<string, { files: number; bytes: number }> };
  models: TruthModel[];
  decoys: TruthDecoy[];
}

const EXAMPLES = 5;

/** Collects plants across files; `toJSON` orders everything so the file is byte-stable. */
export class TruthRecorder {
  private models = new Map<string, TruthModel>();
  private decoys = new Map<string, TruthDecoy>();

  addModels(file: string, context: PlantContext, planted: PlantedModel[]): void {
    for (const p of planted) {
      const m = this.models.get(p.id) ?? { id: p.id, provider: p.provider, contexts: {}, count: 0, examples: [] };
      m.count++;
      m.contexts[context] = (m.contexts[context] ?? 0) + 1;
      if (m.examples.length < EXAMPLES) m.examples.push({ file, line: p.line, written: p.written });
      this.models.set(p.id, m);
    }
  }

  addDecoys(file: string, planted: PlantedDecoy[]): void {
    for (const p of planted) {
      const d = this.decoys.get(p.why) ?? { why: p.why, texts: [], count: 0, examples: [] };
      d.count++;
      if (d.texts.length < 20 && !d.texts.includes(p.text)) d.texts.push(p.text);
      if (d.examples.length < EXAMPLES) d.examples.push({ file, line: p.line });
      this.decoys.set(p.why, d);
    }
  }

  result(): Pick<Truth, 'models' | 'decoys'> {
    return {
      models: [...this.models.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      decoys: [...this.decoys.values()].sort((a, b) => (a.why < b.why ? -1 : 1)),
    };
  }
}
