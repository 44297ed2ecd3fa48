// Patterns in the allow-list: `*` and `?` wildcards (case-insensitive) for host and user names, and CIDR
// ranges (`10.20.0.0/16`, `2001:db8::/32`) for source addresses.

import ipaddr from 'ipaddr.js';

/**
 * Wildcard match without regular expressions: the classic two-pointer walk that backs up to the last `*`,
 * O(length x pattern) at worst, with no catastrophic backtracking.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A compiled pattern: a CIDR range when it parses as one, otherwise a wildcard. */
export class NamePattern {
  private readonly cidr?: Cidr;
  constructor(readonly text: string) {
    if (text.includes('/')) {
      try {
        this.cidr = ipaddr.parseCIDR(text);
      } catch {
        // not a range: matched as a wildcard
      }
    }
  }

  matches(value: string): boolean {
    if (this.cidr) {
      if (!ipaddr.isValid(value)) return false;
      const addr = ipaddr.process(value);
      return addr.kind() === this.cidr[0].kind() && addr.match(this.cidr);
    }
    return wildcardMatch(this.text, value);
  }
}

/** A pattern string that is neither a valid CIDR nor usable as a wildcard (empty). */
export function isValidPattern(text: string): boolean {
  return text.trim().length > 0 && (!text.includes('/') || ipaddr.isValidCIDR(text) || !/^[\d.:a-f]+\/\d+$/i.test(text));
}
