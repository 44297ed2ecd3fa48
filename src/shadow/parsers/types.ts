import type { LineResult } from '../records.js';

export const LOG_FORMATS = ['squid', 'clf', 'zeek', 'json', 'csv', 'kv'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Parses one file's lines in order; stateful where the format has headers (Zeek, CSV). */
export interface LineParser {
  readonly format: LogFormat;
  line(text: string): LineResult;
  /** A note about the whole file once its header is known (e.g. a Zeek log without host names). */
  note?(): string | undefined;
}
