import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PII_TYPES, detectPii, piiDetector } from './index.js';

const IDENTIFIERS = new Set<string>(PII_TYPES);

/** Identifier detections as [type, exact matched text], in order. */
function found(text: string): [string, string][] {
  return detectPii(text)
    .filter((d) => IDENTIFIERS.has(d.type))
    .map((d) => [d.type, text.slice(d.start, d.end)]);
}

const CASES: { name: string; text: string; expect: [string, string][] }[] = [
  {
    name: 'email, card and the span convention (no trailing period)',
    text: 'Ticket: user ana.lima@contoso.org paid with 4539 1488 0343 6467.',
    expect: [['EMAIL', 'ana.lima@contoso.org'], ['CREDIT_CARD', '4539 1488 0343 6467']],
  },
  {
    name: 'phone spans keep the + and parentheses',
    text: 'Call +1 (415) 555-0132 or (212) 555-0199, UK 020 7946 0958.',
    expect: [['PHONE', '+1 (415) 555-0132'], ['PHONE', '(212) 555-0199'], ['PHONE', '020 7946 0958']],
  },
  {
    name: 'IBAN grouped and compact, mod-97 valid',
    text: 'Pay DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432 today.',
    expect: [['IBAN', 'DE89 3704 0044 0532 0130 00'], ['IBAN', 'GB82WEST12345698765432']],
  },
  {
    name: 'SSN with keyword, unformatted SSN with keyword',
    text: 'SSN: 536-22-8790; social security number 536228791 on file.',
    expect: [['US_SSN', '536-22-8790'], ['US_SSN', '536228791']],
  },
  {
    name: 'person with middle initial and possessive, date of birth in context',
    text: "Forward Amelia J. Hartwell's file. She was born on 14 March 1979.",
    expect: [['PERSON', 'Amelia J. Hartwell'], ['DATE_OF_BIRTH', '14 March 1979']],
  },
  {
    name: 'greeting with a single given name, surname outside the dictionary found by shape',
    text: 'Dear Priyanka, please ask Tomasz Wróblewski-Nowak to sign.',
    expect: [['PERSON', 'Priyanka'], ['PERSON', 'Tomasz Wróblewski-Nowak']],
  },
  {
    name: 'US and UK street addresses with unit, city, region and postal code',
    text: 'Ship to 742 Evergreen Terrace, Apt 3B, Springfield, OR 97477. Old: 10 Downing Street, London SW1A 2AA.',
    expect: [['STREET_ADDRESS', '742 Evergreen Terrace, Apt 3B, Springfield, OR 97477'], ['STREET_ADDRESS', '10 Downing Street, London SW1A 2AA']],
  },
  {
    name: 'continental address layout',
    text: 'Lieferadresse: Hauptstraße 12, 10115 Berlin.',
    expect: [['STREET_ADDRESS', 'Hauptstraße 12, 10115 Berlin']],
  },
  {
    name: 'passport in context, IPv4 and IPv6',
    text: 'Passport no. X1234567 seen from 203.0.113.42 and 2001:db8::8a2e:370:7334.',
    expect: [['PASSPORT', 'X1234567'], ['IP_ADDRESS', '203.0.113.42'], ['IP_ADDRESS', '2001:db8::8a2e:370:7334']],
  },
  {
    name: 'a date listed after a name in a KYC record is a birth date',
    text: 'KYC check: Olivia Grant, 1984-11-02, SSN 412-55-7301',
    expect: [['PERSON', 'Olivia Grant'], ['DATE_OF_BIRTH', '1984-11-02'], ['US_SSN', '412-55-7301']],
  },
];

for (const c of CASES) {
  test(`finds: ${c.name}`, () => {
    assert.deepEqual(found(c.text), c.expect);
  });
}

const NEGATIVES = [
  'Order 4056-7386-9965-9134 has shipped; tracking number 1Z7U72E89GUD2EM2N5.',
  'The reference card number in the manual, 4328 9906 6646 1551, is a dummy and fails validation.',
  'Build 5.14.3.86 fixed the memory leak reported on 2023-07-24.',
  'Upgrade to version 10.2.0.1 before the 2025-06-10 release.',
  'Please review PR #58113 before the 2025-06-10 release; room 40213 is booked.',
  'ISBN 978-3-16-148410-0 is out of stock; expect 1200 copies next week.',
  'Commit 3f9a2c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a49 reverted the change to the billing service.',
  'Our support hours are 9am-5pm, Monday to Friday, at the New York office.',
  'The Quick Start Guide explains how Release Notes and Getting Started pages are built.',
  'Average latency dropped to 35 ms after upgrading the cluster; see std::vector docs.',
  'Invalid SSN 000-12-3456 and 666-45-6789 are never issued.',
  'Send logs to noreply@ and image@2x.png is an asset, not an address.',
];

test('hard negatives stay quiet', () => {
  for (const text of NEGATIVES) assert.deepEqual(found(text), [], text);
});

test('detections carry offsets, line, score, reasons and a type-aware mask', () => {
  const text = 'line one\nCard 5105 1051 0510 5100 for maria.rossi@example.com, IBAN FR14 2004 1010 0505 0001 3M02 606';
  const ds = detectPii(text).filter((d) => IDENTIFIERS.has(d.type));
  assert.deepEqual(
    ds.map((d) => [d.type, d.line, d.masked]),
    [
      ['CREDIT_CARD', 2, '…5100(19)'],
      ['EMAIL', 2, 'm…@…(23)'],
      ['IBAN', 2, 'FR…(33)'],
    ],
  );
  for (const d of ds) {
    assert.ok(d.score >= 0.5 && d.score <= 1);
    assert.ok(Array.isArray(d.reasons) && d.reasons.length > 0);
  }
  assert.equal(ds[0].network, 'mastercard');
});

test('no detection ever carries the raw value', () => {
  const values = ['maria.rossi@example.com', '5105 1051 0510 5100', '536-22-8790', '+44 20 7946 0958', 'Amelia Hartwell', '203.0.113.42', 'X1234567'];
  const text = `Name: Amelia Hartwell, email maria.rossi@example.com, card 5105 1051 0510 5100, SSN 536-22-8790, phone +44 20 7946 0958, ip 203.0.113.42, passport X1234567`;
  const json = JSON.stringify(piiDetector.detect(text));
  for (const v of values) assert.ok(!json.includes(v), `raw value leaked: ${v}`);
  assert.equal(detectPii(text).filter((d) => IDENTIFIERS.has(d.type)).length, values.length);
});

test('health and financial vocabulary and credentials are signals', () => {
  const text = 'Patient was diagnosed with diabetes; salary review pending. key=AKIAIOSFODNN7EXAMPLE';
  const ds = detectPii(text);
  assert.deepEqual(
    ds.filter((d) => !IDENTIFIERS.has(d.type)).map((d) => [d.type, d.masked]),
    [
      ['HEALTH', 'diagnosed'],
      ['HEALTH', 'diabetes'],
      ['FINANCIAL', 'salary'],
    ],
  );
  const withSecret = detectPii('support ticket: my token ghp_8fK2mQ9xL4vB7nC1zR8tK3wP6yS0hD5jF2gA stopped working');
  assert.deepEqual(
    withSecret.map((d) => [d.type, d.secretType, d.masked]),
    [['SECRET', 'github-pat', 'ghp_…(40)']],
  );
  assert.ok(!JSON.stringify(withSecret).includes('8fK2mQ9xL4vB7nC1'));
  assert.deepEqual(detectPii(text, { terms: false, secrets: false }), []);
});

test('empty and whitespace input', () => {
  assert.deepEqual(detectPii(''), []);
  assert.deepEqual(detectPii(' \n\t '), []);
  assert.equal(piiDetector.id, 'pii');
});
