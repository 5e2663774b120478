import { describe, expect, it } from "vitest";
import { conversationsLink, filterSearch, resolveDashboardFilters } from "./filters";

const NOW = new Date("2026-11-22T15:00:00Z");

describe("resolveDashboardFilters", () => {
  it("defaults to the last 30 days, today included", () => {
    expect(resolveDashboardFilters(new URLSearchParams(), NOW)).toEqual({
      period: "30",
      from: "2026-10-24",
      to: "2026-11-22",
      teamId: undefined,
      channel: undefined,
      agentId: undefined,
    });
  });

  it("takes a custom range in either order and ignores malformed values", () => {
    const filters = resolveDashboardFilters(new URLSearchParams("period=custom&from=2026-11-10&to=2026-11-01&team=2&channel=fax&agent=x"), NOW);
    expect(filters).toMatchObject({ period: "custom", from: "2026-11-01", to: "2026-11-10", teamId: 2, channel: undefined, agentId: undefined });
    expect(resolveDashboardFilters(new URLSearchParams("period=custom&from=2026-13-45"), NOW)).toMatchObject({ period: "30", from: "2026-10-24" });
    expect(resolveDashboardFilters(new URLSearchParams("period=365"), NOW)).toMatchObject({ period: "30" });
  });

  it("round-trips through the query string", () => {
    const filters = resolveDashboardFilters(new URLSearchParams("period=7&channel=whatsapp&team=1"), NOW);
    expect(filterSearch(filters)).toBe("period=7&team=1&channel=whatsapp");
    expect(resolveDashboardFilters(new URLSearchParams(filterSearch(filters)), NOW)).toEqual(filters);
  });
});

describe("conversationsLink", () => {
  it("opens the conversations behind a number with the same filters plus what it counts", () => {
    const filters = { from: "2026-11-01", to: "2026-11-22", teamId: 1 };
    expect(conversationsLink(filters, { channel: "whatsapp", flag: "first_response_breach" })).toBe(
      "/conversations?team=1&channel=whatsapp&from=2026-11-01&to=2026-11-22&flag=first_response_breach",
    );
  });
});
