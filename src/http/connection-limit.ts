import type { Server } from 'node:net';

export interface ConnectionLimitOptions {
  /** Open connections one remote address may hold; the next ones are destroyed on arrival. */
  max: number;
  /** Called once when an address goes over the limit (not again until it is back under it). */
  onRefused?: (address: string, max: number) => void;
}

/**
 * Caps the open connections per remote address on a server: one client cannot hold hundreds of
 * sockets (each with a request in flight) while everyone else waits. Listens before any other
 * `connection` listener would see the socket when called right after the server is created.
 */
export function limitConnectionsPerAddress(server: Server, opts: ConnectionLimitOptions): { open: (address: string) => number } {
  const open = new Map<string, number>();
  const refusing = new Set<string>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const n = open.get(address) ?? 0;
    if (n >= opts.max) {
      if (!refusing.has(address)) {
        refusing.add(address);
        opts.onRefused?.(address, opts.max);
      }
      socket.destroy();
      return;
    }
    open.set(address, n + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
      if (left < opts.max) refusing.delete(address);
    });
  });
  return { open: (address) => open.get(address) ?? 0 };
}
