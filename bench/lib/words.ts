// Vocabulary for identifiers, service names and prose, so generated code reads like a business codebase.
import type { Rng } from '../../src/util/rng.js';

export const NOUNS = (
  'account order invoice customer payment ledger shipment cart product catalog price discount coupon tax refund ' +
  'user session token profile address region warehouse stock supplier vendor contract report metric event audit ' +
  'notification email message queue job task schedule batch export import record entry item line balance transfer ' +
  'subscription plan tier quota limit billing receipt currency rate channel webhook config setting feature flag'
).split(' ');

export const VERBS = (
  'get list create update delete fetch load save parse validate compute build render sync merge apply resolve ' +
  'normalize format convert publish dispatch handle process schedule retry cancel approve reject archive restore'
).split(' ');

export const ADJECTIVES = 'active pending stale primary secondary remote local cached default internal external legacy'.split(' ');

export const TEAMS = 'payments checkout identity platform data growth search billing logistics support risk catalog'.split(' ');

export const SENTENCES = [
  'This service owns the lifecycle of the records described below.',
  'Requests are validated at the edge and again before they are persisted.',
  'Run the unit tests before opening a pull request.',
  'Configuration is read from the environment at start-up; see the table below.',
  'The retry policy backs off exponentially with jitter and gives up after five attempts.',
  'Metrics are exported in the Prometheus text format on the admin port.',
  'Migrations are applied by the deploy pipeline, never by hand.',
  'All timestamps are stored in UTC and rendered in the caller locale.',
  'Ownership: see CODEOWNERS; page the on-call engineer for production incidents.',
  'The batch job runs nightly and is idempotent, so it can safely be re-run.',
];

export function pascal(...parts: string[]): string {
  return parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

export function camel(...parts: string[]): string {
  const p = pascal(...parts);
  return p[0].toLowerCase() + p.slice(1);
}

export function snake(...parts: string[]): string {
  return parts.join('_');
}

export function noun(rng: Rng): string {
  return rng.pick(NOUNS);
}

export function verb(rng: Rng): string {
  return rng.pick(VERBS);
}

export function paragraph(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.pick(SENTENCES)).join(' ');
}
