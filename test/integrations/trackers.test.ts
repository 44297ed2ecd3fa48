// Each integration against its local stand-in, which accepts only the service's real request shapes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeliveryError, deliverEvent, IntegrationConfigError, maskedSecrets, signWebhook, slackMessage, TRACKERS, validateIntegration,
  verifyWebhookSignature, type FindingSummary, type WebhookEvent,
} from '../../src/integrations/index.js';
import { GithubReceiver, JiraReceiver, ServicenowReceiver, SlackReceiver, WebhookReceiver } from '../support/receivers/index.js';

const finding: FindingSummary = {
  fingerprint: 'f3a9c1d2e4b5a6978812',
  source: 'acme-ai',
  checkId: 'AISPM-SEC-001',
  severity: 'critical',
  score: 92,
  title: 'OpenAI API key committed in source',
  message: 'A live-looking OpenAI key is in services/chat/config.py & <b>reachable</b>.',
  assetId: 'secret:abc123',
  remediation: 'Rotate the key and load it from the secret manager.',
  link: 'https://aispm.example.com/findings/f3a9c1d2e4b5a6978812',
};

describe('Jira', () => {
  const cloud = new JiraReceiver({ email: 'bot@acme.example', apiToken: 'jira-api-token-0123456789' });
  const dc = new JiraReceiver({ apiToken: 'jira-pat-0123456789abcdef' });
  before(async () => {
    await cloud.start();
    await dc.start();
  });
  after(async () => {
    await cloud.close();
    await dc.close();
  });

  test('v3 (Cloud): an issue with an ADF description and the link back, then the done transition', async () => {
    const { config, secrets } = validateIntegration('jira', { baseUrl: cloud.url, projectKey: 'SEC' }, { email: 'bot@acme.example', apiToken: 'jira-api-token-0123456789' });
    assert.equal(config.apiVersion, 3);
    const ref = await TRACKERS.jira.create(config, secrets, finding);
    assert.deepEqual(ref, { id: '10001', key: 'SEC-1', url: `${cloud.url}/browse/SEC-1` });
    const issue = cloud.issues.get('SEC-1')!;
    assert.match(issue.fields.summary, /^\[aispm\] CRITICAL AISPM-SEC-001: OpenAI API key/);
    assert.deepEqual(issue.fields.labels, ['aispm']);
    const adf = JSON.stringify(issue.fields.description);
    assert.ok(adf.includes(finding.link), 'the description links back to aispm');
    assert.ok(adf.includes('"type":"link"'));

    await TRACKERS.jira.close(config, secrets, ref, 'Resolved by aispm scan 42');
    assert.equal(issue.status, 'Done');
    assert.deepEqual(issue.transitions, ['Done']);
    assert.equal(issue.comments.length, 1);
    // closing again is a no-op: the issue is done already
    await TRACKERS.jira.close(config, secrets, ref, 'again');
    assert.equal(issue.comments.length, 1);
  });

  test('v2 (Data Center): wiki-markup description, bearer personal access token', async () => {
    const { config, secrets } = validateIntegration('jira', { baseUrl: dc.url, projectKey: 'SEC', apiVersion: 2, issueType: 'Bug' }, { apiToken: 'jira-pat-0123456789abcdef' });
    const ref = await TRACKERS.jira.create(config, secrets, finding);
    const issue = dc.issues.get(ref.key)!;
    assert.equal(typeof issue.fields.description, 'string');
    assert.ok((issue.fields.description as string).includes(`[Open in aispm|${finding.link}]`));
    assert.equal(issue.fields.issuetype.name, 'Bug');
    await TRACKERS.jira.close(config, secrets, ref, 'fixed');
    assert.equal(issue.status, 'Done');
  });

  test('bad credentials and unknown projects are not retried; outages are', async () => {
    const { config, secrets } = validateIntegration('jira', { baseUrl: cloud.url, projectKey: 'SEC' }, { email: 'bot@acme.example', apiToken: 'wrong-token-value' });
    await assert.rejects(TRACKERS.jira.create(config, secrets, finding), (e: DeliveryError) => e.status === 401 && !e.retryable && /not authenticated/.test(e.message));
    const other = validateIntegration('jira', { baseUrl: cloud.url, projectKey: 'NOPE' }, { email: 'bot@acme.example', apiToken: 'jira-api-token-0123456789' });
    await assert.rejects(TRACKERS.jira.create(other.config, other.secrets, finding), (e: DeliveryError) => e.status === 400 && !e.retryable && /project: Specify a valid project/.test(e.message));
    cloud.failNext(1);
    const ok = validateIntegration('jira', { baseUrl: cloud.url, projectKey: 'SEC' }, { email: 'bot@acme.example', apiToken: 'jira-api-token-0123456789' });
    await assert.rejects(TRACKERS.jira.create(ok.config, ok.secrets, finding), (e: DeliveryError) => e.status === 503 && e.retryable);
  });

  test('a configured transition name that does not exist is reported with the available ones', async () => {
    const { config, secrets } = validateIntegration('jira', { baseUrl: cloud.url, projectKey: 'SEC', doneTransition: 'Close Issue' }, { email: 'bot@acme.example', apiToken: 'jira-api-token-0123456789' });
    const ref = await TRACKERS.jira.create(config, secrets, finding);
    await assert.rejects(TRACKERS.jira.close(config, secrets, ref, 'x'), /no transition named "Close Issue" \(available: In Progress, Done\)/);
  });
});

describe('GitHub Issues', () => {
  const gh = new GithubReceiver('ghp_testtoken0123456789abcdefghijklmnopqr');
  before(() => gh.start());
  after(() => gh.close());

  test('an issue is opened with labels and a Markdown link back, then closed as completed with a comment', async () => {
    const { config, secrets } = validateIntegration('github', { apiUrl: gh.url, repository: 'acme/ai-platform' }, { token: 'ghp_testtoken0123456789abcdefghijklmnopqr' });
    const ref = await TRACKERS.github.create(config, secrets, finding);
    assert.deepEqual(ref, { id: '1', key: '#1', url: `${gh.url}/acme/ai-platform/issues/1` });
    const req = gh.served('POST', '/repos/acme/ai-platform/issues')[0];
    assert.equal(req.headers.accept, 'application/vnd.github+json');
    assert.equal(req.headers['x-github-api-version'], '2022-11-28');
    const issue = gh.issues.get('acme/ai-platform#1')!;
    assert.ok(issue.body.includes(`[Open in aispm](${finding.link})`));
    assert.deepEqual(issue.labels, ['aispm']);
    await TRACKERS.github.close(config, secrets, ref, 'The finding was resolved by a rescan.');
    assert.equal(issue.state, 'closed');
    assert.equal(issue.state_reason, 'completed');
    assert.deepEqual(issue.comments, ['The finding was resolved by a rescan.']);
  });

  test('a wrong repository and a bad token are permanent errors', async () => {
    const bad = validateIntegration('github', { apiUrl: gh.url, repository: 'acme/other' }, { token: 'ghp_testtoken0123456789abcdefghijklmnopqr' });
    await assert.rejects(TRACKERS.github.create(bad.config, bad.secrets, finding), (e: DeliveryError) => e.status === 404 && !e.retryable);
    const tok = validateIntegration('github', { apiUrl: gh.url, repository: 'acme/ai-platform' }, { token: 'ghp_wrong' });
    await assert.rejects(TRACKERS.github.create(tok.config, tok.secrets, finding), (e: DeliveryError) => e.status === 401 && /Bad credentials/.test(e.message));
  });
});

describe('ServiceNow', () => {
  const sn = new ServicenowReceiver('aispm.integration', 'sn-password-123');
  before(() => sn.start());
  after(() => sn.close());

  test('an incident is created with impact/urgency from the severity, then resolved with a close code and notes', async () => {
    const { config, secrets } = validateIntegration('servicenow', { instanceUrl: sn.url, assignmentGroup: 'AI Security' }, { username: 'aispm.integration', password: 'sn-password-123' });
    const ref = await TRACKERS.servicenow.create(config, secrets, finding);
    assert.match(ref.key, /^INC\d{7}$/);
    assert.match(ref.id, /^[0-9a-f]{32}$/);
    const inc = sn.incidents.get(ref.id)!;
    assert.equal(inc.priority, '1');
    assert.equal(inc.correlation_id, `aispm:${finding.fingerprint}`);
    assert.equal(inc.assignment_group, 'AI Security');
    assert.ok(inc.description.includes(finding.link));
    await TRACKERS.servicenow.close(config, secrets, ref, 'Resolved by aispm');
    assert.equal(inc.state, '6');
    assert.equal(inc.close_code, 'Solution provided');
    assert.equal(inc.close_notes, 'Resolved by aispm');
  });

  test('bad credentials are reported with ServiceNow\'s message', async () => {
    const { config, secrets } = validateIntegration('servicenow', { instanceUrl: sn.url }, { username: 'aispm.integration', password: 'nope' });
    await assert.rejects(TRACKERS.servicenow.create(config, secrets, finding), (e: DeliveryError) => e.status === 401 && /User Not Authenticated/.test(e.message));
  });
});

describe('signed webhooks and Slack', () => {
  const secret = 'whsec_0123456789abcdef0123';
  const hook = new WebhookReceiver(secret);
  const slack = new SlackReceiver();
  before(async () => {
    await hook.start();
    await slack.start();
  });
  after(async () => {
    await hook.close();
    await slack.close();
  });
  const event: WebhookEvent = { id: 'evt-1', type: 'finding.opened', at: '2026-05-01T10:00:00.000Z', data: { finding } };

  test('a webhook delivery is signed over timestamp and raw body, and the receiver verifies it', async () => {
    const { config, secrets } = validateIntegration('webhook', { url: hook.webhookUrl }, { signingSecret: secret });
    await deliverEvent('webhook', config, secrets, event);
    assert.equal(hook.events.length, 1);
    assert.equal(hook.events[0].event, 'finding.opened');
    assert.equal(hook.events[0].body.data.finding.link, finding.link);
    const req = hook.served('POST')[0];
    assert.equal(req.headers['x-aispm-signature'], signWebhook(secret, Number(req.headers['x-aispm-timestamp']), req.rawBody));
  });

  test('a wrong secret is refused by the receiver (401, not retried)', async () => {
    const { config, secrets } = validateIntegration('webhook', { url: hook.webhookUrl }, { signingSecret: 'another-secret-of-16+' });
    await assert.rejects(deliverEvent('webhook', config, secrets, event), (e: DeliveryError) => e.status === 401 && !e.retryable);
    assert.equal(hook.rejected.at(-1)?.reason, 'signature does not match');
  });

  test('verification refuses tampered bodies and stale timestamps', () => {
    const body = '{"id":"x"}';
    const ts = 1_800_000_000;
    const sig = signWebhook(secret, ts, body);
    assert.deepEqual(verifyWebhookSignature({ secret, body, signature: sig, timestamp: String(ts), now: ts + 10 }), { ok: true });
    assert.equal(verifyWebhookSignature({ secret, body: '{"id":"y"}', signature: sig, timestamp: String(ts), now: ts }).ok, false);
    assert.equal(verifyWebhookSignature({ secret, body, signature: sig, timestamp: String(ts), now: ts + 301 }).ok, false);
    assert.equal(verifyWebhookSignature({ secret, body, signature: undefined, timestamp: String(ts), now: ts }).ok, false);
  });

  test('Slack gets text and Block Kit blocks with escaped text and a button back', async () => {
    const { config, secrets } = validateIntegration('slack', {}, { webhookUrl: slack.webhookUrl });
    await deliverEvent('slack', config, secrets, event);
    const msg = slack.messages[0];
    assert.equal(msg.text, 'New critical finding: OpenAI API key committed in source');
    assert.equal(msg.blocks![0].type, 'header');
    assert.ok(msg.blocks![1].text.text.includes('&amp; &lt;b&gt;reachable&lt;/b&gt;'));
    const actions = msg.blocks!.find((b) => b.type === 'actions');
    assert.equal(actions.elements[0].url, finding.link);
    const scan = slackMessage({ id: 'e2', type: 'scan.completed', at: event.at, data: { source: 'acme-ai', counts: { assets: 40, added: 3, removed: 1, changed: 2, findingsOpened: 4, findingsResolved: 1 } } });
    assert.equal(scan.text, 'Scan of acme-ai completed');
    assert.match(JSON.stringify(scan.blocks), /40 assets \(\+3 added, 1 removed, 2 changed\)/);
  });

  test('an unknown Slack webhook answers no_service (permanent)', async () => {
    const { config, secrets } = validateIntegration('slack', {}, { webhookUrl: `${slack.url}/services/T1/B1/wrong` });
    await assert.rejects(deliverEvent('slack', config, secrets, event), (e: DeliveryError) => e.status === 404 && /no_service/.test(e.message) && !e.retryable);
  });
});

describe('integration settings', () => {
  test('invalid settings name the key', () => {
    assert.throws(() => validateIntegration('jira', { baseUrl: 'not a url', projectKey: 'sec' }, {}), (e: IntegrationConfigError) =>
      /config\.baseUrl/.test(e.message) && /config\.projectKey/.test(e.message) && /secrets\.apiToken/.test(e.message));
    assert.throws(() => validateIntegration('webhook', { url: 'ftp://x' }, { signingSecret: 'short' }), /config\.url.*secrets\.signingSecret: use a signing secret of at least 16/);
  });

  test('secrets are shown masked', () => {
    const token = 'ghp_testtoken0123456789abcdefghijklmnopqr';
    const m = maskedSecrets({ token });
    assert.ok(!m.token.includes('0123456789'));
    assert.ok(m.token.endsWith(`…(${token.length})`));
  });
});
