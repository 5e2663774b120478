import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { runDueDraws } from "../../db/ingest/jobs";
import { assignConversation, startReview } from "../../db/queries/reviews";
import {
  assignSample,
  createRule,
  drawSample,
  dueRules,
  listAssignmentChanges,
  previewDraw,
  reassignAssignment,
  removeAssignment,
  runScheduledRule,
  sampleConversationIds,
  sampleProgress,
  sampleRows,
} from "../../db/queries/sampling";
import { conversations, reviewAssignments, samples, samplingRules } from "../../db/schema";
import { drawStratified, stratumKeyOf } from "../../scoring/sampling";
import { type SamplingRuleDefinition, samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";

function definition(overrides: Partial<SamplingRuleDefinition> = {}): SamplingRuleDefinition {
  return samplingRuleDefinitionSchema.parse({
    filters: {},
    size: { kind: "total", total: 12 },
    allocation: "proportional",
    seed: "2026-W47",
    ...overrides,
  });
}

const ruleInput = (teamId: number, overrides: Partial<SamplingRuleDefinition> = {}) => ({
  name: "Weekly QA",
  teamId,
  schedule: "once" as const,
  scheduleTime: "06:00",
  timezone: "Europe/Madrid",
  definition: definition(overrides),
});

describe.each(testDrivers)("sampling on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  let otherTeamId: number;
  let agentIds: number[];
  let agentUserId: string;
  let reviewerIds: string[];
  let reviewedId: number;
  let assignedId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamId = (await makeTeam(db, "Sampling team")).id;
    otherTeamId = (await makeTeam(db, "Other team")).id;
    const agentUser = await makeUser(db, "reviewer", { teamIds: [teamId] });
    agentUserId = agentUser.id;
    const withLogin = await makeAgent(db, { teamId, userId: agentUserId, name: "Ana" });
    const withoutLogin = await makeAgent(db, { teamId, name: "Ben" });
    agentIds = [withLogin.id, withoutLogin.id];
    for (let index = 0; index < 40; index++) {
      await makeConversation(db, {
        agentId: agentIds[index % 2],
        teamId,
        channel: index % 3 === 0 ? "chat" : "email",
        messages: [
          { role: "customer", body: "Hola" },
          { role: "agent", body: "Buenas" },
        ],
      });
    }
    for (let index = 0; index < 5; index++) await makeConversation(db, { teamId: otherTeamId });
    const team = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.teamId, teamId));
    reviewedId = team[0].id;
    assignedId = team[1].id;
    const someone = await makeUser(db, "reviewer");
    const scorecard = await makePublishedScorecard(db);
    await startReview(db, {
      conversationId: reviewedId,
      reviewerId: someone.id,
      agentId: null,
      scorecardVersionId: scorecard.versionId,
      kind: "standard",
    });
    await assignConversation(db, { conversationId: assignedId, reviewerId: someone.id });
    reviewerIds = [agentUserId, (await makeUser(db, "reviewer")).id, (await makeUser(db, "lead")).id];
  });

  afterAll(async () => {
    await handle.close();
  });

  it("draws the same ids for the same seed and data, matching the in-memory reference", async () => {
    const { db } = handle;
    const rule = await createRule(db, { input: ruleInput(teamId), createdBy: null });
    const first = await drawSample(db, { ruleId: rule.id, periodKey: "manual:1" });
    const second = await drawSample(db, { ruleId: rule.id, periodKey: "manual:2" });
    expect(first?.conversationIds).toHaveLength(12);
    expect(second?.conversationIds).toEqual(first?.conversationIds);

    const rows = await db
      .select({ id: conversations.id, sampleKey: conversations.sampleKey, agentId: conversations.agentId, channel: conversations.channel })
      .from(conversations)
      .where(eq(conversations.teamId, teamId));
    const strata = new Map<string, { key: string; group: string; candidates: { id: string; sampleKey: number }[] }>();
    for (const row of rows) {
      const key = stratumKeyOf({ agent: String(row.agentId), channel: row.channel });
      const stratum = strata.get(key) ?? { key, group: String(row.agentId), candidates: [] };
      stratum.candidates.push({ id: String(row.id).padStart(12, "0"), sampleKey: row.sampleKey });
      strata.set(key, stratum);
    }
    const reference = drawStratified([...strata.values()], {
      seed: "2026-W47",
      size: { kind: "total", total: 12 },
      method: "proportional",
      excludedIds: [String(reviewedId).padStart(12, "0"), String(assignedId).padStart(12, "0")],
    });
    expect(first?.conversationIds.map((id) => String(id).padStart(12, "0")).sort()).toEqual(
      reference.conversations.map((conversation) => conversation.id).sort(),
    );
  });

  it("respects exclusions and the rule's team, and never draws a conversation twice", async () => {
    const { db } = handle;
    const rule = await createRule(db, { input: ruleInput(teamId, { size: { kind: "percentage", percent: 100 } }), createdBy: null });
    const outcome = await drawSample(db, { ruleId: rule.id, periodKey: "manual:all" });
    const ids = outcome?.conversationIds ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(38);
    expect(ids).not.toContain(reviewedId);
    expect(ids).not.toContain(assignedId);
    const teams = await db.select({ teamId: conversations.teamId }).from(conversations).where(inArray(conversations.id, ids));
    expect(new Set(teams.map((row) => row.teamId))).toEqual(new Set([teamId]));
  });

  it("applies the channel filter", async () => {
    const { db } = handle;
    const rule = await createRule(db, {
      input: ruleInput(teamId, { size: { kind: "percentage", percent: 100 }, filters: { ...definition().filters, channels: ["chat"] } }),
      createdBy: null,
    });
    const outcome = await drawSample(db, { ruleId: rule.id, periodKey: "manual:chat" });
    const channels = await db
      .select({ channel: conversations.channel })
      .from(conversations)
      .where(inArray(conversations.id, outcome?.conversationIds ?? [-1]));
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels.map((row) => row.channel))).toEqual(new Set(["chat"]));
  });

  it("never draws a period twice", async () => {
    const { db } = handle;
    const rule = await createRule(db, { input: ruleInput(teamId), createdBy: null });
    expect(await drawSample(db, { ruleId: rule.id, periodKey: "2026-W47" })).not.toBeNull();
    expect(await drawSample(db, { ruleId: rule.id, periodKey: "2026-W47" })).toBeNull();
    const stored = await db.select().from(samples).where(eq(samples.ruleId, rule.id));
    expect(stored).toHaveLength(1);
  });

  it("assigns by workload with a cap, never to the agent's own login, and records reassignments and removals", async () => {
    const { db } = handle;
    const rule = await createRule(db, { input: ruleInput(teamId, { size: { kind: "total", total: 10 } }), createdBy: null });
    const outcome = await drawSample(db, { ruleId: rule.id, periodKey: "manual:assign" });
    if (!outcome) throw new Error("no sample");
    const result = await assignSample(db, {
      sampleId: outcome.sampleId,
      reviewerIds,
      capPerReviewer: 4,
      dueAt: new Date("2026-11-30T00:00:00Z"),
    });
    expect(result.assigned + result.unassigned).toBe(10);
    const rows = await sampleRows(db, { sampleId: outcome.sampleId, now: new Date("2026-12-01T00:00:00Z") });
    for (const row of rows) {
      if (row.agentId === agentIds[0]) expect(row.reviewerId).not.toBe(agentUserId);
    }
    const perReviewer = sampleProgress(rows).byReviewer;
    for (const reviewer of perReviewer) expect(reviewer.assigned).toBeLessThanOrEqual(4);
    expect(Math.max(...perReviewer.map((r) => r.assigned)) - Math.min(...perReviewer.map((r) => r.assigned))).toBeLessThanOrEqual(4);
    expect(sampleProgress(rows).total.overdue).toBe(result.assigned);

    const ownConversation = rows.find((row) => row.agentId === agentIds[0] && row.assignmentId !== null);
    if (!ownConversation?.assignmentId) throw new Error("expected an assigned conversation of the agent with a login");
    expect(
      await reassignAssignment(db, {
        sampleId: outcome.sampleId,
        assignmentId: ownConversation.assignmentId,
        toReviewerId: agentUserId,
        reason: "x",
        actorId: null,
      }),
    ).toEqual({ ok: false, error: "own_conversation" });
    const target = reviewerIds.find((id) => id !== agentUserId && id !== ownConversation.reviewerId) ?? "";
    expect(
      await reassignAssignment(db, {
        sampleId: outcome.sampleId,
        assignmentId: ownConversation.assignmentId,
        toReviewerId: target,
        reason: "Holiday",
        actorId: null,
      }),
    ).toEqual({ ok: true });
    expect(
      await removeAssignment(db, {
        sampleId: outcome.sampleId,
        assignmentId: ownConversation.assignmentId,
        reason: "Duplicate",
        actorId: null,
      }),
    ).toEqual({
      ok: true,
    });
    const changes = await listAssignmentChanges(db, outcome.sampleId);
    expect(changes.map((change) => [change.action, change.reason])).toEqual([
      ["removed", "Duplicate"],
      ["reassigned", "Holiday"],
    ]);
    const remaining = await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, ownConversation.assignmentId));
    expect(remaining).toHaveLength(0);
  });

  it("shows the margin of error before drawing, with the SD it assumed", async () => {
    const preview = await previewDraw(handle.db, { definition: definition({ size: { kind: "perGroup", perGroup: 5 } }), teamId });
    expect(preview.plannedTotal).toBe(10);
    expect(preview.precision.agents).toHaveLength(2);
    for (const agent of preview.precision.agents) {
      expect(agent.sdSource).toBe("assumed");
      expect(agent.marginOfError).toBeGreaterThan(0);
      expect(agent.requiredSampleSize).toBeGreaterThan(0);
    }
    expect(preview.precision.team.marginOfError).toBeLessThan(
      Math.min(...preview.precision.agents.map((agent) => agent.marginOfError ?? 0)),
    );
  });

  it("runs a due scheduled rule once per period, even when run again after a restart", async () => {
    const { db } = handle;
    const now = new Date("2026-11-23T10:00:00Z");
    const rule = await createRule(db, {
      input: {
        ...ruleInput(teamId, { size: { kind: "total", total: 2 }, reviewerIds }),
        schedule: "daily",
        scheduleTime: "06:00",
        timezone: "Europe/Madrid",
      },
      createdBy: null,
      now: new Date("2026-11-22T10:00:00Z"),
    });
    expect(rule.nextRunAt?.toISOString()).toBe("2026-11-23T05:00:00.000Z");
    expect((await dueRules(db, now)).map((due) => due.id)).toContain(rule.id);
    const outcome = await runScheduledRule(db, { ruleId: rule.id, now });
    expect(outcome?.conversationIds).toHaveLength(2);
    const [stored] = await db
      .select()
      .from(samples)
      .where(eq(samples.id, outcome?.sampleId ?? -1));
    expect(stored.periodKey).toBe("2026-11-23");
    expect(stored.seed).toBe("2026-W47/2026-11-23");
    const [after] = await db.select().from(samplingRules).where(eq(samplingRules.id, rule.id));
    expect(after.nextRunAt?.toISOString()).toBe("2026-11-24T05:00:00.000Z");
    // A restart that had not yet saved the next run draws the same period again: refused.
    await db
      .update(samplingRules)
      .set({ nextRunAt: new Date("2026-11-23T05:00:00Z") })
      .where(eq(samplingRules.id, rule.id));
    expect(await runScheduledRule(db, { ruleId: rule.id, now })).toBeNull();
    expect(await sampleConversationIds(db, outcome?.sampleId ?? -1)).toHaveLength(2);
    const assigned = await db
      .select()
      .from(reviewAssignments)
      .where(eq(reviewAssignments.sampleId, outcome?.sampleId ?? -1));
    expect(assigned).toHaveLength(2);
  });

  it("lets the in-process scheduler draw due rules once", async () => {
    const { db } = handle;
    const rule = await createRule(db, {
      input: { ...ruleInput(teamId, { size: { kind: "total", total: 1 } }), schedule: "weekly", scheduleTime: "08:00", timezone: "UTC" },
      createdBy: null,
      now: new Date("2026-11-22T10:00:00Z"),
    });
    const monday = new Date("2026-11-23T09:00:00Z");
    const drawn = await runDueDraws(db, monday);
    const [sample] = await db.select().from(samples).where(eq(samples.ruleId, rule.id));
    expect(drawn).toContain(sample.id);
    expect(sample.periodKey).toBe("2026-W48");
    expect(await runDueDraws(db, monday)).not.toContain(sample.id);
  });
});
