import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { loadSlaConfig } from "../../db/facts";
import { listConversations } from "../../db/queries/conversations";
import { executiveDashboard, lastDecidedFcrDay, sumRollups, teamDashboard } from "../../db/queries/dashboards";
import { selectRows } from "../../db/queries/rows";
import { users } from "../../db/schema";
import { loadDemoData } from "../../db/seed/load";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { buildRequest, runRoute, sessionCookie } from "../helpers/routes";

const END = new Date("2026-11-22T00:00:00Z");
const AS_OF = new Date("2026-11-22T12:00:00Z");
const PERIOD = { from: "2026-08-25", to: "2026-11-22" };
const all = { kind: "all" } as const;

describe.each(testDrivers)("dashboards on %s", (driver) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await loadDemoData(handle, { conversations: 1500, seed: "demo", endDate: END, passwordHash: "not-used" });
    setDatabaseHandle(handle);
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  it("adds up the rollups to the same numbers as the facts they were built from", async () => {
    const [fromFacts] = await selectRows<{ conversations: number; within: number; measured: number; satisfied: number; answered: number }>(
      handle.db,
      sql`select count(*)::int as conversations,
                 (count(*) filter (where first_response_met_standard))::int as within,
                 count(first_response_met_standard)::int as measured,
                 (count(*) filter (where csat >= 4))::int as satisfied,
                 count(csat)::int as answered
          from conversation_facts where created_day between ${PERIOD.from}::date and ${PERIOD.to}::date`,
    );
    const dashboard = await executiveDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF });
    expect(dashboard.current.conversations).toBe(fromFacts.conversations);
    expect(dashboard.current.firstResponseStandardPct).toBeCloseTo((100 * fromFacts.within) / fromFacts.measured, 9);
    expect(dashboard.current.csatPct).toBeCloseTo((100 * fromFacts.satisfied) / fromFacts.answered, 9);
    const whatsapp = dashboard.channels.find((row) => row.channel === "whatsapp");
    expect(whatsapp?.targetMs).toBe(30_000);
    expect(whatsapp?.worldClassTargetMs).toBe(15_000);
  });

  it("counts first-contact resolution only on days whose 7-day window has closed", async () => {
    const decided = lastDecidedFcrDay(AS_OF);
    expect(decided).toBe("2026-11-14");
    const [fromFacts] = await selectRows<{ candidates: number; followed: number }>(
      handle.db,
      sql`select count(customer_id)::int as candidates, (count(*) filter (where fcr_followed_up))::int as followed
          from conversation_facts where created_day between ${PERIOD.from}::date and ${decided}::date`,
    );
    const [sums] = await sumRollups(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF });
    expect(sums.fcrCandidates).toBe(fromFacts.candidates);
    expect(sums.fcrFollowedUp).toBe(fromFacts.followed);
    expect(fromFacts.followed).toBeGreaterThan(0);
  });

  it("puts the redirecting agent first to coach and flags the agent curt on chat, within a lead's team only", async () => {
    const dashboard = await teamDashboard(handle.db, { scope: { kind: "teams", teamIds: [1] }, filters: PERIOD, asOf: AS_OF });
    expect(new Set(dashboard.agents.map((agent) => agent.teamName))).toEqual(new Set(["Soporte España"]));
    expect(dashboard.coachFirst[0].name).toBe("Sergio Navarro");
    expect(dashboard.coachFirst[0].issues.map((issue) => issue.metric)).toContain("redirects");
    const javier = dashboard.cells.filter((cell) => cell.name === "Javier Ortega");
    const flagged = javier.filter((cell) => cell.reasons.includes("team")).map((cell) => cell.channel);
    expect(flagged.sort()).toEqual(["chat", "whatsapp"]);
    expect(javier.find((cell) => cell.channel === "chat")?.warmer).toBe(false);
    const outlier = dashboard.outliers.find((cell) => cell.name === "Javier Ortega" && cell.channel === "chat");
    expect(outlier?.examples.conversationIds.length).toBeGreaterThan(0);
  });

  it("lists exactly the conversations a number counts", async () => {
    const sergio = 3;
    const { conversations } = await listConversations(handle.db, {
      scope: all,
      filters: { agentId: sergio, flag: "redirect", from: new Date(`${PERIOD.from}T00:00:00Z`) },
      limit: 500,
    });
    const [expected] = await selectRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from conversation_facts where agent_id = ${sergio} and redirect_hits > 0 and created_day >= ${PERIOD.from}::date`,
    );
    expect(conversations.length).toBe(expected.n);
    expect(expected.n).toBeGreaterThan(10);
  });

  it("recomputes the facts and the dashboards when an admin changes a channel's target", async () => {
    const before = (await executiveDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF })).channels.find(
      (row) => row.channel === "whatsapp",
    );
    const [admin] = await handle.db.select().from(users).where(sql`${users.role} = 'admin'`);
    const route = await import("../../app/routes/admin.response-targets");
    const loaded = await runRoute(route, buildRequest("/admin/response-targets", { cookie: await sessionCookie(handle.db, admin.id) }));
    const page = loaded.data as {
      channels: Array<{ channel: string; standard: { value: number; unit: string }; worldClass: { value: number; unit: string } | null }>;
    };
    const form: Record<string, string | string[]> = { timeZone: "Europe/Madrid", opens: "09:00", closes: "18:00", "days[]": ["monday"] };
    for (const row of page.channels) {
      form[`${row.channel}.standard`] = String(row.standard.value);
      form[`${row.channel}.standardUnit`] = row.standard.unit;
      form[`${row.channel}.worldClass`] = row.worldClass ? String(row.worldClass.value) : "";
      form[`${row.channel}.worldClassUnit`] = row.worldClass?.unit ?? "min";
    }
    form["whatsapp.standard"] = "5";
    form["whatsapp.standardUnit"] = "min";
    const saved = await runRoute(
      route,
      buildRequest("/admin/response-targets", { method: "POST", cookie: await sessionCookie(handle.db, admin.id), form }),
    );
    expect(saved.data).toEqual({ ok: true, stale: 1500 });
    const config = await loadSlaConfig(handle.db);
    expect(config.overrides.whatsapp?.firstResponse?.standardMs).toBe(300_000);
    expect(config.overrides.email).toBeUndefined();

    const after = (await executiveDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF })).channels.find(
      (row) => row.channel === "whatsapp",
    );
    expect(after?.targetMs).toBe(300_000);
    expect(after?.current.firstResponseStandardPct).toBeGreaterThan((before?.current.firstResponseStandardPct ?? 100) + 10);
    expect(after?.current.conversations).toBe(before?.current.conversations);

    const invalid = { ...form, "chat.standard": "10", "chat.standardUnit": "s", "chat.worldClass": "1", "chat.worldClassUnit": "min" };
    const rejected = await runRoute(
      route,
      buildRequest("/admin/response-targets", { method: "POST", cookie: await sessionCookie(handle.db, admin.id), form: invalid }),
    );
    expect(rejected.data).toEqual({ ok: false, errors: { "chat.worldClass": "targets.invalid" } });
  });
});
