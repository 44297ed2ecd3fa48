// A Jira stand-in speaking the REST API v2 and v3 shapes aispm uses: create issue, read status, list and apply
// transitions, comment. Auth: Basic email:apiToken (Cloud) or Bearer personal access token (Data Center).
import { basicCredentials, isJsonRequest, Receiver, type RecordedRequest, type Reply } from './base.js';

export interface JiraIssue {
  id: string;
  key: string;
  version: 2 | 3;
  fields: { project: { key: string }; summary: string; issuetype: { name: string }; description: unknown; labels: string[] };
  status: 'To Do' | 'In Progress' | 'Done';
  comments: unknown[];
  transitions: string[];
}

const STATUS_CATEGORY = { 'To Do': 'new', 'In Progress': 'indeterminate', Done: 'done' } as const;
const TRANSITIONS = [
  { id: '11', name: 'To Do', to: 'To Do' },
  { id: '21', name: 'In Progress', to: 'In Progress' },
  { id: '31', name: 'Done', to: 'Done' },
] as const;

export class JiraReceiver extends Receiver {
  readonly issues = new Map<string, JiraIssue>();
  private nextId = 10000;

  constructor(readonly auth: { email?: string; apiToken: string }, readonly projects = ['SEC']) {
    super();
    for (const v of ['2', '3'] as const) {
      this.on('POST', `/rest/api/${v}/issue`, (r) => this.guard(r) ?? this.create(r, Number(v) as 2 | 3));
      this.on('GET', `/rest/api/${v}/issue/:key`, (r, p) => this.guard(r) ?? this.read(p.key));
      this.on('GET', `/rest/api/${v}/issue/:key/transitions`, (r, p) => this.guard(r) ?? this.listTransitions(p.key));
      this.on('POST', `/rest/api/${v}/issue/:key/transitions`, (r, p) => this.guard(r) ?? this.transition(r, p.key));
      this.on('POST', `/rest/api/${v}/issue/:key/comment`, (r, p) => this.guard(r) ?? this.comment(r, p.key, Number(v) as 2 | 3));
    }
  }

  private guard(r: RecordedRequest): Reply | undefined {
    const basic = basicCredentials(r.headers.authorization);
    const ok = this.auth.email
      ? basic?.user === this.auth.email && basic.password === this.auth.apiToken
      : r.headers.authorization === `Bearer ${this.auth.apiToken}`;
    if (!ok) return { status: 401, json: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} } };
    if (r.method !== 'GET' && !isJsonRequest(r)) return { status: 415, text: 'Unsupported Media Type' };
    return undefined;
  }

  private create(r: RecordedRequest, version: 2 | 3): Reply {
    const f = (r.body as { fields?: Record<string, any> } | undefined)?.fields;
    const errors: Record<string, string> = {};
    if (!f) return { status: 400, json: { errorMessages: ['No fields were provided'], errors } };
    if (typeof f.summary !== 'string' || !f.summary) errors.summary = 'You must specify a summary of the issue.';
    if (typeof f.issuetype?.name !== 'string' && typeof f.issuetype?.id !== 'string') errors.issuetype = 'Specify an issue type';
    if (!this.projects.includes(f.project?.key)) errors.project = 'Specify a valid project ID or key';
    // v2 takes wiki-markup strings, v3 only Atlassian Document Format
    if (version === 2 && f.description !== undefined && typeof f.description !== 'string') errors.description = 'Operation value must be a string';
    if (version === 3 && f.description !== undefined && (f.description?.type !== 'doc' || f.description?.version !== 1 || !Array.isArray(f.description?.content))) {
      errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    if (f.labels !== undefined && (!Array.isArray(f.labels) || f.labels.some((l: unknown) => typeof l !== 'string' || /\s/.test(l)))) errors.labels = 'Labels cannot contain spaces';
    if (Object.keys(errors).length) return { status: 400, json: { errorMessages: [], errors } };
    const id = String(++this.nextId);
    const key = `${f.project.key}-${this.issues.size + 1}`;
    this.issues.set(key, { id, key, version, fields: f as JiraIssue['fields'], status: 'To Do', comments: [], transitions: [] });
    return { status: 201, json: { id, key, self: `${this.url}/rest/api/${version}/issue/${id}` } };
  }

  private read(key: string): Reply {
    const issue = this.issues.get(key);
    if (!issue) return { status: 404, json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    return {
      status: 200,
      json: { id: issue.id, key, self: `${this.url}/rest/api/${issue.version}/issue/${issue.id}`, fields: { status: { name: issue.status, statusCategory: { key: STATUS_CATEGORY[issue.status] } } } },
    };
  }

  private listTransitions(key: string): Reply {
    const issue = this.issues.get(key);
    if (!issue) return { status: 404, json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    return {
      status: 200,
      json: {
        expand: 'transitions',
        transitions: TRANSITIONS.filter((t) => t.to !== issue.status).map((t) => ({
          id: t.id,
          name: t.name,
          to: { name: t.to, statusCategory: { key: STATUS_CATEGORY[t.to] } },
          hasScreen: false,
          isAvailable: true,
        })),
      },
    };
  }

  private transition(r: RecordedRequest, key: string): Reply {
    const issue = this.issues.get(key);
    if (!issue) return { status: 404, json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    const id = (r.body as { transition?: { id?: string } })?.transition?.id;
    const t = TRANSITIONS.find((x) => x.id === id && x.to !== issue.status);
    if (!t) return { status: 400, json: { errorMessages: [`Transition id '${id}' is not valid for this issue.`], errors: {} } };
    issue.status = t.to;
    issue.transitions.push(t.name);
    return { status: 204 };
  }

  private comment(r: RecordedRequest, key: string, version: 2 | 3): Reply {
    const issue = this.issues.get(key);
    if (!issue) return { status: 404, json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
    const body = (r.body as { body?: unknown })?.body;
    const valid = version === 2 ? typeof body === 'string' && body.length > 0 : (body as { type?: string })?.type === 'doc';
    if (!valid) return { status: 400, json: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } } };
    issue.comments.push(body);
    return { status: 201, json: { id: String(10000 + issue.comments.length), body } };
  }
}
