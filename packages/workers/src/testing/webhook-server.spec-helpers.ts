import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the test webhook received. */
export interface ReceivedPost {
  /** The request's path (and query). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** What the webhook answers to its nth request (1-based): a status, or `hang` (never answers). */
export type WebhookScript = (n: number, body: unknown) => number | 'hang';

/** A webhook on 127.0.0.1 for tests: records each POST and answers as scripted. */
export interface WebhookServer {
  readonly url: string;
  readonly received: ReceivedPost[];
  script: WebhookScript;
  /** Resolves once `n` requests arrived in total. */
  receivedAtLeast(n: number): Promise<void>;
  close(): Promise<void>;
}

export const startWebhookServer = async (): Promise<WebhookServer> => {
  const waiters: { n: number; resolve: () => void }[] = [];
  const state: WebhookServer = {
    url: '',
    received: [],
    script: () => 200,
    receivedAtLeast: (n) =>
      state.received.length >= n
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      state.received.push({ url: request.url ?? '', headers: request.headers, body });
      const answer = state.script(state.received.length, body);
      for (const w of waiters.filter((w) => state.received.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (answer === 'hang') return;
      response
        .writeHead(answer, { 'content-type': 'text/plain' })
        .end(answer < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/hook` });
};
