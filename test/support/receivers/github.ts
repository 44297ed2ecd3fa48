// A GitHub REST API stand-in for issues: create, read, update (close), comment. Requires what api.github.com
// requires of aispm's calls: a bearer token, a User-Agent, JSON bodies; answers with GitHub's issue objects.
import { isJsonRequest, Receiver, type RecordedRequest, type Reply } from './base.js';

export interface GithubIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  state_reason: string | null;
  comments: string[];
}

export class GithubReceiver extends Receiver {
  /** Issues by "owner/repo#number". */
  readonly issues = new Map<string, GithubIssue>();
  private nextNumber = 1;

  constructor(readonly token: string, readonly repositories = ['acme/ai-platform']) {
    super();
    this.on('POST', '/repos/:owner/:repo/issues', (r, p) => this.guard(r, p) ?? this.create(r, p));
    this.on('GET', '/repos/:owner/:repo/issues/:number', (r, p) => this.guard(r, p) ?? this.read(p));
    this.on('PATCH', '/repos/:owner/:repo/issues/:number', (r, p) => this.guard(r, p) ?? this.update(r, p));
    this.on('POST', '/repos/:owner/:repo/issues/:number/comments', (r, p) => this.guard(r, p) ?? this.comment(r, p));
  }

  private guard(r: RecordedRequest, p: Record<string, string>): Reply | undefined {
    if (!r.headers['user-agent']) {
      return { status: 403, text: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.' };
    }
    const auth = r.headers.authorization ?? '';
    if (auth !== `Bearer ${this.token}` && auth !== `token ${this.token}`) {
      return { status: 401, json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
    }
    if (!this.repositories.includes(`${p.owner}/${p.repo}`)) return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
    if (r.method !== 'GET' && !isJsonRequest(r)) return { status: 415, json: { message: 'Unsupported Media Type' } };
    return undefined;
  }

  private view(p: Record<string, string>, i: GithubIssue): unknown {
    return {
      id: i.id,
      node_id: `I_${i.id}`,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason,
      labels: i.labels.map((name, k) => ({ id: k + 1, name })),
      url: `${this.url}/repos/${p.owner}/${p.repo}/issues/${i.number}`,
      html_url: `${this.url}/${p.owner}/${p.repo}/issues/${i.number}`,
      comments: i.comments.length,
    };
  }

  private create(r: RecordedRequest, p: Record<string, string>): Reply {
    const b = r.body as { title?: unknown; body?: unknown; labels?: unknown } | undefined;
    if (typeof b?.title !== 'string' || !b.title) {
      return { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }], status: '422' } };
    }
    const n = this.nextNumber++;
    const issue: GithubIssue = { id: 1_000_000 + n, number: n, title: b.title, body: typeof b.body === 'string' ? b.body : '', labels: Array.isArray(b.labels) ? b.labels.map(String) : [], state: 'open', state_reason: null, comments: [] };
    this.issues.set(`${p.owner}/${p.repo}#${n}`, issue);
    return { status: 201, json: this.view(p, issue), headers: { location: `${this.url}/repos/${p.owner}/${p.repo}/issues/${n}` } };
  }

  private find(p: Record<string, string>): GithubIssue | undefined {
    return this.issues.get(`${p.owner}/${p.repo}#${p.number}`);
  }

  private read(p: Record<string, string>): Reply {
    const i = this.find(p);
    return i ? { status: 200, json: this.view(p, i) } : { status: 404, json: { message: 'Not Found', status: '404' } };
  }

  private update(r: RecordedRequest, p: Record<string, string>): Reply {
    const i = this.find(p);
    if (!i) return { status: 404, json: { message: 'Not Found', status: '404' } };
    const b = r.body as { state?: string; state_reason?: string };
    if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') {
      return { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'invalid', field: 'state' }], status: '422' } };
    }
    if (b.state) i.state = b.state as GithubIssue['state'];
    if (b.state_reason !== undefined) i.state_reason = b.state_reason;
    return { status: 200, json: this.view(p, i) };
  }

  private comment(r: RecordedRequest, p: Record<string, string>): Reply {
    const i = this.find(p);
    if (!i) return { status: 404, json: { message: 'Not Found', status: '404' } };
    const body = (r.body as { body?: unknown })?.body;
    if (typeof body !== 'string' || !body) return { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], status: '422' } };
    i.comments.push(body);
    return { status: 201, json: { id: 5_000_000 + i.comments.length, body, html_url: `${this.url}/${p.owner}/${p.repo}/issues/${i.number}#issuecomment-${i.comments.length}` } };
  }
}
