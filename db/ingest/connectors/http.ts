export class VendorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "VendorHttpError";
  }
}

export interface HttpOptions {
  /** Waits between retries; tests pass one that records instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request for 5xx and network errors. */
  maxAttempts?: number;
  /** 429s answered per request before giving up (the vendor's limit windows reset within minutes). */
  maxRateLimitWaits?: number;
  fetch?: typeof fetch;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long a 429 asks us to wait: Retry-After (seconds or a date), else Intercom's X-RateLimit-Reset, else a minute. */
export function rateLimitDelay(headers: Headers, now = Date.now()): number {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (reset > 0) return Math.max(1000, reset * 1000 - now);
  return 60_000;
}

/**
 * A vendor API request that waits out 429s (as long as the vendor says), retries 5xx and network errors
 * with exponential backoff, and fails clearly on anything else (401 means wrong credentials).
 */
export async function requestJson(url: string, init: RequestInit, options: HttpOptions = {}): Promise<{ body: unknown; headers: Headers }> {
  const sleep = options.sleep ?? realSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const fetchImpl = options.fetch ?? fetch;
  let attempt = 0;
  let rateLimitWaits = 0;
  while (true) {
    attempt++;
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, headers: { Accept: "application/json", ...(init.headers as Record<string, string>) } });
    } catch (error) {
      if (attempt >= maxAttempts) throw new VendorHttpError(0, `${url}: network error after ${attempt} attempts (${(error as Error).message})`);
      await sleep(backoff(attempt));
      continue;
    }
    if (response.status === 429) {
      rateLimitWaits++;
      attempt--;
      if (rateLimitWaits > (options.maxRateLimitWaits ?? 20)) throw new VendorHttpError(429, `${url}: still rate limited after ${rateLimitWaits} waits`);
      await response.text().catch(() => "");
      await sleep(rateLimitDelay(response.headers));
      continue;
    }
    if (response.status >= 500) {
      await response.text().catch(() => "");
      if (attempt >= maxAttempts) throw new VendorHttpError(response.status, `${url}: HTTP ${response.status} after ${attempt} attempts`);
      await sleep(backoff(attempt));
      continue;
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 300);
      const hint = response.status === 401 || response.status === 403 ? " (check the connector's credentials)" : "";
      throw new VendorHttpError(response.status, `${url}: HTTP ${response.status}${hint} ${text}`.trim());
    }
    const text = await response.text();
    try {
      return { body: JSON.parse(text), headers: response.headers };
    } catch {
      throw new VendorHttpError(response.status, `${url}: the response is not JSON`);
    }
  }
}

function backoff(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}
