// Measures of randomness for candidate secret values. Real keys are drawn uniformly from an alphabet;
// placeholders, words and fixtures are not, and these numbers are how the rules tell them apart.

const asciiCounts = new Int32Array(128);

/** Shannon entropy in bits per character. ASCII is counted in a reused table (hot path); other text in a map. */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  let bits = 0;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    asciiCounts[c]++;
  }
  if (ascii) {
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      const k = asciiCounts[c];
      if (k > 0) {
        const p = k / n;
        bits -= p * Math.log2(p);
        asciiCounts[c] = 0; // each symbol once; leaves the table clean for the next call
      }
    }
    return bits;
  }
  asciiCounts.fill(0);
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const total = [...value].length;
  for (const k of counts.values()) {
    const p = k / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export interface CharClasses {
  lower: number;
  upper: number;
  digit: number;
  other: number;
}

export function charClasses(value: string): CharClasses {
  const c: CharClasses = { lower: 0, upper: 0, digit: 0, other: 0 };
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 97 && code <= 122) c.lower++;
    else if (code >= 65 && code <= 90) c.upper++;
    else if (code >= 48 && code <= 57) c.digit++;
    else c.other++;
  }
  return c;
}

/** How many of lower, upper, digit and other characters occur at all. */
export function classCount(value: string): number {
  const c = charClasses(value);
  return (c.lower > 0 ? 1 : 0) + (c.upper > 0 ? 1 : 0) + (c.digit > 0 ? 1 : 0) + (c.other > 0 ? 1 : 0);
}

/**
 * Share of neighbouring characters that continue an ascending or descending run (`abcd`, `1234`,
 * `aBcD`, `9876`): high for keyboard-made fixtures such as `aBcDeFgH1234567890`.
 */
export function sequentialShare(value: string): number {
  if (value.length < 2) return 0;
  let steps = 0;
  const lower = value.toLowerCase();
  for (let i = 1; i < lower.length; i++) {
    const d = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if (d === 1 || d === -1) steps++;
  }
  return steps / (value.length - 1);
}

/** Whether the value is one short unit repeated (`FakeFakeFake`, `abab`, `AAAA`); unit length 1..8. */
export function repeatedUnit(value: string): string | undefined {
  for (let unit = 1; unit <= 8 && unit * 3 <= value.length; unit++) {
    let same = 0;
    for (let i = unit; i < value.length; i++) if (value[i] === value[i - unit]) same++;
    // Allow a little noise (a digit swapped in, a truncated tail): 85 % of positions repeat.
    if (same / (value.length - unit) >= 0.85) return value.slice(0, unit);
  }
  return undefined;
}
