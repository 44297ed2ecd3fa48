// Builds a text file line by line while recording where model ids and decoys were planted, so that
// truth.json can name the file and line of every one.

export type PlantContext = 'python' | 'typescript' | 'javascript' | 'notebook' | 'prompt' | 'env' | 'config' | 'go' | 'java' | 'iac';

export interface PlantedModel {
  /** The canonical id a correct inventory reports (LiteLLM prefixes removed, short names expanded). */
  id: string;
  provider: string;
  /** The text exactly as written in the file. */
  written: string;
  line: number;
}

export interface PlantedDecoy {
  /** What a naive scanner would report as a model id. */
  text: string;
  why: string;
  line: number;
}

/** Text with the plants it holds: what the tree writer records in truth.json. */
export interface PlantedText {
  readonly context: PlantContext;
  readonly models: PlantedModel[];
  readonly decoys: PlantedDecoy[];
  toString(): string;
}

export class TextBuilder implements PlantedText {
  private lines: string[] = [];
  readonly models: PlantedModel[] = [];
  readonly decoys: PlantedDecoy[] = [];
  private chars = 0;

  constructor(readonly context: PlantContext) {}

  /** Current length in characters (close to bytes: the generated text is ASCII). */
  get size(): number {
    return this.chars;
  }

  /** The 1-based number the next line will have. */
  get nextLine(): number {
    return this.lines.length + 1;
  }

  add(...lines: string[]): this {
    for (const block of lines) {
      for (const l of block.split('\n')) {
        this.lines.push(l);
        this.chars += l.length + 1;
      }
    }
    return this;
  }

  /** Adds a line that holds a model id; `written` must occur in the line. */
  model(line: string, m: { id: string; provider: string; written?: string }): this {
    const written = m.written ?? m.id;
    if (!line.includes(written)) throw new Error(`planted model ${written} not in line: ${line}`);
    this.models.push({ id: m.id, provider: m.provider, written, line: this.nextLine });
    return this.add(line);
  }

  /** Adds a line holding something that is not a model id although it sits where one could be. */
  decoy(line: string, text: string, why: string): this {
    this.decoys.push({ text, why, line: this.nextLine });
    return this.add(line);
  }

  /** Appends another builder's lines, shifting its plants to their new line numbers. */
  append(other: TextBuilder): this {
    const offset = this.lines.length;
    for (const m of other.models) this.models.push({ ...m, line: m.line + offset });
    for (const d of other.decoys) this.decoys.push({ ...d, line: d.line + offset });
    for (const l of other.lines) {
      this.lines.push(l);
      this.chars += l.length + 1;
    }
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}
