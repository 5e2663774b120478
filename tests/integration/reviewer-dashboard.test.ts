import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { type ReviewerDashboard, reviewerDashboard, reviewerWorksInScope, weekBuckets } from "../../db/queries/reviewer-dashboard";
import { createRule, drawSample } from "../../db/queries/sampling";
import { reviewAssignments, reviews } from "../../db/schema";
import type { AssignmentStatus } from "../../scoring/domain";
import { defaultDefinition } from "../../app/sampling/rule-form";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";
import { buildRequest, classify, runRoute, sessionCookie } from "../helpers/routes";
import * as reviewerRoute from "../../app/routes/dashboards.reviewers";
import * as csvRoute from "../../app/routes/dashboards.reviewers[.]csv";

const AS_OF = new Date("2026-11-22T12:00:00Z");
// 30 days, Saturday 24 October to Sunday 22 November; the previous period is 24 September to 23 October.
const PERIOD = { from: "2026-10-24", to: "2026-11-22" };
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("weekBuckets", () => {
  it("cuts the period into Monday weeks, the first and last clipped to it", () => {
    expect(weekBuckets(PERIOD)).toEqual([
      { week: "2026-10-19", from: "2026-10-24", to: "2026-10-25" },
      { week: "2026-10-26", from: "2026-10-26", to: "2026-11-01" },
      { week: "2026-11-02", from: "2026-11-02", to: "2026-11-08" },
      { week: "2026-11-09", from: "2026-11-09", to: "2026-11-15" },
      { week: "2026-11-16", from: "2026-11-16", to: "2026-11-22" },
    ]);
  });
});

describe.each(testDrivers)("reviewer dashboard on %s", (driver) => {
  let handle: DatabaseHandle;
  const ids = {} as {
    teamA: number;
    teamB: number;
    r1: string;
    r2: string;
    r3: string;
    idle: string;
    lead: string;
    sampleId: number;
  };
  const cookies = {} as Record<"r1" | "lead" | "admin" | "agent", string>;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    const teamA = await makeTeam(db, "Equipo A");
    const teamB = await makeTeam(db, "Equipo B");
    ids.teamA = teamA.id;
    ids.teamB = teamB.id;
    const r1 = await makeUser(db, "reviewer");
    const r2 = await makeUser(db, "reviewer");
    const r3 = await makeUser(db, "reviewer");
    const idle = await makeUser(db, "reviewer");
    const lead = await makeUser(db, "lead", { teamIds: [teamA.id] });
    const admin = await makeUser(db, "admin");
    const agentUser = await makeUser(db, "agent", { teamIds: [teamA.id] });
    Object.assign(ids, { r1: r1.id, r2: r2.id, r3: r3.id, idle: idle.id, lead: lead.id });
    cookies.r1 = await sessionCookie(db, r1.id);
    cookies.lead = await sessionCookie(db, lead.id);
    cookies.admin = await sessionCookie(db, admin.id);
    cookies.agent = await sessionCookie(db, agentUser.id);
    const agentA = await makeAgent(db, { teamId: teamA.id, userId: agentUser.id });
    const agentB = await makeAgent(db, { teamId: teamB.id });
    const customer = await makeCustomer(db);
    const conversation = async (team: "A" | "B") =>
      (
        await makeConversation(db, {
          teamId: team === "A" ? teamA.id : teamB.id,
          agentId: team === "A" ? agentA.id : agentB.id,
          customerId: customer.id,
        })
      ).id;

    // A sample of team A, so one group of r1's assignments has a sample to show progress against.
    const rule = await createRule(db, {
      input: {
        name: "Semanal A",
        teamId: teamA.id,
        schedule: "once",
        scheduleTime: "06:00",
        timezone: "UTC",
        definition: defaultDefinition("semilla"),
      },
      createdBy: admin.id,
    });
    const sampleConversation = await conversation("A");
    const drawn = await drawSample(db, { ruleId: rule.id, periodKey: "once", now: AS_OF });
    if (!drawn) throw new Error("fixture sample not drawn");
    ids.sampleId = drawn.sampleId;

    const assign = async (
      reviewerId: string,
      team: "A" | "B",
      status: AssignmentStatus,
      {
        created,
        due = null,
        completed = null,
        sample = false,
      }: { created: string; due?: string | null; completed?: string | null; sample?: boolean },
    ) =>
      db.insert(reviewAssignments).values({
        conversationId: sample ? sampleConversation : await conversation(team),
        reviewerId,
        status,
        createdAt: at(created),
        dueAt: due ? at(due) : null,
        completedAt: completed ? at(completed) : null,
        sampleId: sample ? ids.sampleId : null,
      });

    // r1's open work: two overdue (one per team), one due within 7 days, one later, one undated.
    await assign(r1.id, "A", "pending", { created: "2026-11-10T09:00:00Z", due: "2026-11-20T09:00:00Z" });
    await assign(r1.id, "B", "in_progress", { created: "2026-11-10T09:00:00Z", due: "2026-11-22T11:00:00Z" });
    await assign(r1.id, "A", "pending", { created: "2026-11-18T09:00:00Z", due: "2026-11-25T09:00:00Z", sample: true });
    await assign(r1.id, "A", "pending", { created: "2026-11-18T09:00:00Z", due: "2026-12-10T09:00:00Z" });
    await assign(r1.id, "A", "pending", { created: "2026-11-18T09:00:00Z" });
    await assign(r1.id, "A", "skipped", { created: "2026-11-18T09:00:00Z", due: "2026-11-19T09:00:00Z" });
    // Completed in the period after 10, 20, 30 and 40 hours: median 25 h, p90 37 h (linear interpolation).
    // Two had a due date: the first met it, the second missed it.
    await assign(r1.id, "A", "completed", {
      created: "2026-11-01T00:00:00Z",
      completed: "2026-11-01T10:00:00Z",
      due: "2026-11-05T00:00:00Z",
    });
    await assign(r1.id, "A", "completed", {
      created: "2026-11-02T00:00:00Z",
      completed: "2026-11-02T20:00:00Z",
      due: "2026-11-02T12:00:00Z",
    });
    await assign(r1.id, "B", "completed", { created: "2026-11-10T00:00:00Z", completed: "2026-11-11T06:00:00Z" });
    await assign(r1.id, "B", "completed", { created: "2026-11-15T00:00:00Z", completed: "2026-11-16T16:00:00Z" });
    // The previous period: one in 5 hours. Older than that: not counted anywhere.
    await assign(r1.id, "A", "completed", { created: "2026-10-01T00:00:00Z", completed: "2026-10-01T05:00:00Z" });
    await assign(r1.id, "A", "completed", { created: "2026-08-01T00:00:00Z", completed: "2026-08-02T00:00:00Z" });
    // r2 works on team B only.
    await assign(r2.id, "B", "pending", { created: "2026-11-20T00:00:00Z", due: "2026-11-21T00:00:00Z" });

    const { versionId } = await makePublishedScorecard(db);
    const review = async (
      reviewerId: string,
      team: "A" | "B",
      {
        score,
        submitted,
        status = "submitted",
        kind = "standard",
      }: { score: number | null; submitted: string | null; status?: "draft" | "submitted"; kind?: "standard" | "peer" },
    ) =>
      db.insert(reviews).values({
        conversationId: await conversation(team),
        reviewerId,
        scorecardVersionId: versionId,
        kind,
        status,
        score,
        createdAt: submitted ? new Date(at(submitted).getTime() - HOUR) : at("2026-11-19T08:00:00Z"),
        updatedAt: submitted ? at(submitted) : at("2026-11-19T08:00:00Z"),
        submittedAt: submitted ? at(submitted) : null,
      });
    // r1 grades high: six scored reviews (95, 92, 98 in team A; 96, 94, 97 in team B) and one with nothing scoreable.
    // Weeks: 19 Oct ×1, 26 Oct ×0, 2 Nov ×3, 9 Nov ×1, 16 Nov ×2.
    await review(r1.id, "A", { score: 95, submitted: "2026-10-25T10:00:00Z" });
    await review(r1.id, "A", { score: 92, submitted: "2026-11-02T10:00:00Z" });
    await review(r1.id, "A", { score: 98, submitted: "2026-11-03T10:00:00Z" });
    await review(r1.id, "B", { score: 96, submitted: "2026-11-08T23:30:00Z" });
    await review(r1.id, "B", { score: 94, submitted: "2026-11-09T00:30:00Z" });
    await review(r1.id, "B", { score: 97, submitted: "2026-11-16T10:00:00Z" });
    await review(r1.id, "A", { score: null, submitted: "2026-11-20T10:00:00Z" });
    await review(r1.id, "A", { score: 60, submitted: "2026-10-10T10:00:00Z" }); // previous period
    await review(r1.id, "A", { score: null, submitted: null, status: "draft" });
    await review(r1.id, "B", { score: null, submitted: null, status: "draft" });
    // r2 grades low, all in team B.
    for (const [index, score] of [70, 75, 72, 68, 74, 71].entries()) {
      await review(r2.id, "B", { score, submitted: `2026-11-1${index}T10:00:00Z` });
    }
    // r3: too few to judge. A peer review is no reviewer's work.
    await review(r3.id, "A", { score: 80, submitted: "2026-11-12T10:00:00Z" });
    await review(r3.id, "A", { score: 50, submitted: "2026-11-12T10:00:00Z", kind: "peer" });
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  const dashboardFor = (scope: Parameters<typeof reviewerDashboard>[1]["scope"], filters: { teamId?: number } = {}, focus?: string) =>
    reviewerDashboard(handle.db, { scope, filters: { ...PERIOD, ...filters }, asOf: AS_OF, focus });
  const rowOf = (dashboard: ReviewerDashboard, id: string) => {
    const row = dashboard.reviewers.find((reviewer) => reviewer.reviewerId === id);
    if (!row) throw new Error(`no row for ${id}`);
    return row;
  };

  it("counts a reviewer's open, overdue and due-soon assignments at the moment asked, and their drafts", async () => {
    const row = rowOf(await dashboardFor({ kind: "all" }), ids.r1);
    expect(row).toMatchObject({ open: 5, started: 1, overdue: 2, dueSoon: 1, drafts: 2, oldestDraftAt: "2026-11-19T08:00:00.000Z" });
  });

  it("measures throughput in the period and the one before: completed, on time, median and p90 time to submit", async () => {
    const row = rowOf(await dashboardFor({ kind: "all" }), ids.r1);
    expect(row.current).toMatchObject({ completed: 4, completedWithDue: 2, completedOnTime: 1, onTimePct: 50, submitted: 7, scored: 6 });
    expect(row.current.medianMs).toBeCloseTo(25 * HOUR, 3);
    expect(row.current.p90Ms).toBeCloseTo(37 * HOUR, 3);
    expect(row.current.meanScore).toBeCloseTo(95.333333, 5);
    expect(row.previous).toMatchObject({ completed: 1, submitted: 1, scored: 1, meanScore: 60 });
    expect(row.previous.medianMs).toBeCloseTo(5 * HOUR, 3);
  });

  it("counts reviews submitted per ISO week, the total across reviewers too", async () => {
    const dashboard = await dashboardFor({ kind: "all" });
    expect(dashboard.weeks.map((week) => week.byReviewer[ids.r1] ?? 0)).toEqual([1, 0, 3, 1, 2]);
    // r2 submitted on 10–15 November (the week of 9 November), r3 on the 12th; the peer review does not count.
    expect(dashboard.weeks.map((week) => week.total)).toEqual([1, 0, 3, 1 + 6 + 1, 2]);
  });

  it("tells a lenient grader and a harsh one from the rest, and withholds judgement on a handful", async () => {
    const dashboard = await dashboardFor({ kind: "all" });
    const r1 = rowOf(dashboard, ids.r1).grading;
    expect(r1.verdict).toBe("lenient");
    expect(r1.n).toBe(6);
    expect(r1.othersN).toBe(7);
    expect(r1.othersMean).toBeCloseTo((70 + 75 + 72 + 68 + 74 + 71 + 80) / 7, 9);
    expect(r1.low).toBeGreaterThan(0);
    expect(rowOf(dashboard, ids.r2).grading.verdict).toBe("harsh");
    expect(rowOf(dashboard, ids.r3).grading).toMatchObject({ verdict: "too_few", n: 1, mean: 80, difference: null });
  });

  it("lists reviewers overdue first, idle reviewers with zeros, and totals of everyone", async () => {
    const dashboard = await dashboardFor({ kind: "all" });
    expect(dashboard.reviewers.map((row) => row.reviewerId).slice(0, 2)).toEqual([ids.r1, ids.r2]);
    expect(rowOf(dashboard, ids.idle)).toMatchObject({
      open: 0,
      overdue: 0,
      current: { completed: 0, submitted: 0, medianMs: null, meanScore: null },
    });
    expect(dashboard.totals).toMatchObject({ open: 6, overdue: 3, dueSoon: 1, drafts: 2, current: { completed: 4, submitted: 14 } });
  });

  it("shows a lead only the work on their teams' conversations, and only the reviewers doing it", async () => {
    const dashboard = await dashboardFor({ kind: "teams", teamIds: [ids.teamA] });
    expect(dashboard.reviewers.map((row) => row.reviewerId).sort()).toEqual([ids.r1, ids.r3].sort());
    const r1 = rowOf(dashboard, ids.r1);
    expect(r1).toMatchObject({ open: 4, overdue: 1, dueSoon: 1, drafts: 1, current: { completed: 2, submitted: 4, scored: 3 } });
    expect(r1.current.medianMs).toBeCloseTo(15 * HOUR, 3);
    await expect(reviewerWorksInScope(handle.db, { scope: { kind: "teams", teamIds: [ids.teamA] }, reviewerId: ids.r2 })).resolves.toBe(
      false,
    );
    await expect(reviewerWorksInScope(handle.db, { scope: { kind: "teams", teamIds: [ids.teamA] }, reviewerId: ids.r1 })).resolves.toBe(
      true,
    );
  });

  it("filters by team without listing idle reviewers", async () => {
    const dashboard = await dashboardFor({ kind: "all" }, { teamId: ids.teamB });
    expect(dashboard.reviewers.map((row) => row.reviewerId).sort()).toEqual([ids.r1, ids.r2].sort());
    expect(rowOf(dashboard, ids.r1)).toMatchObject({ open: 1, overdue: 1, current: { completed: 2 } });
  });

  it("shows the focused reviewer's sample progress, hand-made assignments apart (open or done in the period)", async () => {
    const dashboard = await dashboardFor({ kind: "all" }, {}, ids.r1);
    const sample = dashboard.samples.find((row) => row.sampleId === ids.sampleId);
    expect(sample).toMatchObject({
      ruleName: "Semanal A",
      assigned: 1,
      completed: 0,
      open: 1,
      overdue: 0,
      dueAt: "2026-11-25T09:00:00.000Z",
    });
    const byHand = dashboard.samples.find((row) => row.sampleId === null);
    expect(byHand).toMatchObject({ assigned: 8, completed: 4, skipped: 0, open: 4, overdue: 2 });
  });

  it("serves the reviewer their own view, a lead only reviewers of their teams, and a CSV sorted overdue first", async () => {
    const own = await runRoute(reviewerRoute, buildRequest(`/dashboards/reviewers?reviewer=${ids.r2}`, { cookie: cookies.r1 }));
    expect(classify(own)).toBe("ok");
    expect((own.data as { focus: { reviewerId: string } | null }).focus?.reviewerId).toBe(ids.r1);
    const forbidden = await runRoute(reviewerRoute, buildRequest(`/dashboards/reviewers?reviewer=${ids.r2}`, { cookie: cookies.lead }));
    expect(classify(forbidden)).toBe("notFound");
    const allowed = await runRoute(reviewerRoute, buildRequest(`/dashboards/reviewers?reviewer=${ids.r1}`, { cookie: cookies.lead }));
    expect(classify(allowed)).toBe("ok");
    const agent = await runRoute(reviewerRoute, buildRequest("/dashboards/reviewers", { cookie: cookies.agent }));
    expect(classify(agent)).toBe("forbidden");

    const csv = await runRoute(
      csvRoute,
      buildRequest("/dashboards/reviewers.csv?period=custom&from=2026-10-24&to=2026-11-22", { cookie: cookies.admin }),
    );
    const text = (await csv.response?.text())?.replace(/^\uFEFF/, "") ?? "";
    const lines = text.trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 4)).toEqual(["Reviewer", "Role", "Open", "Overdue"]);
    expect(lines[1].split(",")[3]).toBe("2");
  });
});
