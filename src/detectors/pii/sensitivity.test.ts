import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countByType, explainSensitivity, maxSensitivity, sensitivityOf } from './sensitivity.js';
import { detectPii } from './index.js';

test('labels follow the documented rules', () => {
  const cases: [Record<string, number>, string, string][] = [
    [{}, 'public', 'no personal or sensitive data detected'],
    [{ IP_ADDRESS: 3 }, 'internal', 'personal or sensitive mentions'],
    [{ PERSON: 1 }, 'internal', 'personal or sensitive mentions'],
    [{ HEALTH: 4 }, 'internal', 'personal or sensitive mentions'],
    [{ EMAIL: 9 }, 'internal', 'personal or sensitive mentions'],
    [{ EMAIL: 6, PHONE: 4 }, 'confidential', 'contact details in bulk'],
    [{ PERSON: 2, EMAIL: 1 }, 'confidential', 'person with contact or birth details'],
    [{ STREET_ADDRESS: 1 }, 'confidential', 'street address or date of birth'],
    [{ FINANCIAL: 2, PERSON: 1 }, 'confidential', 'financial data about a person'],
    [{ US_SSN: 1 }, 'restricted', 'government or financial identifier'],
    [{ CREDIT_CARD: 1, PERSON: 0 }, 'restricted', 'government or financial identifier'],
    [{ SECRET: 1 }, 'restricted', 'credential in the data'],
    [{ HEALTH: 1, PERSON: 1 }, 'restricted', 'health data about an identifiable person'],
  ];
  for (const [counts, label, reason] of cases) {
    assert.deepEqual(explainSensitivity(counts), { label, reason }, JSON.stringify(counts));
    assert.equal(sensitivityOf(counts), label);
  }
});

test('from detections to a label', () => {
  const text = 'Patient Harriet Okafor was diagnosed with asthma; reach her at harriet@example.com.';
  assert.deepEqual(countByType(detectPii(text)), { PERSON: 1, HEALTH: 2, EMAIL: 1 });
  assert.equal(sensitivityOf(countByType(detectPii(text))), 'restricted');
  assert.equal(sensitivityOf(countByType(detectPii('The build passed on all platforms.'))), 'public');
});

test('the higher of two labels wins', () => {
  assert.equal(maxSensitivity('internal', 'restricted'), 'restricted');
  assert.equal(maxSensitivity('confidential', 'public'), 'confidential');
  assert.equal(maxSensitivity('public', 'public'), 'public');
});
