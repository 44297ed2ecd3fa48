// A structural check that a regular expression cannot backtrack catastrophically, used by the tests over
// every rule. It parses the subset of JavaScript regex syntax the rules use and rejects:
//   R1 star height: a repetition (max > 1) whose body holds variable-length parts (quantifiers, uneven
//      alternations) that can consume the body's first character: `(a+)+`, `(\w+\s?)*`, `(-a{1,3}-?){2,9}`.
//      A body that starts with a delimiter its inner parts cannot eat (`(?:-[a-z]{1,9}){1,5}`) is fine.
//   R2 ambiguous alternation: under a repetition, branches whose first characters overlap (`(a|ab)*`).
//   R3 unbounded overlap: an unbounded quantifier followed, with nothing disjoint in between, by another
//      variable-length part over overlapping characters (`\w+\w*x`, `.*=.*;`).
//   R4 unanchored unbounded start: a pattern that begins with an unbounded quantifier and no `\b` or
//      lookbehind, which retries from every position of a long run.
// Bounded quantifiers with no nesting do a bounded amount of work per start position, so the scan stays
// linear in the input. The checker is conservative: it may reject safe patterns, never the reverse for
// the constructs it understands; unknown syntax is reported as an error.

type CharSet = Uint8Array; // 0..127 ASCII, 128 = any non-ASCII character

interface Node {
  t: 'set' | 'seq' | 'alt' | 'rep' | 'look' | 'assert' | 'group';
  set?: CharSet;
  items?: Node[];
  body?: Node;
  min?: number;
  max?: number;
  lookbehind?: boolean;
  boundary?: boolean;
}

const newSet = (): CharSet => new Uint8Array(129);
function setOf(...codes: number[]): CharSet {
  const s = newSet();
  for (const c of codes) s[c] = 1;
  return s;
}
function range(s: CharSet, a: number, b: number): CharSet {
  for (let c = a; c <= b && c < 128; c++) s[c] = 1;
  if (b >= 128) s[128] = 1;
  return s;
}
function union(a: CharSet, b: CharSet): CharSet {
  const s = newSet();
  for (let i = 0; i < 129; i++) s[i] = a[i] | b[i];
  return s;
}
function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 129; i++) if (a[i] && b[i]) return true;
  return false;
}
function negate(a: CharSet): CharSet {
  const s = newSet();
  for (let i = 0; i < 129; i++) s[i] = a[i] ? 0 : 1;
  return s;
}
const DIGIT = () => range(newSet(), 48, 57);
const WORD = () => range(range(range(setOf(95), 48, 57), 65, 90), 97, 122);
const SPACE = () => {
  const s = setOf(9, 10, 11, 12, 13, 32);
  s[128] = 1;
  return s;
};
const DOT = () => {
  const s = negate(setOf(10, 13));
  return s;
};

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const n = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected '${this.src[this.i]}' at ${this.i}`);
    return n;
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', items: alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantifier(atom));
    }
    return { t: 'seq', items };
  }

  private quantifier(atom: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom; // a literal brace
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same structure
    if (atom.t === 'assert' || atom.t === 'look') throw new Error('quantified assertion');
    return { t: 'rep', body: atom, min, max };
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === '(') {
      let kind: 'group' | 'look' = 'group';
      let lookbehind = false;
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        kind = 'look';
        this.i += 2;
      } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        kind = 'look';
        lookbehind = true;
        this.i += 3;
      } else if (this.src.startsWith('?<', this.i)) {
        const end = this.src.indexOf('>', this.i);
        if (end < 0) throw new Error('bad group name');
        this.i = end + 1;
      } else if (this.src[this.i] === '?') throw new Error(`unsupported group at ${this.i}`);
      const body = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unclosed group');
      return kind === 'look' ? { t: 'look', body, lookbehind } : { t: 'group', body };
    }
    if (c === '[') return { t: 'set', set: this.fold(this.charClass()) };
    if (c === '.') return { t: 'set', set: DOT() };
    if (c === '^' || c === '$') return { t: 'assert' };
    if (c === '\\') {
      const e = this.src[this.i++];
      if (e === 'b' || e === 'B') return { t: 'assert', boundary: true };
      if (/[1-9k]/.test(e)) throw new Error('backreferences are not allowed');
      return { t: 'set', set: this.fold(this.escape(e)) };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') throw new Error(`unexpected '${c}' at ${this.i - 1}`);
    return { t: 'set', set: this.fold(setOf(c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 128)) };
  }

  private escape(e: string): CharSet {
    switch (e) {
      case 'd': return DIGIT();
      case 'D': return negate(DIGIT());
      case 'w': return WORD();
      case 'W': return negate(WORD());
      case 's': return SPACE();
      case 'S': return negate(SPACE());
      case 'n': return setOf(10);
      case 'r': return setOf(13);
      case 't': return setOf(9);
      case 'f': return setOf(12);
      case 'v': return setOf(11);
      case '0': return setOf(0);
      case 'x': {
        const code = parseInt(this.src.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return setOf(code < 128 ? code : 128);
      }
      case 'u': {
        const code = parseInt(this.src.slice(this.i, this.i + 4), 16);
        this.i += 4;
        return setOf(code < 128 ? code : 128);
      }
      default: return setOf(e.charCodeAt(0) < 128 ? e.charCodeAt(0) : 128);
    }
  }

  private charClass(): CharSet {
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let s = newSet();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let lo: CharSet;
      let loCode = -1;
      const c = this.src[this.i++];
      if (c === '\\') {
        const e = this.src[this.i++];
        lo = this.escape(e);
        if (!/[dDwWsS]/.test(e)) loCode = lo.findIndex((v) => v === 1);
      } else {
        loCode = c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 128;
        lo = setOf(loCode);
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && loCode >= 0) {
        this.i++;
        let hi = this.src[this.i++];
        if (hi === '\\') hi = String.fromCharCode(this.escape(this.src[this.i++]).findIndex((v) => v === 1));
        s = union(s, range(newSet(), loCode, hi.charCodeAt(0)));
      } else s = union(s, lo);
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed character class');
    return negated ? negate(s) : s;
  }

  private fold(s: CharSet): CharSet {
    if (!this.ignoreCase) return s;
    const f = Uint8Array.from(s);
    for (let c = 65; c <= 90; c++) if (s[c] || s[c + 32]) f[c] = f[c + 32] = 1;
    return f;
  }
}

// ---- properties of nodes -------------------------------------------------------------------------

function minLen(n: Node): number {
  switch (n.t) {
    case 'set': return 1;
    case 'seq': return n.items!.reduce((a, x) => a + minLen(x), 0);
    case 'alt': return Math.min(...n.items!.map(minLen));
    case 'rep': return n.min! * minLen(n.body!);
    case 'group': return minLen(n.body!);
    default: return 0;
  }
}
function maxLen(n: Node): number {
  switch (n.t) {
    case 'set': return 1;
    case 'seq': return n.items!.reduce((a, x) => a + maxLen(x), 0);
    case 'alt': return Math.max(...n.items!.map(maxLen));
    case 'rep': return n.max === Infinity ? Infinity : n.max! * maxLen(n.body!);
    case 'group': return maxLen(n.body!);
    default: return 0;
  }
}
const nullable = (n: Node) => minLen(n) === 0;
const variable = (n: Node) => minLen(n) !== maxLen(n);

/** Characters that can start a match of the node. */
function first(n: Node): CharSet {
  switch (n.t) {
    case 'set': return n.set!;
    case 'seq': {
      let s = newSet();
      for (const x of n.items!) {
        s = union(s, first(x));
        if (!nullable(x)) break;
      }
      return s;
    }
    case 'alt': return n.items!.reduce((a, x) => union(a, first(x)), newSet());
    case 'rep':
    case 'group': return first(n.body!);
    default: return newSet();
  }
}

/** Every character the node can consume. */
function chars(n: Node): CharSet {
  switch (n.t) {
    case 'set': return n.set!;
    case 'seq':
    case 'alt': return n.items!.reduce((a, x) => union(a, chars(x)), newSet());
    case 'rep':
    case 'group': return chars(n.body!);
    default: return newSet();
  }
}

/** Characters consumed by the variable-length parts inside a node. */
function variableChars(n: Node): CharSet {
  let s = newSet();
  const visit = (x: Node) => {
    if ((x.t === 'rep' || x.t === 'alt') && variable(x)) s = union(s, chars(x));
    if (x.items) x.items.forEach(visit);
    if (x.body && x.t !== 'look') visit(x.body);
  };
  visit(n);
  return s;
}

function flatten(items: Node[]): Node[] {
  const out: Node[] = [];
  for (const x of items) {
    if (x.t === 'group' && x.body!.t === 'seq') out.push(...flatten(x.body!.items!));
    else if (x.t === 'group') out.push(x.body!);
    else out.push(x);
  }
  return out;
}

function check(n: Node, underRepeat: boolean, problems: string[]): void {
  if (n.t === 'rep' && n.max! > 1) {
    if (nullable(n.body!)) problems.push('R1: repeated body can match empty');
    const inner = variableChars(n.body!);
    if (overlaps(inner, first(n.body!))) problems.push('R1: nested quantifier without a delimiter');
  }
  if (n.t === 'alt' && underRepeat) {
    const firsts = n.items!.map(first);
    for (let a = 0; a < firsts.length; a++)
      for (let b = a + 1; b < firsts.length; b++)
        if (overlaps(firsts[a], firsts[b])) problems.push('R2: overlapping alternation under a quantifier');
  }
  if (n.t === 'seq') {
    let pending = newSet();
    for (const x of flatten(n.items!)) {
      if (variable(x) && overlaps(chars(x), pending)) problems.push('R3: unbounded quantifier overlaps what follows');
      if (!nullable(x) && !overlaps(first(x), pending)) pending = newSet();
      if (x.t === 'rep' && x.max === Infinity) pending = union(pending, chars(x.body!));
    }
  }
  const repeats = underRepeat || (n.t === 'rep' && n.max! > 1);
  if (n.items) for (const x of n.items) check(x, repeats, problems);
  if (n.body) check(n.body, repeats, problems);
}

function checkStart(n: Node, problems: string[]): void {
  const items = n.t === 'seq' ? flatten(n.items!) : [n];
  for (const x of items) {
    if ((x.t === 'assert' && x.boundary) || (x.t === 'look' && x.lookbehind)) return;
    if (x.t === 'rep' && x.max === Infinity) {
      problems.push('R4: pattern starts with an unbounded quantifier');
      return;
    }
    if (x.t === 'alt') {
      x.items!.forEach((b) => checkStart(b, problems));
      return;
    }
    if (!nullable(x)) return;
  }
}

/** Problems that could make the regex backtrack catastrophically; empty when it is safe. */
export function regexSafetyProblems(re: RegExp): string[] {
  const problems: string[] = [];
  let ast: Node;
  try {
    ast = new Parser(re.source, re.flags.includes('i')).parse();
  } catch (e) {
    return [`unparseable: ${(e as Error).message}`];
  }
  check(ast, false, problems);
  checkStart(ast, problems);
  return [...new Set(problems)];
}
