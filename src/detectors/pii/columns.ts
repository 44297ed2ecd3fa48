// Column classification for structured datasets (CSV, JSONL, Parquet rows): what each column holds, from
// its header name and from a bounded sample of its values run through the detector. Each value is read
// as `<header>: <value>`, so the header serves as the context word a bare value lacks (a nine-digit
// number under "ssn", a date under "dob").
import { detectPii } from './index.js';

export interface ColumnClassification {
  column: string;
  /** PII and signal types the column holds, most certain first. */
  types: string[];
  confidence: number;
  /** Sampled rows whose value matched one of `types`. */
  matchedRows: number;
  sampledRows: number;
  /** Where each type came from: the header name, the values or both. */
  evidence: Record<string, 'header' | 'values' | 'header+values'>;
}

/** Header words per type, matched against the header's lower-case words ("customer_email", "firstName"). */
export const HEADER_RULES: readonly { type: string; pattern: RegExp }[] = [
  { type: 'EMAIL', pattern: /\b(?:e ?mail|email address|mail)\b/ },
  { type: 'PHONE', pattern: /\b(?:phone|telephone|tel|mobile|cell|fax|msisdn|phone number|contact number)\b/ },
  { type: 'US_SSN', pattern: /\b(?:ssn|social security(?: number)?|ss number|sin|national id|nino|tax id|tin)\b/ },
  { type: 'DATE_OF_BIRTH', pattern: /\b(?:dob|birth ?date|date of birth|birthday|born|birth)\b/ },
  { type: 'PERSON', pattern: /\b(?:first name|last name|full name|given name|family name|surname|forename|middle name|maiden name|name|contact person|cardholder|account holder)\b/ },
  { type: 'STREET_ADDRESS', pattern: /\b(?:address|street|addr|address line ?\d?|home address|mailing address|billing address|shipping address)\b/ },
  { type: 'IBAN', pattern: /\b(?:iban|bank account|account iban)\b/ },
  { type: 'CREDIT_CARD', pattern: /\b(?:card|card number|cc|cc number|credit card|pan|card no)\b/ },
  { type: 'IP_ADDRESS', pattern: /\b(?:ip|ip address|ipv4|ipv6|client ip|remote addr|source ip|src ip|dst ip)\b/ },
  { type: 'PASSPORT', pattern: /\b(?:passport|passport number|passport no|travel document)\b/ },
  { type: 'HEALTH', pattern: /\b(?:diagnosis|condition|medication|prescription|icd|icd10|allergy|allergies|blood type|treatment|symptoms)\b/ },
  { type: 'FINANCIAL', pattern: /\b(?:salary|income|balance|account number|routing number|sort code|credit score|net worth|loan)\b/ },
  { type: 'SECRET', pattern: /\b(?:password|passwd|secret|api key|token|access key|private key)\b/ },
];

/** Names that contain "name" but describe things, not people. */
const NON_PERSON_NAME = /\b(?:file|host|user|product|model|company|org|organisation|organization|table|column|field|domain|app|service|project|dataset|bucket|server|device|item|brand|display|class|type|path|key|category|group|team|city|country|street|region|state|branch|bank|sheet)\s?name\b/;

/** Splits snake_case, kebab-case and camelCase into lower-case words. */
export function headerWords(header: string): string {
  return header
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s/]{1,10}/g, ' ')
    .trim()
    .toLowerCase();
}

export function typesFromHeader(header: string): string[] {
  const words = headerWords(header);
  const types = HEADER_RULES.filter((r) => r.pattern.test(words)).map((r) => r.type);
  if (NON_PERSON_NAME.test(words)) return types.filter((t) => t !== 'PERSON');
  return types;
}

export const DEFAULT_SAMPLE_ROWS = 200;
/** Share of non-empty sampled values that must match before values alone name a type. */
const VALUE_SHARE = 0.3;
const MAX_CELL = 2_000;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Types whose detection covers most of the value (a name inside a free-text comment is not the column's kind). */
function valueTypes(prefix: string, value: string): Set<string> {
  const text = prefix + value;
  const out = new Set<string>();
  const length = value.trim().length;
  for (const d of detectPii(text)) {
    if (d.start < prefix.length) continue;
    const covered = d.end - d.start;
    if (covered >= 0.6 * length || length > 80) out.add(d.type);
  }
  return out;
}

export function classifyColumns(columns: string[], rows: unknown[][], sampleRows = DEFAULT_SAMPLE_ROWS): ColumnClassification[] {
  const sample = rows.slice(0, sampleRows);
  return columns.map((column, index) => {
    const headerTypes = typesFromHeader(column);
    const counts = new Map<string, number>();
    const foundPerRow: Set<string>[] = [];
    const prefix = `${headerWords(column) || 'value'}: `;
    // a column's values repeat (statuses, countries, flags): each distinct value is run through the detector once
    const seen = new Map<string, Set<string>>();
    let nonEmpty = 0;
    for (const row of sample) {
      const value = cellText(row[index]).slice(0, MAX_CELL);
      if (!value.trim()) continue;
      nonEmpty++;
      let found = seen.get(value);
      if (!found) seen.set(value, (found = valueTypes(prefix, value)));
      foundPerRow.push(found);
      for (const t of found) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const evidence: Record<string, 'header' | 'values' | 'header+values'> = {};
    const confidenceOf = new Map<string, number>();
    for (const t of headerTypes) {
      evidence[t] = 'header';
      confidenceOf.set(t, nonEmpty ? 0.5 : 0.6);
    }
    for (const [t, n] of counts) {
      const share = n / Math.max(1, nonEmpty);
      if (headerTypes.includes(t)) {
        evidence[t] = 'header+values';
        confidenceOf.set(t, Math.min(0.99, 0.7 + 0.3 * share));
      } else if (share >= VALUE_SHARE) {
        evidence[t] = 'values';
        confidenceOf.set(t, Math.min(0.95, 0.4 + 0.55 * share));
      }
    }
    // A header claim the values never confirm (an "email" column of numbers) keeps its lower header-only confidence.
    const types = [...confidenceOf.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
    const matchedRows = foundPerRow.filter((found) => types.some((t) => found.has(t))).length;
    return {
      column,
      types,
      confidence: types.length ? Number(confidenceOf.get(types[0])!.toFixed(2)) : 0,
      matchedRows,
      sampledRows: nonEmpty,
      evidence,
    };
  });
}
