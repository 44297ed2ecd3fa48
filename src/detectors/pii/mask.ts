// Type-aware masks: enough to tell detections apart in a report (a card's last four digits, an IBAN's
// country, an email's first letter), never enough to recover the value. The length is always shown.
import { maskValue } from '../../util/mask.js';
import type { PiiType } from './candidate.js';
import { digitsOf } from './validators.js';

const MASKS: Partial<Record<PiiType, (v: string) => string>> = {
  EMAIL: (v) => `${v[0]}…@…(${v.length})`,
  // PCI DSS allows the last four digits of a card number to be shown.
  CREDIT_CARD: (v) => `…${digitsOf(v).slice(-4)}(${v.length})`,
  IBAN: (v) => `${v.slice(0, 2)}…(${v.length})`,
  PHONE: (v) => (v.startsWith('+') ? `${v.slice(0, v.search(/[ .(-]/) > 0 ? v.search(/[ .(-]/) : 3)}…(${v.length})` : `…(${v.length})`),
  PERSON: (v) => `${v[0]}…(${v.length})`,
  IP_ADDRESS: (v) => (v.includes('.') ? `${v.split('.')[0]}.…(${v.length})` : `${v.split(':')[0]}:…(${v.length})`),
  HEALTH: (v) => v.toLowerCase(),
  FINANCIAL: (v) => v.toLowerCase(),
  SECRET: (v) => maskValue(v),
};

export function maskPii(type: PiiType, value: string): string {
  const mask = MASKS[type];
  return mask ? mask(value) : `…(${value.length})`;
}
