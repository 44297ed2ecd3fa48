// Events appended to a JSON-lines file, rotated by size: `events.jsonl` → `events.jsonl.1` → ... up to
// `max_files` files in all. Writes are batched and asynchronous; a line is never split across two files.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EventSink, SinkContext } from './types.js';

export interface JsonlOptions {
  path: string;
  maxBytes: number;
  maxFiles: number;
}

export function jsonlSink(o: JsonlOptions, ctx: SinkContext): EventSink {
  let queue: string[] = [];
  let size: number | undefined;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function rotate(): Promise<void> {
    for (let i = o.maxFiles - 1; i >= 1; i--) {
      const from = i === 1 ? o.path : `${o.path}.${i - 1}`;
      await fs.rename(from, `${o.path}.${i}`).catch(() => undefined);
    }
    if (o.maxFiles === 1) await fs.rm(o.path, { force: true });
    size = 0;
  }

  async function drain(): Promise<void> {
    if (size === undefined) {
      await fs.mkdir(path.dirname(path.resolve(o.path)), { recursive: true });
      size = (await fs.stat(o.path).catch(() => undefined))?.size ?? 0;
    }
    while (queue.length) {
      const batch = queue;
      queue = [];
      let chunk = '';
      let chunkBytes = 0;
      for (const line of batch) {
        const bytes = Buffer.byteLength(line) + 1;
        if (size + chunkBytes + bytes > o.maxBytes && size + chunkBytes > 0) {
          if (chunk) await fs.appendFile(o.path, chunk);
          chunk = '';
          chunkBytes = 0;
          await rotate();
        }
        chunk += line + '\n';
        chunkBytes += bytes;
      }
      if (chunk) {
        await fs.appendFile(o.path, chunk);
        size += chunkBytes;
      }
    }
  }

  function kick(): void {
    timer = undefined;
    if (writing) return;
    writing = drain()
      .catch((e) => {
        ctx.dropped('jsonl', queue.length);
        queue = [];
        ctx.warn('event file write failed', { path: o.path, error: (e as Error).message });
      })
      .finally(() => {
        writing = undefined;
        if (queue.length) kick();
      });
  }

  return {
    name: 'jsonl',
    write(_e, line) {
      queue.push(line);
      timer ??= setTimeout(kick, 50);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (writing || queue.length) {
        if (!writing) kick();
        await writing;
      }
    },
    async close() {
      await this.flush();
    },
  };
}
