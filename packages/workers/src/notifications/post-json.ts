import { UnrecoverableError } from 'bullmq';

/** DESIGN.md: every outbound HTTP call has a timeout; 10 s to the messaging API. */
export const webhookTimeoutMs = 10_000;

export interface PostJsonOptions {
  readonly timeoutMs: number;
  /** The job's signal: aborted on its own timeout or shutdown. */
  readonly signal: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * 408 and 429 say "later"; any other 4xx says the request itself is wrong, so resending the same
 * body cannot help.
 */
const retryable4xx = new Set([408, 429]);

/**
 * POSTs `body` as JSON. Resolves on 2xx. Throws UnrecoverableError on a 4xx other than 408/429,
 * and a plain (retryable) Error on 5xx, network errors and the timeout.
 */
export const postJson = async (
  url: string,
  body: unknown,
  options: PostJsonOptions,
): Promise<void> => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      redirect: 'error',
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw new Error(`webhook did not answer within ${options.timeoutMs} ms`, { cause: error });
    throw new Error(
      `webhook unreachable: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  // Drain the body so the connection goes back to the pool.
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const message = `webhook answered ${response.status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`;
  if (response.status >= 400 && response.status < 500 && !retryable4xx.has(response.status))
    throw new UnrecoverableError(message);
  throw new Error(message);
};
