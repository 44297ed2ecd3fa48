// Jira tickets through the REST API: v2 (Jira Data Center, and Cloud) with a plain-text description, or v3 (Cloud)
// with the description in Atlassian Document Format. Created with POST /rest/api/{v}/issue; closed by adding a
// comment and applying the transition that leads to a "done" status (or the one named in the configuration).
// Auth: email + API token as Basic (Cloud) or a personal access token as Bearer (Data Center).

import { z } from 'zod';
import { basicAuth, DeliveryError, httpJson, joinUrl } from './http.js';
import { ticketLines, ticketTitle, type CallOptions, type FindingSummary, type TicketRef, type Tracker } from './types.js';

export const jiraConfigSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a Jira project key such as SEC'),
  issueType: z.string().min(1).default('Task'),
  apiVersion: z.union([z.literal(2), z.literal(3)]).default(3),
  labels: z.array(z.string().regex(/^\S+$/, 'labels have no spaces')).default(['aispm']),
  /** Name of the transition that resolves an issue; default: the first one leading to a status in the done category. */
  doneTransition: z.string().min(1).optional(),
});
export type JiraConfig = z.infer<typeof jiraConfigSchema>;

export const jiraSecretsSchema = z.object({
  /** Cloud: the account's email (with apiToken as Basic auth). Omit for a Data Center personal access token. */
  email: z.string().min(3).optional(),
  apiToken: z.string().min(1),
});
export type JiraSecrets = z.infer<typeof jiraSecretsSchema>;

function auth(s: JiraSecrets): string {
  return s.email ? basicAuth(s.email, s.apiToken) : `Bearer ${s.apiToken}`;
}

/** Atlassian Document Format: paragraphs of text, the link as a link mark. */
function adf(lines: string[], link: string): unknown {
  const paragraphs = lines
    .join('\n')
    .split(/\n\n+/)
    .map((p) => ({ type: 'paragraph', content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]) }));
  return {
    type: 'doc',
    version: 1,
    content: [
      ...paragraphs,
      { type: 'paragraph', content: [{ type: 'text', text: 'Open in aispm', marks: [{ type: 'link', attrs: { href: link } }] }] },
    ],
  };
}

function textBody(lines: string[], link: string, version: 2 | 3): unknown {
  return version === 3 ? adf(lines, link) : `${lines.join('\n')}\n\n[Open in aispm|${link}]`;
}

function commentBody(note: string, version: 2 | 3): unknown {
  return version === 3 ? { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: note }] }] } : note;
}

async function create(c: JiraConfig, s: JiraSecrets, f: FindingSummary, o: CallOptions = {}): Promise<TicketRef> {
  const res = await httpJson(
    {
      method: 'POST',
      url: joinUrl(c.baseUrl, `/rest/api/${c.apiVersion}/issue`),
      headers: { Authorization: auth(s) },
      json: {
        fields: {
          project: { key: c.projectKey },
          summary: ticketTitle(f),
          issuetype: { name: c.issueType },
          description: textBody(ticketLines(f), f.link, c.apiVersion),
          labels: c.labels,
        },
      },
      ...o,
    },
    'Jira create issue',
  );
  const body = res.json as { id?: string; key?: string; self?: string } | undefined;
  if (!body?.id || !body.key) throw new DeliveryError('Jira create issue: the answer has no issue id and key', false, res.status);
  return { id: String(body.id), key: body.key, url: joinUrl(c.baseUrl, `/browse/${body.key}`) };
}

interface JiraTransition {
  id: string;
  name: string;
  to?: { name?: string; statusCategory?: { key?: string } };
}

async function close(c: JiraConfig, s: JiraSecrets, t: TicketRef, note: string, o: CallOptions = {}): Promise<void> {
  const issue = joinUrl(c.baseUrl, `/rest/api/${c.apiVersion}/issue/${encodeURIComponent(t.key)}`);
  const headers = { Authorization: auth(s) };
  const current = await httpJson({ method: 'GET', url: `${issue}?fields=status`, headers, ...o }, 'Jira read issue');
  const category = (current.json as { fields?: { status?: { statusCategory?: { key?: string } } } })?.fields?.status?.statusCategory?.key;
  if (category === 'done') return; // already resolved by a person: nothing to do
  const list = await httpJson({ method: 'GET', url: `${issue}/transitions`, headers, ...o }, 'Jira list transitions');
  const transitions = ((list.json as { transitions?: JiraTransition[] })?.transitions ?? []);
  const wanted = c.doneTransition?.toLowerCase();
  const done = wanted
    ? transitions.find((tr) => tr.name.toLowerCase() === wanted || tr.to?.name?.toLowerCase() === wanted)
    : transitions.find((tr) => tr.to?.statusCategory?.key === 'done');
  if (!done) {
    const names = transitions.map((tr) => tr.name).join(', ') || 'none';
    throw new DeliveryError(`Jira ${t.key}: no transition ${wanted ? `named "${c.doneTransition}"` : 'to a done status'} (available: ${names})`, false);
  }
  await httpJson({ method: 'POST', url: `${issue}/comment`, headers, json: { body: commentBody(note, c.apiVersion) }, ...o }, 'Jira comment');
  await httpJson({ method: 'POST', url: `${issue}/transitions`, headers, json: { transition: { id: done.id } }, ...o }, 'Jira transition');
}

export const jira: Tracker<JiraConfig, JiraSecrets> = {
  type: 'jira',
  configSchema: jiraConfigSchema as z.ZodType<JiraConfig>,
  secretsSchema: jiraSecretsSchema,
  create,
  close,
};
