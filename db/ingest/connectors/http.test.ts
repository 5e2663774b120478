import { describe, expect, it } from "vitest";
import { rateLimitDelay } from "./http";

describe("rateLimitDelay", () => {
  const now = Date.parse("2026-03-02T10:00:00Z");

  it("follows Retry-After in seconds (Zendesk, Freshdesk) or as an HTTP date", () => {
    expect(rateLimitDelay(new Headers({ "Retry-After": "7" }), now)).toBe(7000);
    expect(rateLimitDelay(new Headers({ "Retry-After": "Mon, 02 Mar 2026 10:00:30 GMT" }), now)).toBe(30_000);
  });

  it("falls back to X-RateLimit-Reset (Intercom), then to a minute", () => {
    expect(rateLimitDelay(new Headers({ "X-RateLimit-Reset": String(now / 1000 + 10) }), now)).toBe(10_000);
    expect(rateLimitDelay(new Headers(), now)).toBe(60_000);
  });
});
