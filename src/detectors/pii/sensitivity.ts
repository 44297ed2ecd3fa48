// Sensitivity labels for datasets, notebooks, knowledge-base documents and log files, from what the PII
// detector counted in them. The rules, first match wins:
//   restricted    government and financial identifiers (US_SSN, PASSPORT, CREDIT_CARD, IBAN), credentials
//                 (SECRET), or health vocabulary about an identifiable person (HEALTH with PERSON, EMAIL,
//                 PHONE, DATE_OF_BIRTH or an identifier): data whose leak harms people directly.
//   confidential  a person together with a way to reach or identify them (PERSON with EMAIL, PHONE,
//                 STREET_ADDRESS or DATE_OF_BIRTH), any street address or birth date, financial vocabulary
//                 with a person, or contact details in bulk (10 or more emails and phones): personal data.
//   internal      any other detection (a lone name, email, phone or IP address, health or financial terms
//                 without a person): the asset mentions people or money and is not for publication.
//   public        nothing detected.
import type { Sensitivity } from '../../model/asset.js';

export type TypeCounts = Readonly<Record<string, number | undefined>>;

const has = (c: TypeCounts, ...types: string[]) => types.some((t) => (c[t] ?? 0) > 0);
const sum = (c: TypeCounts, ...types: string[]) => types.reduce((n, t) => n + (c[t] ?? 0), 0);

const IDENTIFIERS = ['US_SSN', 'PASSPORT', 'CREDIT_CARD', 'IBAN'];
const CONTACT = ['EMAIL', 'PHONE', 'STREET_ADDRESS', 'DATE_OF_BIRTH'];
export const BULK_CONTACTS = 10;

interface Rule {
  label: Sensitivity;
  reason: string;
  when: (c: TypeCounts) => boolean;
}

export const SENSITIVITY_RULES: readonly Rule[] = [
  { label: 'restricted', reason: 'government or financial identifier', when: (c) => has(c, ...IDENTIFIERS) },
  { label: 'restricted', reason: 'credential in the data', when: (c) => has(c, 'SECRET') },
  { label: 'restricted', reason: 'health data about an identifiable person', when: (c) => has(c, 'HEALTH') && has(c, 'PERSON', ...CONTACT) },
  { label: 'confidential', reason: 'person with contact or birth details', when: (c) => has(c, 'PERSON') && has(c, ...CONTACT) },
  { label: 'confidential', reason: 'street address or date of birth', when: (c) => has(c, 'STREET_ADDRESS', 'DATE_OF_BIRTH') },
  { label: 'confidential', reason: 'financial data about a person', when: (c) => has(c, 'FINANCIAL') && has(c, 'PERSON') },
  { label: 'confidential', reason: 'contact details in bulk', when: (c) => sum(c, 'EMAIL', 'PHONE') >= BULK_CONTACTS },
  { label: 'internal', reason: 'personal or sensitive mentions', when: (c) => Object.values(c).some((n) => (n ?? 0) > 0) },
];

export function explainSensitivity(counts: TypeCounts): { label: Sensitivity; reason: string } {
  for (const rule of SENSITIVITY_RULES) if (rule.when(counts)) return { label: rule.label, reason: rule.reason };
  return { label: 'public', reason: 'no personal or sensitive data detected' };
}

export function sensitivityOf(counts: TypeCounts): Sensitivity {
  return explainSensitivity(counts).label;
}

/** Counts detections by type, the input the rules read. */
export function countByType(detections: readonly { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of detections) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
}

const ORDER: readonly Sensitivity[] = ['public', 'internal', 'confidential', 'restricted'];

/** The higher of two labels: an asset is as sensitive as its most sensitive part. */
export function maxSensitivity(a: Sensitivity, b: Sensitivity): Sensitivity {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}
