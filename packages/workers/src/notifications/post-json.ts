import { UnrecoverableError } from 'bullmq';

/** DESIGN.md: every outbound HTTP call has a timeout; 10 s to the messaging API. */
export const webhookTimeoutMs = 10_000;

export interface PostJsonOptions {
  readonly timeoutMs: number;
  /** The job's signal: aborted on its own timeout or shutdown. */
  readonly signal: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  /** Who is called, for error messages (default `webhook`). */
  readonly label?: string;
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
  // An explicit timer, not AbortSignal.timeout inside AbortSignal.any: on Node 20 the composite
  // holds its sources weakly, so under GC pressure the timeout signal could be collected before it
  // fired and a hung webhook would only end at the job's own, much longer, timeout. The timer also
  // covers reading the body.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  const onJobAbort = (): void => timeout.abort(options.signal.reason);
  if (options.signal.aborted) onJobAbort();
  options.signal.addEventListener('abort', onJobAbort, { once: true });
  const label = options.label ?? 'webhook';
  try {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: timeout.signal,
        redirect: 'error',
      });
      // Drain the body so the connection goes back to the pool.
      text = await response.text();
    } catch (error) {
      if (timeout.signal.aborted && !options.signal.aborted)
        throw new Error(`${label} did not answer within ${options.timeoutMs} ms`, { cause: error });
      throw new Error(
        `${label} unreachable: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (response.ok) return;
    const message = `${label} answered ${response.status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`;
    if (response.status >= 400 && response.status < 500 && !retryable4xx.has(response.status))
      throw new UnrecoverableError(message);
    throw new Error(message);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onJobAbort);
  }
};
