import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer a status, never answer, or process and hold the reply. */
export type ReceiverAnswer = number | 'hang' | 'hold';

/**
 * A notification receiver as we ask integrators to write one: it processes each `Idempotency-Key`
 * once and answers a repeat 200 without processing it again (counted in `duplicates`).
 */
export interface IdempotentReceiver {
  readonly url: string;
  /** Keys processed (a 2xx decided), once each. */
  readonly processed: Set<string>;
  /** Requests whose key was processed already: dropped by the dedupe, answered 200. */
  duplicates: number;
  /** Every request, in arrival order: its key and its body's eventId. */
  readonly requests: { readonly key: string | undefined; readonly eventId: unknown }[];
  /** The answer to a request for a key not yet processed. */
  script: (key: string) => ReceiverAnswer;
  /** Resolves once `n` requests arrived in total. */
  receivedAtLeast(n: number): Promise<void>;
  /** Answers 200 to every held request (their senders may be gone). */
  release(): void;
  close(): Promise<void>;
}

export const startIdempotentReceiver = async (): Promise<IdempotentReceiver> => {
  const waiters: { n: number; resolve: () => void }[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventId?: unknown };
      const header = request.headers['idempotency-key'];
      const key = typeof header === 'string' ? header : undefined;
      state.requests.push({ key, eventId: body.eventId });
      for (const w of waiters.filter((w) => state.requests.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      if (key === undefined) return void response.writeHead(400).end('no idempotency-key');
      if (state.processed.has(key)) {
        state.duplicates += 1;
        return void response.writeHead(200).end('duplicate');
      }
      const answer = state.script(key);
      if (answer === 'hang') return;
      if (answer === 'hold') {
        // Processed, but the reply is held back: its sender may die before it arrives.
        state.processed.add(key);
        held.push(response);
        return;
      }
      if (answer < 300) state.processed.add(key);
      response.writeHead(answer).end(answer < 300 ? 'ok' : 'nope');
    });
  });
  const state: IdempotentReceiver = {
    url: '',
    processed: new Set(),
    duplicates: 0,
    requests: [],
    script: () => 200,
    receivedAtLeast: (n) =>
      state.requests.length >= n
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ n, resolve })),
    release: () => {
      for (const response of held.splice(0))
        if (!response.destroyed) response.writeHead(200).end('ok');
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/hook` });
};
