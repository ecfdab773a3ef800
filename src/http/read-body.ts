import type { IncomingMessage } from 'node:http';

/** Why a body was not read: the status to answer (408 too slow, 413 too large). */
export class BodyError extends Error {
  constructor(readonly status: 408 | 413) {
    super(String(status));
  }
}

/**
 * A request body, at most `limit` bytes, within `timeoutMs`; else a BodyError. Nothing is kept
 * past the limit (the WeCom callback, a file from the web chat). A client that goes away rejects
 * with an ECONNRESET, which the server logs in one line.
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) done(new BodyError(413));
      else chunks.push(chunk);
    };
    const onEnd = (): void => done();
    const onError = (e: Error): void => done(e);
    const onClose = (): void => {
      if (!req.complete) done(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    };
    const timer = setTimeout(() => done(new BodyError(408)), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
