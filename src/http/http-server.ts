import { createServer, type RequestListener, type Server } from 'node:http';
import { limitConnectionsPerAddress } from './connection-limit.js';

export interface HttpLimits {
  /** Whole request (headers and body) must arrive within this; then 408 and the socket is closed. */
  requestTimeoutMs?: number;
  /** Headers must arrive within this (at most requestTimeoutMs). */
  headersTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs?: number;
  /** How often the two timeouts above are checked. */
  checkIntervalMs?: number;
  /** Open connections per remote address. */
  maxConnectionsPerAddress?: number;
  /** Told once when an address goes over the cap (for one log line). */
  onRefused?: (address: string, max: number) => void;
}

/**
 * Most bodies are small (64 KB of JSON, 64 KB of callback XML); the largest is a 20 MB file from
 * the web chat. A request that takes longer than this to arrive is a stalled or hostile client.
 */
export const DEFAULT_LIMITS = {
  // a 20 MB file from the web chat must arrive on a slow link (~1.4 Mbit/s); headers stay at 15 s
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 2_000,
  maxConnectionsPerAddress: 32,
} as const;

/** The node HTTP server for a request handler (koa's `app.callback()`), with timeouts and a per-address connection cap. */
export function createHttpServer(handler: RequestListener, limits: HttpLimits = {}): Server {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const server = createServer(
    {
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    },
    handler,
  );
  limitConnectionsPerAddress(server, { max: l.maxConnectionsPerAddress, ...(l.onRefused ? { onRefused: l.onRefused } : {}) });
  return server;
}
