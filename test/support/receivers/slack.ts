// A Slack incoming-webhook stand-in: POST /services/T…/B…/secret with a JSON message (text and/or Block Kit blocks);
// answers the plain-text "ok", or Slack's error strings (invalid_payload, no_text, no_service).
import { isJsonRequest, Receiver, type RecordedRequest, type Reply } from './base.js';

const BLOCK_TYPES = new Set(['section', 'header', 'actions', 'context', 'divider', 'image', 'input', 'rich_text', 'file', 'video']);

export class SlackReceiver extends Receiver {
  readonly messages: { text?: string; blocks?: any[] }[] = [];
  readonly path = '/services/T0AISPM01/B0AISPM02/Xq9sYjX1kH8vD2mN4pR7tW3z';

  constructor() {
    super();
    this.on('POST', this.path, (r) => this.post(r));
    this.on('POST', '/services/:t/:b/:secret', () => ({ status: 404, text: 'no_service' }));
  }

  get webhookUrl(): string {
    return `${this.url}${this.path}`;
  }

  private post(r: RecordedRequest): Reply {
    if (!isJsonRequest(r)) return { status: 400, text: 'invalid_payload' };
    const b = r.body as { text?: unknown; blocks?: unknown } | undefined;
    if (!b || typeof b !== 'object') return { status: 400, text: 'invalid_payload' };
    if (b.blocks !== undefined) {
      if (!Array.isArray(b.blocks) || b.blocks.length > 50) return { status: 400, text: 'invalid_blocks' };
      for (const block of b.blocks as { type?: string; text?: { type?: string; text?: string }; fields?: unknown[] }[]) {
        if (!block || !BLOCK_TYPES.has(String(block.type))) return { status: 400, text: 'invalid_blocks' };
        if (block.type === 'header' && (block.text?.type !== 'plain_text' || (block.text.text ?? '').length > 150)) return { status: 400, text: 'invalid_blocks' };
        if (block.type === 'section' && !block.text && !block.fields) return { status: 400, text: 'invalid_blocks' };
        if (block.fields && block.fields.length > 10) return { status: 400, text: 'invalid_blocks' };
      }
    }
    if ((typeof b.text !== 'string' || !b.text) && !Array.isArray(b.blocks)) return { status: 400, text: 'no_text' };
    this.messages.push(b as { text?: string; blocks?: any[] });
    return { status: 200, text: 'ok' };
  }
}
