// The audit log's pure parts: secrets redacted at any depth, CSV cells safe for spreadsheets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditCsvHeader, auditCsvLine, redact, type AuditEntry } from '../../src/server/audit.js';

test('redact drops secret-named keys at any depth and keeps the rest', () => {
  const out = redact({ username: 'a', password: 'p', nested: [{ tokenHash: 'h', name: 'n', signingSecret: 's' }], apiKey: 'k' });
  assert.deepEqual(out, { username: 'a', password: '[redacted]', nested: [{ tokenHash: '[redacted]', name: 'n', signingSecret: '[redacted]' }], apiKey: '[redacted]' });
});

test('CSV lines quote separators and neutralise formulas', () => {
  const e: AuditEntry = { id: 1, at: '2025-01-01T00:00:00.000Z', actor: '=HYPERLINK("x")', actorId: 1, via: 'session', action: 'user.update',
    targetType: 'user', targetId: '2', before: { a: 'x,y' }, after: null, ip: '127.0.0.1', requestId: 'r-1' };
  assert.equal(auditCsvHeader(), 'id,at,actor,via,action,targetType,targetId,before,after,ip,requestId\r\n');
  const line = auditCsvLine(e);
  assert.equal(line, `1,2025-01-01T00:00:00.000Z,"'=HYPERLINK(""x"")",session,user.update,user,2,"{""a"":""x,y""}",,127.0.0.1,r-1\r\n`);
});
