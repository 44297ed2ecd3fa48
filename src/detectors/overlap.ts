// Shared by the detectors: from candidates already ranked best first, keep each one that overlaps none
// kept before it. The kept list stays sorted by start, so each test is a binary search.

export interface Span {
  start: number;
  end: number;
}

export function keepNonOverlapping<T extends Span>(rankedBestFirst: Iterable<T>): T[] {
  const kept: T[] = [];
  for (const c of rankedBestFirst) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > c.start) || (after && after.start < c.end)) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}
