// A receiver of aispm's signed webhooks that checks what a real one should: the HMAC over the raw body, the
// timestamp's age, and the event and delivery headers. Deliveries with a bad signature are refused with 401.
import { verifyWebhookSignature } from '../../../src/integrations/webhook.js';
import { isJsonRequest, Receiver, type RecordedRequest, type Reply } from './base.js';

export interface ReceivedEvent {
  delivery: string;
  event: string;
  body: { id: string; type: string; at: string; data: any };
}

export class WebhookReceiver extends Receiver {
  readonly events: ReceivedEvent[] = [];
  readonly rejected: { reason: string; request: RecordedRequest }[] = [];

  constructor(readonly secret: string, readonly path = '/hooks/aispm') {
    super();
    this.on('POST', path, (r) => this.post(r));
  }

  get webhookUrl(): string {
    return `${this.url}${this.path}`;
  }

  private post(r: RecordedRequest): Reply {
    const v = verifyWebhookSignature({
      secret: this.secret,
      body: r.rawBody,
      signature: r.headers['x-aispm-signature'] as string | undefined,
      timestamp: r.headers['x-aispm-timestamp'] as string | undefined,
    });
    if (!v.ok) {
      this.rejected.push({ reason: v.reason, request: r });
      return { status: 401, json: { error: v.reason } };
    }
    if (!isJsonRequest(r)) return { status: 415, json: { error: 'expected application/json' } };
    const body = r.body as ReceivedEvent['body'];
    const delivery = String(r.headers['x-aispm-delivery'] ?? '');
    if (body?.id !== delivery || r.headers['x-aispm-event'] !== body?.type) return { status: 400, json: { error: 'headers do not match the body' } };
    // deliveries are retried: a receiver deduplicates on the delivery id
    if (!this.events.some((e) => e.delivery === delivery)) this.events.push({ delivery, event: body.type, body });
    return { status: 202, json: { received: true } };
  }
}
