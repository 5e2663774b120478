import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rulePage from "../../app/routes/sampling.rules.$id";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { createRule, drawConversations, drawSample, getRule, previewDraw } from "../../db/queries/sampling";
import { conversationFrustration, conversations, reviews, sampleConversations, samples } from "../../db/schema";
import {
  type CandidateStratum,
  OVERSAMPLING_FLAGS,
  bucketKeyOf,
  drawStratified,
  oversamplingReasons,
  stratumKeyOf,
  upperTukeyFence,
} from "../../scoring/sampling";
import { type SamplingRuleDefinition, samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";
import { buildRequest, runRoute, sessionCookie } from "../helpers/routes";

const TIME_ZONE = "Europe/Madrid";
const WEEK = { createdFrom: "2026-11-16", createdTo: "2026-11-22" };
/** Conversations per agent on each day of the week, busy Monday to quiet Sunday. */
const PER_DAY = [12, 10, 8, 6, 4, 3, 2];

function definition(
  overrides: Partial<Omit<SamplingRuleDefinition, "filters">> & { filters?: Partial<SamplingRuleDefinition["filters"]> } = {},
) {
  return samplingRuleDefinitionSchema.parse({
    size: { kind: "total", total: 12 },
    allocation: "proportional",
    seed: "2026-W47",
    ...overrides,
    filters: { ...WEEK, ...overrides.filters },
  });
}

interface Fixture {
  id: number;
  agentId: number;
  channel: "email" | "chat";
  createdAt: Date;
  sampleKey: number;
  csat: number | null;
  messageCount: number;
  /** null: not scored for frustration. */
  frustration: { score: number; flagged: boolean } | null;
}

describe.each(testDrivers)("sampling by frustration and spread over the period on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  let ana: number;
  let ben: number;
  const week: Fixture[] = [];
  const fixtureById = new Map<number, Fixture>();

  async function addConversation(agentId: number, createdAt: Date, index: number) {
    const channel = index % 3 === 0 ? "chat" : "email";
    const messageCount = index % 11 === 0 ? 30 : 2 + (index % 4);
    const conversation = await makeConversation(handle.db, {
      agentId,
      teamId,
      channel,
      createdAt,
      messages: Array.from({ length: messageCount }, (_, ordinal) => ({
        role: ordinal % 2 === 0 ? ("customer" as const) : ("agent" as const),
        body: ordinal % 2 === 0 ? "Hola" : "Buenas",
      })),
    });
    const csat = index % 9 === 0 ? 1 : index % 5 === 0 ? null : 4;
    await handle.db.update(conversations).set({ csat }).where(eq(conversations.id, conversation.id));
    // Every 4th frustrated (0.8), every 6th scored high but under the threshold (0.6), every 7th not scored.
    const frustration =
      index % 7 === 0 ? null : index % 4 === 0 ? { score: 0.8, flagged: true } : { score: index % 6 === 0 ? 0.6 : 0.2, flagged: false };
    if (frustration) {
      await handle.db.insert(conversationFrustration).values({
        conversationId: conversation.id,
        modelId: "test",
        modelVersion: "1",
        score: frustration.score,
        flagged: frustration.flagged,
        threshold: 0.7,
        reasons: [],
      });
    }
    const fixture: Fixture = {
      id: conversation.id,
      agentId,
      channel,
      createdAt,
      sampleKey: conversation.sampleKey,
      csat,
      messageCount,
      frustration,
    };
    fixtureById.set(fixture.id, fixture);
    return fixture;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    teamId = (await makeTeam(db, "Soporte")).id;
    ana = (await makeAgent(db, { teamId, name: "Ana" })).id;
    ben = (await makeAgent(db, { teamId, name: "Ben" })).id;
    let index = 0;
    for (const agentId of [ana, ben]) {
      for (const [day, count] of PER_DAY.entries()) {
        for (let n = 0; n < count; n++) {
          // Between 08:00 and 19:00 UTC (09:00–20:00 in Madrid) on 16–22 November.
          const createdAt = new Date(Date.UTC(2026, 10, 16 + day, 8 + ((n * 5) % 12), (n * 7) % 60));
          week.push(await addConversation(agentId, createdAt, index++));
        }
      }
      // Late on Sunday in UTC, already Monday the 23rd in Madrid: inside the UTC date filter, its own day bucket.
      week.push(await addConversation(agentId, new Date("2026-11-22T23:30:00Z"), index++));
    }

    // Past reviews: 37 scored for Ana, 4 for Ben (too few for his own SD).
    const reviewer = await makeUser(db, "reviewer");
    const scorecard = await makePublishedScorecard(db);
    for (const [agentId, count] of [
      [ana, 37],
      [ben, 4],
    ] as const) {
      for (let n = 0; n < count; n++) {
        const past = await makeConversation(db, { agentId, teamId, createdAt: new Date("2026-10-01T10:00:00Z") });
        await db.insert(reviews).values({
          conversationId: past.id,
          agentId,
          reviewerId: reviewer.id,
          scorecardVersionId: scorecard.versionId,
          status: "submitted",
          score: 60 + ((n * 13) % 35),
          submittedAt: new Date("2026-10-02T10:00:00Z"),
        });
      }
    }
  });

  afterAll(async () => {
    await handle.close();
  });

  async function drawAll(overrides: Parameters<typeof definition>[0], periodKey: string) {
    const rule = await createRule(handle.db, {
      input: { name: periodKey, teamId, schedule: "once", scheduleTime: "06:00", timezone: TIME_ZONE, definition: definition(overrides) },
      createdBy: null,
    });
    const outcome = await drawSample(handle.db, { ruleId: rule.id, periodKey });
    if (!outcome) throw new Error("no sample");
    return { rule, outcome };
  }

  it("draws only frustrated customers, or those above a frustration score; unscored ones never", async () => {
    const frustrated = await drawAll(
      { size: { kind: "percentage", percent: 100 }, filters: { onlyFrustrated: true } },
      "manual:frustrated",
    );
    const expected = week.filter((fixture) => fixture.frustration?.flagged).map((fixture) => fixture.id);
    expect(expected.length).toBeGreaterThan(5);
    expect([...frustrated.outcome.conversationIds].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));

    const atLeast = await drawAll({ size: { kind: "percentage", percent: 100 }, filters: { frustrationMin: 0.5 } }, "manual:min");
    const aboveHalf = week.filter((fixture) => (fixture.frustration?.score ?? 0) >= 0.5).map((fixture) => fixture.id);
    expect(aboveHalf.length).toBeGreaterThan(expected.length);
    expect([...atLeast.outcome.conversationIds].sort((a, b) => a - b)).toEqual(aboveHalf.sort((a, b) => a - b));
  });

  it("flags frustrated customers for oversampling exactly as oversamplingReasons does, and records weights and flags", async () => {
    const preview = await previewDraw(handle.db, {
      definition: definition({ oversamplingFactor: 3, oversamplingFlags: [...OVERSAMPLING_FLAGS] }),
      teamId,
      timeZone: TIME_ZONE,
    });
    const messageFence = upperTukeyFence(week.map((fixture) => fixture.messageCount));
    const flaggedInJs = (flags: readonly (typeof OVERSAMPLING_FLAGS)[number][]) =>
      week.filter(
        (fixture) =>
          oversamplingReasons(
            { csat: fixture.csat, messageCount: fixture.messageCount, frustrated: fixture.frustration?.flagged ?? false },
            { flags, messageFence },
          ).length > 0,
      ).length;
    expect(preview.flagged).toBe(flaggedInJs(OVERSAMPLING_FLAGS));
    // A rule saved before the frustrated flag existed keeps its two flags.
    const legacy = await previewDraw(handle.db, { definition: definition({ oversamplingFactor: 3 }), teamId, timeZone: TIME_ZONE });
    expect(legacy.flagged).toBe(flaggedInJs(["lowCsat", "outlier"]));
    expect(legacy.flagged).toBeLessThan(preview.flagged ?? 0);

    const { outcome } = await drawAll(
      { size: { kind: "total", total: 24 }, oversamplingFactor: 4, oversamplingFlags: ["frustrated"] },
      "manual:oversample",
    );
    const drawn = await handle.db.select().from(sampleConversations).where(eq(sampleConversations.sampleId, outcome.sampleId));
    expect(drawn).toHaveLength(24);
    for (const row of drawn) {
      expect(row.flagged).toBe(fixtureById.get(row.conversationId)?.frustration?.flagged ?? false);
      expect(row.designWeight).toBeCloseTo(1 / row.inclusionProbability, 9);
    }
    // Within a stratum drawn in two parts, a frustrated conversation had the larger chance.
    const byStratum = new Map<string, typeof drawn>();
    for (const row of drawn) byStratum.set(row.stratumKey, [...(byStratum.get(row.stratumKey) ?? []), row]);
    let compared = 0;
    for (const rows of byStratum.values()) {
      const flaggedRow = rows.find((row) => row.flagged);
      const otherRow = rows.find((row) => !row.flagged);
      if (!flaggedRow || !otherRow || flaggedRow.inclusionProbability === 1) continue;
      expect(flaggedRow.inclusionProbability).toBeGreaterThan(otherRow.inclusionProbability);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
    expect(drawn.filter((row) => row.flagged).length / drawn.length).toBeGreaterThan(
      week.filter((fixture) => fixture.frustration?.flagged).length / week.length,
    );
    const [sample] = await handle.db.select().from(samples).where(eq(samples.id, outcome.sampleId));
    expect((sample.plan as { oversampling: unknown }).oversampling).toEqual({ factor: 4, flags: ["frustrated"], messageFence: null });
  });

  it("spreads a total evenly over the local days, and draws what the in-memory reference draws", async () => {
    const days = [...new Set(week.map((fixture) => bucketKeyOf(fixture.createdAt, "day", TIME_ZONE)))].sort();
    expect(days).toEqual(["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"]);
    const overrides = { size: { kind: "total" as const, total: 30 }, spread: { bucket: "day" as const, mode: "equal" as const } };
    const preview = await previewDraw(handle.db, { definition: definition(overrides), teamId, timeZone: TIME_ZONE });
    // The database's day buckets are the local days of the rule's timezone.
    expect(preview.buckets?.map((bucket) => [bucket.bucket, bucket.population])).toEqual(
      days.map((day) => [day, week.filter((fixture) => bucketKeyOf(fixture.createdAt, "day", TIME_ZONE) === day).length]),
    );
    const { outcome } = await drawAll(overrides, "manual:spread-1");
    const again = await drawAll(overrides, "manual:spread-2");
    expect(again.outcome.conversationIds).toEqual(outcome.conversationIds);
    expect(new Set(outcome.conversationIds).size).toBe(30);

    const perDay = new Map<string, number>();
    for (const id of outcome.conversationIds) {
      const day = bucketKeyOf(fixtureById.get(id)?.createdAt ?? new Date(0), "day", TIME_ZONE);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    // 30 over 8 days, the 23rd has only 2 conversations: it gets both, the other 28 go 4 to each of 7 days.
    expect(Object.fromEntries(perDay)).toEqual({
      "2026-11-16": 4,
      "2026-11-17": 4,
      "2026-11-18": 4,
      "2026-11-19": 4,
      "2026-11-20": 4,
      "2026-11-21": 4,
      "2026-11-22": 4,
      "2026-11-23": 2,
    });
    const stored = await handle.db.select().from(sampleConversations).where(eq(sampleConversations.sampleId, outcome.sampleId));
    for (const row of stored) {
      const fixture = fixtureById.get(row.conversationId);
      expect(row.stratumKey).toBe(
        stratumKeyOf({
          agent: String(fixture?.agentId),
          channel: fixture?.channel ?? "",
          day: bucketKeyOf(fixture?.createdAt ?? new Date(0), "day", TIME_ZONE),
        }),
      );
    }

    // The in-memory reference over the same cells draws the same ids.
    const cells = new Map<string, CandidateStratum & { candidates: { id: string; sampleKey: number }[] }>();
    for (const fixture of week) {
      const day = bucketKeyOf(fixture.createdAt, "day", TIME_ZONE);
      const key = stratumKeyOf({ agent: String(fixture.agentId), channel: fixture.channel, day });
      const cell = cells.get(key) ?? { key, group: String(fixture.agentId), bucket: day, candidates: [] };
      cell.candidates.push({ id: String(fixture.id).padStart(12, "0"), sampleKey: fixture.sampleKey });
      cells.set(key, cell);
    }
    const reference = drawStratified([...cells.values()], {
      seed: "2026-W47",
      size: { kind: "total", total: 30 },
      method: "proportional",
      spread: "equal",
    });
    expect(outcome.conversationIds.map((id) => String(id).padStart(12, "0")).sort()).toEqual(
      reference.conversations.map((conversation) => conversation.id).sort(),
    );
  });

  it("spreads each agent's reviews in proportion to their days, and by ISO week", async () => {
    const { outcome } = await drawAll(
      { size: { kind: "perGroup", perGroup: 9 }, spread: { bucket: "day", mode: "proportional" } },
      "manual:per-agent",
    );
    for (const agentId of [ana, ben]) {
      const mine = week.filter((fixture) => fixture.agentId === agentId);
      const drawn = outcome.conversationIds.filter((id) => fixtureById.get(id)?.agentId === agentId);
      expect(drawn).toHaveLength(9);
      for (const day of new Set(mine.map((fixture) => bucketKeyOf(fixture.createdAt, "day", TIME_ZONE)))) {
        const onDay = (fixture: Fixture | undefined) => fixture !== undefined && bucketKeyOf(fixture.createdAt, "day", TIME_ZONE) === day;
        const ideal = (9 * mine.filter(onDay).length) / mine.length;
        expect(Math.abs(drawn.filter((id) => onDay(fixtureById.get(id))).length - ideal)).toBeLessThan(1);
      }
    }

    const weekly = await previewDraw(handle.db, {
      definition: definition({ size: { kind: "total", total: 10 }, spread: { bucket: "week", mode: "equal" } }),
      teamId,
      timeZone: TIME_ZONE,
    });
    expect(weekly.buckets).toEqual([
      { bucket: "2026-W47", population: week.length - 2, sampleSize: 8 },
      { bucket: "2026-W48", population: 2, sampleSize: 2 },
    ]);
  });

  it("fetches the same rows with one ranked query as with two keyset queries per part", async () => {
    const cases = [
      definition({}),
      definition({
        size: { kind: "perGroup", perGroup: 7 },
        allocation: "equal",
        oversamplingFactor: 3,
        oversamplingFlags: [...OVERSAMPLING_FLAGS],
      }),
      definition({ size: { kind: "total", total: 30 }, spread: { bucket: "day", mode: "equal" }, oversamplingFactor: 2 }),
      definition({
        size: { kind: "percentage", percent: 40 },
        spread: { bucket: "week", mode: "proportional" },
        filters: { onlyFrustrated: true },
      }),
      definition({ size: { kind: "percentage", percent: 100 }, spread: { bucket: "day", mode: "proportional" } }),
    ];
    for (const [index, rule] of cases.entries()) {
      const options = { definition: rule, teamId, timeZone: TIME_ZONE, now: new Date("2026-11-23T06:00:00Z"), seed: `strategies-${index}` };
      const keyset = await drawConversations(handle.db, { ...options, strategy: "keyset" });
      const window = await drawConversations(handle.db, { ...options, strategy: "window" });
      expect(keyset.drawn.length).toBeGreaterThan(0);
      expect(window.drawn).toEqual(keyset.drawn);
    }
  });

  it("shows how many past reviews are behind each agent's SD", async () => {
    const preview = await previewDraw(handle.db, { definition: definition({ size: { kind: "perGroup", perGroup: 5 } }), teamId });
    const byAgent = new Map(preview.precision.agents.map((agent) => [agent.agentKey, agent]));
    expect(byAgent.get(String(ana))).toMatchObject({ sdSource: "history", scoreCount: 37 });
    expect(byAgent.get(String(ben))).toMatchObject({ sdSource: "assumed", scoreCount: 4, sd: 20 });
    expect(preview.precision.minScoresForSd).toBe(10);
    // The margins after drawing are stored with the same counts.
    const { outcome } = await drawAll({ size: { kind: "perGroup", perGroup: 5 } }, "manual:margins");
    const [sample] = await handle.db.select().from(samples).where(eq(samples.id, outcome.sampleId));
    const stored = (sample.plan as { precision: { agents: { agentKey: string; scoreCount: number }[] } }).precision.agents;
    expect(stored.find((agent) => agent.agentKey === String(ana))?.scoreCount).toBe(37);
  });

  it("saves the new options from the rule page and previews the spread", async () => {
    const admin = await makeUser(handle.db, "admin");
    const cookie = await sessionCookie(handle.db, admin.id);
    const { rule } = await drawAll({}, "manual:page");
    const form = {
      intent: "save",
      name: "Frustrated, spread",
      teamId: String(teamId),
      schedule: "weekly",
      scheduleTime: "06:00",
      timezone: TIME_ZONE,
      createdFrom: WEEK.createdFrom,
      createdTo: WEEK.createdTo,
      onlyFrustrated: "on",
      frustrationMinPercent: "50",
      sizeKind: "total",
      sizeValue: "8",
      allocation: "proportional",
      oversamplingFactor: "2",
      "oversamplingFlags[]": ["frustrated", "lowCsat"],
      spreadBucket: "day",
      spreadMode: "equal",
      seed: "page",
      dueDays: "7",
      targetMargin: "6",
    };
    const saved = await runRoute(rulePage, buildRequest(`/sampling/rules/${rule.id}`, { method: "POST", cookie, form }), {
      id: String(rule.id),
    });
    expect(saved.data).toEqual({ ok: true });
    const stored = await getRule(handle.db, { id: rule.id, scope: { kind: "all" } });
    expect(stored?.definition.filters).toMatchObject({ onlyFrustrated: true, frustrationMin: 0.5 });
    expect(stored?.definition.oversamplingFlags).toEqual(["frustrated", "lowCsat"]);
    expect(stored?.definition.spread).toEqual({ bucket: "day", mode: "equal" });

    const page = await runRoute(rulePage, buildRequest(`/sampling/rules/${rule.id}`, { cookie }), { id: String(rule.id) });
    const { preview } = page.data as { preview: Awaited<ReturnType<typeof previewDraw>> };
    const frustratedIds = week.filter((fixture) => fixture.frustration?.flagged).map((fixture) => fixture.id);
    expect(preview.eligible).toBe(frustratedIds.length);
    expect(preview.buckets?.reduce((sum, bucket) => sum + bucket.sampleSize, 0)).toBe(8);

    const rejected = await runRoute(
      rulePage,
      buildRequest(`/sampling/rules/${rule.id}`, { method: "POST", cookie, form: { ...form, createdFrom: "", createdTo: "" } }),
      { id: String(rule.id) },
    );
    const body = rejected.data as { data?: { errors?: Record<string, string> } };
    expect(body.data?.errors).toEqual({ spreadBucket: "sampling.errors.spreadNeedsPeriod" });
    const unchanged = await handle.db.select({ id: conversations.id }).from(conversations).where(inArray(conversations.id, frustratedIds));
    expect(unchanged).toHaveLength(frustratedIds.length);
  });
});
