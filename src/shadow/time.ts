// Timestamps as egress logs write them, to epoch milliseconds: epoch seconds with fractions (Squid,
// Zeek), epoch milliseconds, ISO 8601, `2024-06-01 10:00:00` (UTC assumed) and the common log format's
// `10/Oct/2024:13:55:36 -0700`.

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const CLF = /^\[?(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\s+([+-])(\d{2})(\d{2}))?\]?$/;
const NUMERIC = /^\d{9,}(?:\.\d+)?$/;
const SPACE_DATE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/;

// Epoch values below this are seconds, above it milliseconds (year 2286 in seconds).
const SECONDS_MAX = 1e10;

export function parseTime(raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === '' || raw === '-') return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? (raw < SECONDS_MAX ? raw * 1000 : raw) : undefined;
  const v = raw.trim();
  if (NUMERIC.test(v)) {
    const n = Number(v);
    return n < SECONDS_MAX ? Math.round(n * 1000) : n;
  }
  const clf = CLF.exec(v);
  if (clf) {
    const month = MONTHS[clf[2].toLowerCase()];
    if (month === undefined) return undefined;
    const utc = Date.UTC(Number(clf[3]), month, Number(clf[1]), Number(clf[4]), Number(clf[5]), Number(clf[6]));
    const offsetMin = clf[7] ? (clf[7] === '-' ? -1 : 1) * (Number(clf[8]) * 60 + Number(clf[9])) : 0;
    return utc - offsetMin * 60_000;
  }
  const spaced = SPACE_DATE.exec(v);
  const t = Date.parse(spaced ? `${spaced[1]}T${spaced[2]}Z` : v);
  return Number.isNaN(t) ? undefined : t;
}

export function isoTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
