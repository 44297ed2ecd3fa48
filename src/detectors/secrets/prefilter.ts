// The keyword prefilter: one pass over the text that reports which rule keywords occur, so that a rule's
// own regex runs only on texts that mention one of its keywords. Every character of every text file goes
// through this pass, so it is an Aho-Corasick automaton walked over a dense transition table rather than a
// regex: the keywords start with most letters of the alphabet, and V8's regex engine then tries a match at
// nearly every position. ASCII letters are folded to lower case in the character-class table, which is what
// the rules' case-insensitive ASCII patterns need; a character outside the keywords' alphabet sends the
// automaton back to its root.

/** Row width of the transition table: a power of two above the number of character classes. */
const STRIDE = 64;

export class KeywordPrefilter {
  private readonly words: readonly string[];
  /** UTF-16 code unit -> character class (0: in no keyword). Upper-case ASCII letters share the lower-case class. */
  private readonly classOf = new Uint8Array(65536);
  /** table[row + class] -> the next state's row (state * STRIDE), failure links already followed. */
  private readonly table: Int32Array;
  /** States are numbered so that those where a keyword ends come last, from this row on. */
  private readonly firstOutput: number;
  /** Keyword ids ending in each state: its own and those reached by failure links. */
  private readonly outputs: readonly (readonly number[])[];

  constructor(keywords: Iterable<string>) {
    this.words = [...new Set([...keywords].map((k) => k.toLowerCase()))].filter(Boolean).sort();
    let classes = 1;
    for (const w of this.words) {
      for (const ch of w) {
        const c = ch.charCodeAt(0);
        if (c >= 128) throw new Error(`secret keyword ${JSON.stringify(w)}: keywords are ASCII`);
        if (!this.classOf[c]) this.classOf[c] = classes++;
      }
    }
    if (classes > STRIDE) throw new Error(`secret keywords use ${classes - 1} distinct characters; at most ${STRIDE - 1} fit`);
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32];

    // the trie: goto[state][class], -1 where no keyword continues
    const goto: Int32Array[] = [new Int32Array(classes).fill(-1)];
    const out: number[][] = [[]];
    this.words.forEach((w, id) => {
      let s = 0;
      for (const ch of w) {
        const c = this.classOf[ch.charCodeAt(0)];
        if (goto[s][c] === -1) {
          goto[s][c] = goto.length;
          goto.push(new Int32Array(classes).fill(-1));
          out.push([]);
        }
        s = goto[s][c];
      }
      out[s].push(id);
    });

    // breadth first: failure links, and every missing edge replaced by the failure state's edge
    const states = goto.length;
    const next = goto.map((row) => Int32Array.from(row));
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < classes; c++) {
      if (next[0][c] === -1) next[0][c] = 0;
      else queue.push(next[0][c]);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      out[s].push(...out[fail[s]]);
      for (let c = 0; c < classes; c++) {
        const t = goto[s][c];
        if (t === -1) next[s][c] = next[fail[s]][c];
        else {
          fail[t] = next[fail[s]][c];
          queue.push(t);
        }
      }
    }
    // class 0 (a character in no keyword) always returns to the root
    for (let s = 0; s < states; s++) next[s][0] = 0;

    // Renumber so that states with output come last (one comparison in the hot loop tells them apart) and
    // store each target as its row offset (no multiplication in the hot loop). The root keeps number 0.
    const order = [...Array(states).keys()].sort((a, b) => Number(out[a].length > 0) - Number(out[b].length > 0) || a - b);
    const newId = new Int32Array(states);
    order.forEach((old, id) => (newId[old] = id));
    this.table = new Int32Array(states * STRIDE);
    for (let s = 0; s < states; s++) for (let c = 0; c < classes; c++) this.table[newId[s] * STRIDE + c] = newId[next[s][c]] * STRIDE;
    const firstOutput = order.findIndex((s) => out[s].length > 0);
    this.firstOutput = (firstOutput < 0 ? states : firstOutput) * STRIDE;
    this.outputs = order.map((s) => out[s]);
  }

  /** The keywords that occur in the text (ASCII case-insensitively). */
  present(text: string): Set<string> {
    const { classOf, table, firstOutput } = this;
    let reached: number[] | undefined;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      row = table[row + classOf[text.charCodeAt(i)]];
      if (row >= firstOutput) (reached ??= []).push(row);
    }
    return this.keywordsOf(reached);
  }

  /**
   * The same answer as `present` for the UTF-8 decoding of these bytes, without decoding them (and about a
   * third faster, a typed-array read per byte). Exact because keywords are ASCII: an ASCII byte always
   * decodes to itself, and every byte of a multi-byte or invalid sequence is >= 0x80, in no keyword's
   * alphabet, so it sends the automaton to its root just as the decoded non-ASCII character (or U+FFFD,
   * or a byte-order mark) does. Not for UTF-16 text.
   */
  presentInUtf8(bytes: Uint8Array): Set<string> {
    const { classOf, table, firstOutput } = this;
    let reached: number[] | undefined;
    let row = 0;
    for (let i = 0, n = bytes.length; i < n; i++) {
      row = table[row + classOf[bytes[i]]];
      if (row >= firstOutput) (reached ??= []).push(row);
    }
    return this.keywordsOf(reached);
  }

  private keywordsOf(reached: number[] | undefined): Set<string> {
    const found = new Set<string>();
    if (!reached) return found;
    for (const r of new Set(reached)) for (const id of this.outputs[r / STRIDE]) found.add(this.words[id]);
    return found;
  }
}
