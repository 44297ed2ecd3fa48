// How numbers and times read in the dashboard.
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  // never round a shortfall up to a clean 100% (or a trace down to 0%)
  if ((x < 1 && x > 0.995) || (x > 0 && x < 0.005)) return `${(x * 100).toFixed(1)}%`;
  return `${Math.round(x * 100)}%`;
}

export const count = (n: number, capped?: boolean) => `${n.toLocaleString('en')}${capped ? '+' : ''}`;

export function when(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: '2-digit' });
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '–';
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

export function hours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '–';
  return h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
}

/** `YYYY-MM-DD` of today plus `days` (for date inputs). */
export function isoDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
