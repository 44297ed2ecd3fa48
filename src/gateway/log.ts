// Structured logs: one JSON object per line on stderr (or `text` for people at a terminal). Every message goes
// through maskSecrets: a log line never carries a credential.

import { maskSecrets } from '../util/mask.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, format: 'json' | 'text', write: (line: string) => void = (l) => void process.stderr.write(l)): Logger {
  const min = RANK[level];
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < min) return;
    const safe = maskSecrets(msg);
    if (format === 'text') {
      const extra = fields ? ' ' + maskSecrets(Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')) : '';
      write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${safe}${extra}\n`);
    } else {
      write(maskSecrets(JSON.stringify({ time: new Date().toISOString(), level: lvl, component: 'gateway', msg: safe, ...fields })) + '\n');
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
