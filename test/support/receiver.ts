import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver on 127.0.0.1, as a report generator runs one: it can be down (nothing listening), answer
// 5xx, hang, or accept; it keeps every request it saw.

export interface ReceivedRequest {
  deliveryId: string;
  event: string;
  signature: string;
  body: string;
  json: Record<string, unknown> & { actual?: Record<string, unknown> };
  /** The status it was answered with; null: left hanging. */
  answered: number | null;
}

export type Answer = 'ok' | 'fail' | 'hang';

export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  port = 0;
  answer: (request: ReceivedRequest) => Answer = () => 'ok';
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async up(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections are refused) and drops the requests left hanging. */
  async down(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  }

  /** Requests answered 2xx, by delivery id. */
  delivered(): Map<string, ReceivedRequest[]> {
    const byId = new Map<string, ReceivedRequest[]>();
    for (const r of this.requests.filter((q) => q.answered === 200))
      byId.set(r.deliveryId, [...(byId.get(r.deliveryId) ?? []), r]);
    return byId;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const request: ReceivedRequest = {
      deliveryId: String(req.headers['x-plangraph-delivery']),
      event: String(req.headers['x-plangraph-event']),
      signature: String(req.headers['x-plangraph-signature']),
      body,
      json: JSON.parse(body) as ReceivedRequest['json'],
      answered: null,
    };
    this.requests.push(request);
    const answer = this.answer(request);
    if (answer === 'hang') {
      this.hanging.add(res);
      return;
    }
    request.answered = answer === 'ok' ? 200 : 503;
    res
      .writeHead(request.answered, { 'content-type': 'text/plain' })
      .end(answer === 'ok' ? 'thanks' : 'busy, try later');
  }
}

/** Whether `signature` is sha256=<hex HMAC-SHA256 of body with secret>. */
export function signedWith(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
