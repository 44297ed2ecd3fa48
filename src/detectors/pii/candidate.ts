// What every PII finder produces before overlaps are resolved, and the order in which kinds win an overlap.

export const PII_TYPES = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'US_SSN',
  'IP_ADDRESS',
  'STREET_ADDRESS',
  'DATE_OF_BIRTH',
  'PASSPORT',
] as const;

/** Lower-confidence signals beyond the labelled identifier types. */
export const SIGNAL_TYPES = ['HEALTH', 'FINANCIAL', 'SECRET'] as const;

export type PiiType = (typeof PII_TYPES)[number] | (typeof SIGNAL_TYPES)[number];

export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  score: number;
  reasons: string[];
  extra?: Record<string, unknown>;
}

export interface Finder {
  id: string;
  /** The kinds it can produce: a detection restricted to other kinds skips it. */
  types: readonly PiiType[];
  /** Kinds of earlier candidates it reads (in `found`), which must then be looked for too. */
  reads?: readonly PiiType[];
  /** A cheap test that is false only when `find` would certainly find nothing in the text. */
  mayFind?(text: string): boolean;
  /** `found` holds the candidates of the finders that ran before, for finders that read their neighbours. */
  find(text: string, found: readonly Candidate[]): Candidate[];
}

/** Where two candidates overlap, the more specific, checksum-backed kind wins. */
export const PRIORITY: Readonly<Record<PiiType, number>> = {
  SECRET: 100,
  EMAIL: 90,
  IBAN: 85,
  CREDIT_CARD: 80,
  US_SSN: 75,
  IP_ADDRESS: 70,
  PASSPORT: 65,
  DATE_OF_BIRTH: 60,
  PHONE: 55,
  STREET_ADDRESS: 50,
  PERSON: 40,
  FINANCIAL: 10,
  HEALTH: 10,
};

/** Scores below this are not reported: the finders use it as the line between a hint and a detection. */
export const REPORT_THRESHOLD = 0.5;
