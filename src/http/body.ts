import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

/** Bytes past the limit that are still read (and dropped) so the client can read its 413; then we hang up. */
const DRAIN_BYTES = 1_000_000;

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `Request body is over the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE', {
    connection: 'close',
  });
}

/**
 * Reads the request body up to `limit` bytes. A larger body is refused with 413: a declared
 * Content-Length over the limit at once, otherwise once the limit is passed; what follows is drained
 * (up to a bound) so that the client sees the answer rather than a reset connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    if (over && declared > limit + DRAIN_BYTES) {
      req.pause();
      reject(tooLarge(limit));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > limit) {
        over = true;
        chunks.length = 0;
      }
      if (over) {
        if (size > limit + DRAIN_BYTES) {
          req.pause();
          reject(tooLarge(limit));
        }
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.once('end', () => {
      ended = true;
      if (over) reject(tooLarge(limit));
      else resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    req.once('error', reject);
    // Only an aborted request makes its error (an Error per request, with its stack, is measurable).
    req.once('close', () => {
      if (!ended) reject(new HttpError(400, 'The request was aborted.'));
    });
  });
}

/** The parsed body: JSON for application/json, else the raw text (Apollo answers 400/415 for those). */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType && /^application\/(graphql-response\+)?json\b/i.test(contentType.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON.');
    }
  }
  return text;
}
