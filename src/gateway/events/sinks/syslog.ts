// Events as RFC 5424 syslog messages over UDP (one datagram each) or TCP (octet-counting framing, RFC 6587),
// the message being the OCSF event as JSON. TCP reconnects with backoff and queues while disconnected.

import dgram from 'node:dgram';
import net from 'node:net';
import os from 'node:os';
import type { GatewayEvent } from '../ocsf.js';
import type { EventSink, SinkContext } from './types.js';

export interface SyslogOptions {
  host: string;
  port: number;
  protocol: 'udp' | 'tcp';
  facility: number;
  appName: string;
}

/** OCSF severity_id → syslog severity (2 critical, 3 error, 4 warning, 5 notice, 6 informational). */
function syslogSeverity(ocsf: number): number {
  if (ocsf >= 5) return 2;
  if (ocsf === 4) return 3;
  if (ocsf === 3) return 4;
  if (ocsf === 2) return 5;
  return 6;
}

const MAX_UDP = 60_000;

export function formatSyslog(e: GatewayEvent, line: string, o: Pick<SyslogOptions, 'facility' | 'appName'>, hostname = os.hostname()): string {
  const pri = o.facility * 8 + syslogSeverity(e.severityId);
  const msgId = e.classUid === 2004 ? 'DETECTION' : 'API_ACTIVITY';
  const ts = new Date(e.time).toISOString();
  return `<${pri}>1 ${ts} ${hostname || '-'} ${o.appName} ${process.pid} ${msgId} - ${line}`;
}

export function syslogSink(o: SyslogOptions, ctx: SinkContext): EventSink {
  const hostname = os.hostname();
  if (o.protocol === 'udp') {
    const socket = dgram.createSocket(net.isIPv6(o.host) ? 'udp6' : 'udp4');
    socket.unref();
    let inFlight = 0;
    let idle: (() => void) | undefined;
    return {
      name: 'syslog',
      write(e, line) {
        let msg = formatSyslog(e, line, o, hostname);
        if (Buffer.byteLength(msg) > MAX_UDP) msg = msg.slice(0, MAX_UDP);
        inFlight++;
        socket.send(msg, o.port, o.host, (err) => {
          if (err) ctx.dropped('syslog', 1);
          if (--inFlight === 0 && idle) idle();
        });
      },
      flush: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r))),
      async close() {
        await this.flush();
        socket.close();
      },
    };
  }
  let socket: net.Socket | undefined;
  let connected = false;
  let queue: string[] = [];
  let backoff = 100;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  const connect = () => {
    reconnectTimer = undefined;
    if (closed) return;
    const s = net.connect({ host: o.host, port: o.port });
    socket = s;
    s.setNoDelay(true);
    s.on('connect', () => {
      connected = true;
      backoff = 100;
      const pending = queue;
      queue = [];
      for (const m of pending) s.write(m);
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      connected = false;
      if (!closed) {
        reconnectTimer = setTimeout(connect, backoff);
        reconnectTimer.unref();
        backoff = Math.min(backoff * 2, 30_000);
      }
    });
  };
  connect();
  return {
    name: 'syslog',
    write(e, line) {
      const msg = formatSyslog(e, line, o, hostname);
      const framed = `${Buffer.byteLength(msg)} ${msg}`;
      if (connected && socket) socket.write(framed);
      else {
        queue.push(framed);
        if (queue.length > 10_000) {
          queue.shift();
          ctx.dropped('syslog', 1);
        }
      }
    },
    flush: () =>
      new Promise<void>((resolve) => {
        if (!connected || !socket || socket.writableLength === 0) return resolve();
        socket.once('drain', () => resolve());
      }),
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (socket) await new Promise<void>((r) => socket!.end(() => r()));
      socket?.destroy();
    },
  };
}
