// src/lake/store/retry.ts
//! Retries with exponential backoff and jitter for transient store failures (dropped connections,
//! 5xx, throttling). Errors that cannot improve on retry (missing object, access denied) go straight out.

export interface RetryPolicy {
  readonly attempts: number;
  /** Delay before the second attempt; doubled each time, with up to 50% jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET",
]);
const TRANSIENT_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "InternalError",
  "ServiceUnavailable",
  "TruncatedBodyError",
]);

/** Would trying again plausibly succeed? */
export function isTransient(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const x = e as { code?: string; name?: string; $metadata?: { httpStatusCode?: number }; transient?: boolean };
  if (x.transient === true) return true;
  if (x.code && TRANSIENT_CODES.has(x.code)) return true;
  if (x.name && TRANSIENT_NAMES.has(x.name)) return true;
  const status = x.$metadata?.httpStatusCode;
  return status !== undefined && (status >= 500 || status === 429);
}

export async function withRetry<T>(
  what: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  transient: (e: unknown) => boolean = isTransient,
): Promise<T> {
  let delay = policy.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (e) {
      if (attempt >= policy.attempts || !transient(e)) throw e;
      const wait = Math.min(policy.maxDelayMs, delay) * (1 + Math.random() * 0.5);
      await new Promise((r) => setTimeout(r, wait));
      delay *= 2;
    }
  }
}
