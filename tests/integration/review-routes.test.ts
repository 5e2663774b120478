import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewPage from "../../app/routes/conversations.$id_.review";
import * as queuePage from "../../app/routes/queue";
import * as reviewDetail from "../../app/routes/reviews.$id";
import * as reviewList from "../../app/routes/reviews._index";
import * as reviewExport from "../../app/routes/reviews.export[.]csv";
import * as scorecardPage from "../../app/routes/scorecards.$id";
import * as scorecardList from "../../app/routes/scorecards._index";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { assignConversation, findReviewFor, getReviewSettings, putReviewSettings } from "../../db/queries/reviews";
import { getScorecard } from "../../db/queries/scorecards";
import { messages, reviewAssignments } from "../../db/schema";
import type { Role } from "../../db/schema/enums";
import { createTestDatabase, testDrivers } from "../helpers/db";
import {
  WORKED_EXAMPLE_CONTENT,
  makeAgent,
  makeConversation,
  makeCustomer,
  makePublishedScorecard,
  makeTeam,
  makeUser,
  supportScorecardDefinition,
} from "../helpers/factories";
import { type RouteModule, buildRequest, classify, runRoute, sessionCookie } from "../helpers/routes";

/** What a loader or action returned, unwrapped from `data(…, { status })` when used. */
function payload<T = Record<string, unknown>>(result: { data: unknown }): T {
  const value = result.data as { type?: string; data?: unknown };
  return (value?.type === "DataWithResponseInit" ? value.data : value) as T;
}

function statusOf(result: { response: Response | null; data: unknown }): number {
  if (result.response) return result.response.status;
  const value = result.data as { type?: string; init?: { status?: number } };
  return value?.type === "DataWithResponseInit" ? (value.init?.status ?? 200) : 200;
}

describe.each(testDrivers)("review routes on %s", (driver) => {
  let handle: DatabaseHandle;
  const users = {} as Record<
    "admin" | "reviewer" | "reviewerAgent" | "lead" | "executive" | "agent" | "teammate",
    { id: string; role: Role }
  >;
  let conversationId: number;
  let ownConversationOfReviewer: number;
  let agentConversation: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    const team = await makeTeam(db, "Soporte");
    const otherTeam = await makeTeam(db, "Otro");
    users.admin = await makeUser(db, "admin");
    users.reviewer = await makeUser(db, "reviewer");
    users.reviewerAgent = await makeUser(db, "reviewer");
    users.lead = await makeUser(db, "lead", { teamIds: [team.id] });
    users.executive = await makeUser(db, "executive");
    users.agent = await makeUser(db, "agent", { teamIds: [team.id] });
    users.teammate = await makeUser(db, "agent", { teamIds: [team.id] });
    const agent = await makeAgent(db, { teamId: team.id, userId: users.agent.id, name: "Javier Ortega" });
    await makeAgent(db, { teamId: team.id, userId: users.teammate.id });
    // A reviewer who also answers conversations must never grade their own.
    const reviewerAsAgent = await makeAgent(db, { teamId: otherTeam.id, userId: users.reviewerAgent.id });
    const customer = await makeCustomer(db);
    const transcript = [
      { role: "customer" as const, body: "Me cobraron dos veces el pedido" },
      { role: "agent" as const, body: "Hola Marta, lo siento. Ya está el reembolso en marcha." },
    ];
    conversationId = (
      await makeConversation(db, { agentId: agent.id, teamId: team.id, customerId: customer.id, channel: "chat", messages: transcript })
    ).id;
    agentConversation = (await makeConversation(db, { agentId: agent.id, teamId: team.id, customerId: customer.id, messages: transcript }))
      .id;
    ownConversationOfReviewer = (
      await makeConversation(db, { agentId: reviewerAsAgent.id, teamId: otherTeam.id, customerId: customer.id, messages: transcript })
    ).id;
    await makePublishedScorecard(db, { name: "Soporte" });
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  async function call(
    module: RouteModule,
    who: keyof typeof users,
    path: string,
    { params = {}, form }: { params?: Record<string, string>; form?: Record<string, string | string[]> } = {},
  ) {
    const request = buildRequest(path, { method: form ? "POST" : "GET", cookie: await sessionCookie(handle.db, users[who].id), form });
    return runRoute(module, request, params);
  }
  const onReview = (who: keyof typeof users, id: number, form?: Record<string, string>) =>
    call(reviewPage, who, `/conversations/${id}/review`, { params: { id: String(id) }, form });
  const content = (value: unknown) => JSON.stringify(value);

  it("opens the review page on the scorecard that applies, with reply times against the channel target", async () => {
    const result = await onReview("reviewer", conversationId);
    const data = payload<{ version: { name: string }; replyTimings: Record<string, { targetMs: number }>; review: null; kind: string }>(
      result,
    );
    expect(data.version.name).toBe("Soporte");
    expect(data.review).toBeNull();
    expect(data.kind).toBe("standard");
    // Live chat: 30 s (seed 003, rule 4).
    expect(Object.values(data.replyTimings).map((timing) => timing.targetMs)).toEqual([30_000]);
  });

  it("autosaves, refuses ratings outside the scale, and submits with the documented score", async () => {
    const saved = await onReview("reviewer", conversationId, {
      intent: "save",
      content: content({ ...WORKED_EXAMPLE_CONTENT, rootCauses: {}, ratings: { greeting: 2 } }),
    });
    expect(payload(saved)).toMatchObject({ ok: true, intent: "save" });
    const reloaded = payload<{ review: { content: { ratings: Record<string, number> } } }>(await onReview("reviewer", conversationId));
    expect(reloaded.review.content.ratings).toEqual({ greeting: 2 });

    const invalid = await onReview("reviewer", conversationId, {
      intent: "save",
      content: content({ ...WORKED_EXAMPLE_CONTENT, ratings: { greeting: 9 } }),
    });
    expect(statusOf(invalid)).toBe(400);
    const garbage = await onReview("reviewer", conversationId, { intent: "save", content: "{not json" });
    expect(statusOf(garbage)).toBe(400);

    const incomplete = await onReview("reviewer", conversationId, {
      intent: "submit",
      content: content({ ...WORKED_EXAMPLE_CONTENT, rootCauses: {} }),
    });
    expect(payload(incomplete)).toMatchObject({ ok: false, reason: "incomplete" });

    const submitted = payload<{ ok: boolean; score: number }>(
      await onReview("reviewer", conversationId, { intent: "submit", content: content(WORKED_EXAMPLE_CONTENT) }),
    );
    expect(submitted.ok).toBe(true);
    expect(submitted.score).toBeCloseTo(97.2222, 4);
    // An autosave racing the submit does not turn it back into a draft.
    expect(payload(await onReview("reviewer", conversationId, { intent: "save", content: content(WORKED_EXAMPLE_CONTENT) }))).toMatchObject(
      { ok: false, reason: "submitted" },
    );
  });

  it("highlights a span of a message of this conversation, with a note, and removes it", async () => {
    const [, agentMessage] = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(messages.ordinal);
    const added = payload<{ ok: boolean; highlightId: number }>(
      await onReview("reviewer", conversationId, {
        intent: "highlight",
        messageId: String(agentMessage.id),
        kind: "exemplary",
        spanStart: "0",
        spanEnd: "10",
      }),
    );
    expect(added.ok).toBe(true);
    await onReview("reviewer", conversationId, {
      intent: "highlightNote",
      highlightId: String(added.highlightId),
      note: "Saluda por el nombre",
    });
    const page = payload<{ highlights: { quote: string; note: string }[] }>(await onReview("reviewer", conversationId));
    expect(page.highlights.map((highlight) => [highlight.quote, highlight.note])).toEqual([["Hola Marta", "Saluda por el nombre"]]);
    const [foreign] = await handle.db.select().from(messages).where(eq(messages.conversationId, agentConversation));
    expect(
      statusOf(await onReview("reviewer", conversationId, { intent: "highlight", messageId: String(foreign.id), kind: "needs_work" })),
    ).toBe(400);
    await onReview("reviewer", conversationId, { intent: "unhighlight", highlightId: String(added.highlightId) });
    expect(payload<{ highlights: unknown[] }>(await onReview("reviewer", conversationId)).highlights).toEqual([]);
  });

  it("never lets a reviewer grade their own conversation, nor an executive grade at all", async () => {
    expect(classify(await onReview("reviewerAgent", ownConversationOfReviewer))).toBe("forbidden");
    expect(
      classify(await onReview("reviewerAgent", ownConversationOfReviewer, { intent: "save", content: content(WORKED_EXAMPLE_CONTENT) })),
    ).toBe("forbidden");
    expect(classify(await onReview("executive", conversationId))).toBe("forbidden");
  });

  it("allows self-review and peer review only once an admin turns them on", async () => {
    expect(classify(await onReview("agent", agentConversation))).toBe("forbidden");
    expect(classify(await onReview("teammate", agentConversation))).toBe("notFound");
    await putReviewSettings(handle.db, { hideReviewerFromAgents: false, selfReview: true, peerReview: true });
    expect(payload(await onReview("agent", agentConversation))).toMatchObject({ kind: "self" });
    expect(payload(await onReview("teammate", agentConversation))).toMatchObject({ kind: "peer" });
    await onReview("teammate", agentConversation, {
      intent: "save",
      content: content({ ...WORKED_EXAMPLE_CONTENT, ratings: { greeting: 3 } }),
    });
    expect(await findReviewFor(handle.db, { conversationId: agentConversation, reviewerId: users.teammate.id })).toMatchObject({
      kind: "peer",
    });
    await putReviewSettings(handle.db, { hideReviewerFromAgents: false, selfReview: false, peerReview: false });
  });

  it("discards a draft and re-pins an untouched draft to another scorecard", async () => {
    const other = await makePublishedScorecard(handle.db, { name: "Otra" });
    const picked = await onReview("lead", agentConversation, { intent: "scorecard", versionId: String(other.versionId) });
    expect(payload(picked)).toMatchObject({ ok: true });
    expect(payload<{ version: { name: string } }>(await onReview("lead", agentConversation)).version.name).toBe("Otra");
    await onReview("lead", agentConversation, {
      intent: "save",
      content: content({ ...WORKED_EXAMPLE_CONTENT, ratings: { greeting: 3 } }),
    });
    expect(payload(await onReview("lead", agentConversation, { intent: "scorecard", versionId: String(other.versionId) }))).toMatchObject({
      ok: false,
      reason: "already_rated",
    });
    expect(payload(await onReview("lead", agentConversation, { intent: "discard" }))).toMatchObject({ ok: true });
    expect(await findReviewFor(handle.db, { conversationId: agentConversation, reviewerId: users.lead.id })).toBeNull();
  });

  it("shows the agent their submitted review, hiding the reviewer's name when the admin chose to", async () => {
    const list = async () =>
      payload<{ reviews: { reviewerName: string | null; agentName: string }[] }>(await call(reviewList, "agent", "/reviews")).reviews;
    expect((await list()).map((review) => [review.agentName, review.reviewerName])).toEqual([["Javier Ortega", "reviewer user"]]);
    await putReviewSettings(handle.db, { ...(await getReviewSettings(handle.db)), hideReviewerFromAgents: true });
    expect((await list()).map((review) => review.reviewerName)).toEqual([null]);
    const [{ id }] = payload<{ reviews: { id: number }[] }>(await call(reviewList, "admin", "/reviews")).reviews;
    const detail = payload<{ review: { reviewerName: string | null; score: number }; audit: unknown; canEdit: boolean }>(
      await call(reviewDetail, "agent", `/reviews/${id}`, { params: { id: String(id) } }),
    );
    expect(detail.review.reviewerName).toBeNull();
    expect(detail.review.score).toBeCloseTo(97.2222, 4);
    expect(detail.audit).toBeNull();
    expect(detail.canEdit).toBe(false);
    const forAuthor = payload<{ audit: { action: string }[]; canEdit: boolean }>(
      await call(reviewDetail, "reviewer", `/reviews/${id}`, { params: { id: String(id) } }),
    );
    expect(forAuthor.canEdit).toBe(true);
    // Highlights added, annotated and removed after submitting are edits of what the agent sees.
    expect(forAuthor.audit.map((entry) => entry.action)).toEqual(["submitted", "edited", "edited", "edited"]);
    const csv = await (await call(reviewExport, "agent", "/reviews/export.csv")).response?.text();
    expect(csv?.split("\r\n")[1]).toContain("Javier Ortega");
    expect(csv).not.toContain("reviewer user");
    await putReviewSettings(handle.db, { ...(await getReviewSettings(handle.db)), hideReviewerFromAgents: false });
  });

  it("exports the filtered list as CSV in the viewer's scope", async () => {
    const csv = (who: keyof typeof users, query = "") =>
      call(reviewExport, who, `/reviews/export.csv${query}`).then((result) => result.response?.text() ?? "");
    const bytes = new Uint8Array(
      await ((await call(reviewExport, "admin", "/reviews/export.csv")).response?.arrayBuffer() ?? new ArrayBuffer(0)),
    );
    // A UTF-8 byte order mark, so spreadsheets read the accents right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await csv("admin")).trim().split("\r\n");
    expect(lines[0]).toBe(
      "review_id,submitted_at,conversation_id,subject,channel,team,agent,reviewer,kind,scorecard,scorecard_version,score,auto_failed,highlights",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",chat,Soporte,Javier Ortega,reviewer user,standard,Soporte,1,97.2222");
    expect((await csv("admin", "?max=50")).trim().split("\r\n")).toHaveLength(1);
    expect((await csv("admin", "?channel=email")).trim().split("\r\n")).toHaveLength(1);
    expect((await csv("teammate")).trim().split("\r\n")).toHaveLength(1);
  });

  it("gives agents a queue only once self or peer review is on", async () => {
    expect(classify(await call(queuePage, "agent", "/queue"))).toBe("forbidden");
    await putReviewSettings(handle.db, { hideReviewerFromAgents: false, selfReview: false, peerReview: true });
    expect(classify(await call(queuePage, "agent", "/queue"))).toBe("ok");
    await putReviewSettings(handle.db, { hideReviewerFromAgents: false, selfReview: false, peerReview: false });
    expect(classify(await call(queuePage, "executive", "/queue"))).toBe("forbidden");
  });

  it("lists the queue and skips an assignment of one's own", async () => {
    const assignment = await assignConversation(handle.db, {
      conversationId: agentConversation,
      reviewerId: users.reviewer.id,
      dueAt: new Date("2026-12-01T00:00:00Z"),
    });
    const queue = payload<{ open: { conversationId: number }[]; progress: { completed: number; total: number } }>(
      await call(queuePage, "reviewer", "/queue"),
    );
    expect(queue.open.map((row) => row.conversationId)).toEqual([agentConversation]);
    expect(
      await call(queuePage, "reviewer", "/queue", { form: { intent: "skip", assignmentId: String(assignment?.id) } }).then(payload),
    ).toMatchObject({ ok: true });
    const [row] = await handle.db.select().from(reviewAssignments).where(eq(reviewAssignments.conversationId, agentConversation));
    expect(row.status).toBe("skipped");
  });
});

describe.each(testDrivers)("scorecard builder routes on %s", (driver) => {
  let handle: DatabaseHandle;
  let leadId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    leadId = (await makeUser(handle.db, "lead")).id;
  });
  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  const post = async (module: RouteModule, path: string, form: Record<string, string | string[]>, params: Record<string, string> = {}) =>
    runRoute(module, buildRequest(path, { method: "POST", cookie: await sessionCookie(handle.db, leadId), form }), params);

  it("creates a scorecard with a valid starter draft, saves edits, reports problems and publishes versions", async () => {
    const created = await post(scorecardList, "/scorecards", { intent: "create", name: "Chat ES", language: "es" });
    const location = created.response?.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/scorecards\/\d+$/);
    const id = location.split("/").pop() ?? "";
    const onBuilder = (form: Record<string, string | string[]>) => post(scorecardPage, `/scorecards/${id}`, form, { id });

    const starter = payload<{ working: { categories: { title: string }[] } }>(
      await runRoute(scorecardPage, buildRequest(`/scorecards/${id}`, { cookie: await sessionCookie(handle.db, leadId) }), { id }),
    );
    expect(starter.working.categories[0].title).toBe("General");

    const broken = { ...(supportScorecardDefinition() as object), bonusCap: 50 };
    const saved = payload<{ ok: boolean; issues: { path: string }[] }>(
      await onBuilder({ intent: "save", name: "Chat ES", definition: JSON.stringify(broken) }),
    );
    expect(saved.ok).toBe(true);
    expect(saved.issues.map((issue) => issue.path)).toEqual(["bonusCap"]);
    const refused = await onBuilder({ intent: "publish", name: "Chat ES", definition: JSON.stringify(broken) });
    expect(statusOf(refused)).toBe(400);
    expect(payload<{ issues: { path: string }[] }>(refused).issues.map((issue) => issue.path)).toEqual(["bonusCap"]);

    const first = payload(
      await onBuilder({ intent: "publish", name: "Chat ES", definition: JSON.stringify(supportScorecardDefinition()) }),
    );
    expect(first).toMatchObject({ ok: true, version: 1 });
    const second = payload(
      await onBuilder({ intent: "publish", name: "Chat ES (v2)", definition: JSON.stringify(supportScorecardDefinition()) }),
    );
    expect(second).toMatchObject({ ok: true, version: 2 });
    await onBuilder({ intent: "save", name: "Chat ES", definition: JSON.stringify(broken) });
    await onBuilder({ intent: "discard" });
    const found = await getScorecard(handle.db, Number(id));
    expect(found?.scorecard.draft).toBeNull();
    expect(found?.versions.map((version) => version.version)).toEqual([2, 1]);

    await onBuilder({ intent: "applicability", "channels[]": ["chat", "whatsapp"], "languages[]": ["es"], active: "on" });
    expect((await getScorecard(handle.db, Number(id)))?.scorecard).toMatchObject({
      channels: ["chat", "whatsapp"],
      languages: ["es"],
      teamIds: [],
      active: true,
    });
    expect(statusOf(await onBuilder({ intent: "applicability", "teamIds[]": ["99999"] }))).toBe(400);
  });

  it("lets only admins change the review settings", async () => {
    const result = await post(scorecardList, "/scorecards", { intent: "settings", hideReviewerFromAgents: "on" });
    expect(classify(result)).toBe("forbidden");
    expect((await getReviewSettings(handle.db)).hideReviewerFromAgents).toBe(false);
  });
});
