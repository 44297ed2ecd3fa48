import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardNetwork, digitsOf, ibanValid, ipv4Valid, luhnValid, plausibleBirthDate, ssnValid } from './validators.js';
import { readDate } from './dates.js';

test('Luhn and card networks', () => {
  assert.equal(luhnValid('4539148803436467'), true);
  assert.equal(luhnValid('4539148803436468'), false);
  assert.equal(luhnValid('378282246310005'), true);
  assert.equal(luhnValid(''), false);
  assert.equal(luhnValid('12a4'), false);
  assert.equal(cardNetwork('4539148803436467'), 'visa');
  assert.equal(cardNetwork('5105105105105100'), 'mastercard');
  assert.equal(cardNetwork('2221000000000009'), 'mastercard');
  assert.equal(cardNetwork('378282246310005'), 'amex');
  assert.equal(cardNetwork('6011111111111117'), 'discover');
  assert.equal(cardNetwork('3530111333300000'), 'jcb');
  assert.equal(cardNetwork('9999999999999995'), undefined);
  assert.equal(cardNetwork('37828224631000'), undefined, 'amex has 15 digits');
});

test('IBAN: country length and mod-97', () => {
  assert.equal(ibanValid('DE89370400440532013000'), true);
  assert.equal(ibanValid('GB82WEST12345698765432'), true);
  assert.equal(ibanValid('FR1420041010050500013M02606'), true);
  assert.equal(ibanValid('DE89370400440532013001'), false, 'check digits');
  assert.equal(ibanValid('DE8937040044053201300'), false, 'length');
  assert.equal(ibanValid('XX89370400440532013000'), false, 'unknown country');
});

test('SSN validity rules', () => {
  assert.equal(ssnValid('536228790'), true);
  for (const bad of ['000228790', '666228790', '900228790', '536008790', '536220000', '111111111', '078051120', '12345678']) {
    assert.equal(ssnValid(bad), false, bad);
  }
  assert.equal(digitsOf('536-22-8790'), '536228790');
});

test('IPv4 octets', () => {
  assert.equal(ipv4Valid('203.0.113.42'), true);
  assert.equal(ipv4Valid('256.1.1.1'), false);
  assert.equal(ipv4Valid('01.2.3.4'), false);
});

test('dates: calendar validity, readings by layout, birth-year range', () => {
  const now = new Date(Date.UTC(2025, 0, 1));
  assert.equal(plausibleBirthDate(2024, 2, 29, now), true);
  assert.equal(plausibleBirthDate(2023, 2, 29, now), false);
  assert.equal(plausibleBirthDate(1899, 1, 1, now), false);
  assert.deepEqual(readDate('1965-01-07', 'numeric', now), [1965, 1, 7]);
  assert.deepEqual(readDate('24.07.1969', 'numeric', now), [1969, 7, 24]);
  assert.deepEqual(readDate('07/24/1969', 'numeric', now), [1969, 7, 24]);
  assert.deepEqual(readDate('01/02/85', 'numeric', now), [1985, 2, 1]);
  assert.deepEqual(readDate('March 9, 1973', 'month-day', now), [1973, 3, 9]);
  assert.deepEqual(readDate('9th of Sept 1973', 'day-month', now), [1973, 9, 9]);
  assert.equal(readDate('Mayor 5, 2020', 'month-day', now), undefined);
  assert.equal(readDate('31/31/1990', 'numeric', now), undefined);
});
