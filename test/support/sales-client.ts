import { call, type TestServer } from './test-server.js';

/** A client that remembers the position of its last command and reads with it (`X-Min-Position`). */
export const salesClient = (server: TestServer) => {
  let last = '0';
  return {
    post: async (path: string, body: unknown) => {
      const answer = await call(server, 'POST', path, body);
      const position = (answer.body as { position?: string } | undefined)?.position;
      if (answer.status < 300 && position !== undefined && BigInt(position) > BigInt(last))
        last = position;
      return answer;
    },
    get: (path: string) => call(server, 'GET', path, undefined, { 'x-min-position': last }),
    code: (answer: { body: unknown }) => (answer.body as { error?: { code: string } }).error?.code,
  };
};
