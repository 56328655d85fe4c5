import type { Server } from 'node:http';

/**
 * Counts requests in flight and stops a server gracefully: no new connections, idle keep-alive
 * connections closed at once, in-flight requests given up to `timeoutMs`, then every connection closed.
 */
export class Drain {
  draining = false;
  private inFlight = 0;
  private idle?: () => void;

  /** Call when a request arrives; the returned function when its response is closed. */
  enter(): () => void {
    this.inFlight += 1;
    return () => {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.idle?.();
    };
  }

  async stop(server: Server, timeoutMs: number): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    server.closeAllConnections();
    await closed;
  }
}
