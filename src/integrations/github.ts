// GitHub Issues through the REST API (github.com or GitHub Enterprise Server's /api/v3): created with
// POST /repos/{owner}/{repo}/issues, closed as completed with a comment saying why.

import { z } from 'zod';
import { DeliveryError, httpJson, joinUrl } from './http.js';
import { ticketLines, ticketTitle, type CallOptions, type FindingSummary, type TicketRef, type Tracker } from './types.js';

export const githubConfigSchema = z.object({
  /** https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
  labels: z.array(z.string().min(1)).default(['aispm']),
});
export type GithubConfig = z.infer<typeof githubConfigSchema>;

export const githubSecretsSchema = z.object({ token: z.string().min(1) });
export type GithubSecrets = z.infer<typeof githubSecretsSchema>;

const headers = (s: GithubSecrets) => ({
  Authorization: `Bearer ${s.token}`,
  Accept: 'application/vnd.github+json',
  'X-GitHub-Api-Version': '2022-11-28',
});

function markdown(f: FindingSummary): string {
  const [message, ...rest] = ticketLines(f);
  return [message, ...rest.map((l) => (l ? `- ${l}` : ''))].join('\n').replace(/\n- Remediation:/, '\n**Remediation:**') + `\n\n[Open in aispm](${f.link})\n`;
}

async function create(c: GithubConfig, s: GithubSecrets, f: FindingSummary, o: CallOptions = {}): Promise<TicketRef> {
  const res = await httpJson(
    {
      method: 'POST',
      url: joinUrl(c.apiUrl, `/repos/${c.repository}/issues`),
      headers: headers(s),
      json: { title: ticketTitle(f), body: markdown(f), labels: c.labels },
      ...o,
    },
    'GitHub create issue',
  );
  const body = res.json as { number?: number; html_url?: string } | undefined;
  if (typeof body?.number !== 'number' || !body.html_url) throw new DeliveryError('GitHub create issue: the answer has no issue number', false, res.status);
  return { id: String(body.number), key: `#${body.number}`, url: body.html_url };
}

async function close(c: GithubConfig, s: GithubSecrets, t: TicketRef, note: string, o: CallOptions = {}): Promise<void> {
  const issue = joinUrl(c.apiUrl, `/repos/${c.repository}/issues/${encodeURIComponent(t.id)}`);
  const current = await httpJson({ method: 'GET', url: issue, headers: headers(s), ...o }, 'GitHub read issue');
  if ((current.json as { state?: string })?.state === 'closed') return;
  await httpJson({ method: 'POST', url: `${issue}/comments`, headers: headers(s), json: { body: note }, ...o }, 'GitHub comment');
  await httpJson({ method: 'PATCH', url: issue, headers: headers(s), json: { state: 'closed', state_reason: 'completed' }, ...o }, 'GitHub close issue');
}

export const github: Tracker<GithubConfig, GithubSecrets> = {
  type: 'github',
  configSchema: githubConfigSchema as z.ZodType<GithubConfig>,
  secretsSchema: githubSecretsSchema,
  create,
  close,
};
