import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { loadSlaConfig, refreshSentimentFacts } from "../../db/facts";
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

  it("shows the quality score of submitted standard reviews with its interval, per agent and their weakest criteria", async () => {
    const reviewed = sql`from reviews r join conversations c on c.id = r.conversation_id
      where r.status = 'submitted' and r.kind = 'standard' and r.score is not null
        and c.created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz and c.created_at < ${"2026-11-23T00:00:00Z"}::timestamptz`;
    const [overall] = await selectRows<{ n: number; mean: number }>(handle.db, sql`select count(*)::int as n, avg(r.score)::float8 as mean ${reviewed}`);
    expect(overall.n).toBeGreaterThan(5);
    const executive = await executiveDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF });
    expect(executive.quality.current.count).toBe(overall.n);
    expect(executive.quality.current.mean).toBeCloseTo(overall.mean, 9);
    expect(executive.quality.current.confidenceInterval?.lower).toBeLessThan(overall.mean);
    expect(executive.quality.weekly.reduce((n, week) => n + week.quality.count, 0)).toBe(overall.n);
    expect(executive.quality.weekly.at(-1)?.to).toBe(PERIOD.to);

    const [distinct] = await selectRows<{ n: number }>(handle.db, sql`select count(distinct r.conversation_id)::int as n ${reviewed}`);
    const { conversations: reviewedList } = await listConversations(handle.db, {
      scope: all,
      filters: { flag: "reviewed", from: new Date(`${PERIOD.from}T00:00:00Z`), to: new Date("2026-11-23T00:00:00Z") },
      limit: 1000,
    });
    expect(reviewedList.length).toBe(distinct.n);

    const perAgent = await selectRows<{ agent_id: number; n: number; mean: number }>(
      handle.db,
      sql`select c.agent_id, count(*)::int as n, avg(r.score)::float8 as mean ${reviewed} group by c.agent_id`,
    );
    const team = await teamDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF });
    for (const row of perAgent) {
      const agent = team.agents.find((candidate) => candidate.agentId === row.agent_id);
      expect(agent?.quality?.count).toBe(row.n);
      expect(agent?.quality?.mean).toBeCloseTo(row.mean, 9);
    }
    const perChannel = await selectRows<{ agent_id: number; channel: string; n: number; mean: number }>(
      handle.db,
      sql`select c.agent_id, c.channel::text as channel, count(*)::int as n, avg(r.score)::float8 as mean ${reviewed}
          group by 1, 2 having count(*) >= 3`,
    );
    expect(perChannel.length).toBeGreaterThan(0);
    for (const row of perChannel) {
      const agent = team.agents.find((candidate) => candidate.agentId === row.agent_id);
      const channel = agent?.qualityByChannel.channels.find((candidate) => candidate.channel === row.channel);
      expect(channel?.n).toBe(row.n);
      expect(channel?.mean).toBeCloseTo(row.mean, 9);
    }
    const [weakest] = await selectRows<{ agent_id: number; criterion_id: string; mean: number }>(
      handle.db,
      sql`select c.agent_id, x.criterion_id, avg(x.score)::float8 as mean
          from review_criterion_results x join reviews r on r.id = x.review_id join conversations c on c.id = r.conversation_id
          where r.status = 'submitted' and r.kind = 'standard' and r.score is not null and x.status = 'rated' and not x.bonus
            and c.created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz
          group by 1, 2 having count(x.score) >= 3 and avg(x.score) < 100
          order by 3 asc, 1, 2 limit 1`,
    );
    expect(weakest).toBeDefined();
    const agent = team.agents.find((candidate) => candidate.agentId === weakest.agent_id);
    expect(agent?.weakestCriteria[0]).toMatchObject({ criterionId: weakest.criterion_id });
    expect(agent?.weakestCriteria[0].mean).toBeCloseTo(weakest.mean, 9);
    expect(agent?.weakestCriteria[0].title).not.toBe(weakest.criterion_id);
  });

  it("shows the share of negative customer messages and frustrated conversations from the sentiment facts", async () => {
    // Predictions written as the scoring job writes them: every third customer message negative, a few conversations frustrated.
    await handle.db.execute(sql`insert into sentiment_predictions (text_hash, model_id, model_version, label, score, scores)
      values ('neg', 'test-model', '1', 'negative', 0.9, '{}'), ('neu', 'test-model', '1', 'neutral', 0.8, '{}')`);
    await handle.db.execute(sql`insert into message_sentiments (message_id, prediction_id)
      select m.id, (select id from sentiment_predictions where text_hash = case when m.id % 3 = 0 and m.author_role = 'customer' then 'neg' else 'neu' end)
      from messages m where m.author_role in ('customer', 'agent')`);
    await handle.db.execute(sql`insert into conversation_frustration (conversation_id, model_id, model_version, score, flagged, threshold, reasons)
      select id, 'test-model', '1', case when id % 10 = 0 then 0.9 else 0.1 end, id % 10 = 0, 0.5, '[]' from conversations`);
    const ids = (await selectRows<{ id: number }>(handle.db, sql`select id from conversations`)).map((row) => Number(row.id));
    await refreshSentimentFacts(handle.db, ids);

    const [expected] = await selectRows<{ scored: number; negative: number; frustrated: number; conversations: number }>(
      handle.db,
      sql`select
            (select count(*)::int from messages m join conversations c on c.id = m.conversation_id
              where m.author_role = 'customer' and c.created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz) as scored,
            (select count(*)::int from messages m join conversations c on c.id = m.conversation_id
              where m.author_role = 'customer' and m.id % 3 = 0 and c.created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz) as negative,
            (select count(*)::int from conversations where id % 10 = 0 and created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz) as frustrated,
            (select count(*)::int from conversations where created_at >= ${`${PERIOD.from}T00:00:00Z`}::timestamptz) as conversations`,
    );
    const dashboard = await executiveDashboard(handle.db, { scope: all, filters: PERIOD, asOf: AS_OF });
    expect(dashboard.current.customerMessagesScored).toBe(expected.scored);
    expect(dashboard.current.negativeSharePct).toBeCloseTo((100 * expected.negative) / expected.scored, 9);
    expect(dashboard.current.frustratedPct).toBeCloseTo((100 * expected.frustrated) / expected.conversations, 9);
    const weeks = dashboard.sentimentWeekly.weeks;
    expect(weeks.reduce((n, week) => n + week.customerMessagesScored, 0)).toBe(expected.scored);
    expect(dashboard.sentimentWeekly.channels).toContain("whatsapp");

    const { conversations: frustrated } = await listConversations(handle.db, {
      scope: all,
      filters: { flag: "frustrated", from: new Date(`${PERIOD.from}T00:00:00Z`) },
      limit: 1000,
    });
    expect(frustrated.length).toBe(expected.frustrated);
    expect(frustrated.every((conversation) => conversation.id % 10 === 0)).toBe(true);
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
