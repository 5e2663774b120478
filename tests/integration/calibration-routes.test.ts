import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sessionPage from "../../app/routes/calibration.$id";
import * as sessionList from "../../app/routes/calibration._index";
import * as reviewPage from "../../app/routes/conversations.$id_.review";
import * as queuePage from "../../app/routes/queue";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { findReviewFor } from "../../db/queries/reviews";
import type { Role } from "../../db/schema/enums";
import type { CalibrationResults } from "../../scoring/agreement";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { WORKED_EXAMPLE_CONTENT, makeAgent, makeConversation, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";
import { type RouteModule, buildRequest, runRoute, sessionCookie } from "../helpers/routes";

function payload<T = Record<string, unknown>>(result: { data: unknown }): T {
  const value = result.data as { type?: string; data?: unknown };
  return (value?.type === "DataWithResponseInit" ? value.data : value) as T;
}

describe.each(testDrivers)("calibration pages on %s", (driver) => {
  let handle: DatabaseHandle;
  const users = {} as Record<"admin" | "lead" | "first" | "second", { id: string; role: Role }>;
  let teamId: number;
  let versionId: number;
  let conversationIds: number[];
  let sessionId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    teamId = (await makeTeam(db, "Soporte")).id;
    users.admin = await makeUser(db, "admin");
    users.lead = await makeUser(db, "lead", { teamIds: [teamId] });
    users.first = await makeUser(db, "reviewer");
    users.second = await makeUser(db, "reviewer");
    const agent = await makeAgent(db, { teamId });
    conversationIds = [];
    for (let index = 0; index < 5; index++) {
      const conversation = await makeConversation(db, {
        agentId: agent.id,
        teamId,
        messages: [
          { role: "customer", body: "No me llega el pedido" },
          { role: "agent", body: "Lo miro ahora mismo" },
        ],
      });
      conversationIds.push(conversation.id);
    }
    versionId = (await makePublishedScorecard(db, { name: "Soporte" })).versionId;
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  async function call(
    module: RouteModule,
    who: keyof typeof users,
    path: string,
    params: Record<string, string> = {},
    form?: Record<string, string | string[]>,
  ) {
    const request = buildRequest(path, { method: form ? "POST" : "GET", cookie: await sessionCookie(handle.db, users[who].id), form });
    return runRoute(module, request, params);
  }
  const review = (who: keyof typeof users, conversationId: number, form?: Record<string, string>) =>
    call(reviewPage, who, `/conversations/${conversationId}/review?calibration=${sessionId}`, { id: String(conversationId) }, form);
  const session = (who: keyof typeof users) => call(sessionPage, who, `/calibration/${sessionId}`, { id: String(sessionId) });
  const content = (ratings: Record<string, number | "na">) =>
    JSON.stringify({ ...WORKED_EXAMPLE_CONTENT, ratings: { ...WORKED_EXAMPLE_CONTENT.ratings, ...ratings } });

  it("lets a lead create a session from pasted ids and random picks, and names what it cannot use", async () => {
    const form = {
      intent: "create",
      name: "Noviembre",
      scorecardVersionId: String(versionId),
      teamId: String(teamId),
      "reviewerIds[]": [users.first.id, users.second.id],
      referenceReviewerId: "",
      conversationIds: `${conversationIds[0]}, /conversations/${conversationIds[1]}/review`,
      randomCount: "1",
      blind: "on",
    };
    const unreadable = payload<{ problem: { key: string } }>(
      await call(sessionList, "lead", "/calibration", {}, { ...form, conversationIds: "abc" }),
    );
    expect(unreadable.problem.key).toBe("calibration.errors.unreadable");
    const tooFew = payload<{ problem: { key: string } }>(
      await call(sessionList, "lead", "/calibration", {}, { ...form, "reviewerIds[]": [users.first.id] }),
    );
    expect(tooFew.problem.key).toBe("calibration.errors.too_few_reviewers");

    const created = await call(sessionList, "lead", "/calibration", {}, form);
    const location = created.response?.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/calibration\/\d+$/);
    sessionId = Number(location.split("/").at(-1));
    const page = payload<{ session: { conversations: { id: number }[]; reviewers: { id: string }[] } }>(await session("lead"));
    const ids = page.session.conversations.map((conversation) => conversation.id);
    expect(ids.slice(0, 2)).toEqual([conversationIds[0], conversationIds[1]]);
    expect(ids).toHaveLength(3);
    expect(page.session.reviewers).toHaveLength(2);
  });

  it("shows the item on the review page with the session's version, and lists it in the reviewer's queue", async () => {
    const data = payload<{
      calibration: { sessionId: number; locked: boolean };
      version: { id: number };
      scorecardOptions: unknown[];
      nextConversationId: number;
    }>(await review("first", conversationIds[0]));
    expect(data.calibration).toMatchObject({ sessionId, locked: false });
    expect(data.version.id).toBe(versionId);
    expect(data.scorecardOptions).toEqual([]);
    expect(data.nextConversationId).toBe(conversationIds[1]);
    const queue = payload<{ calibrations: { id: number; mySubmitted: number; conversationCount: number }[] }>(
      await call(queuePage, "first", "/queue"),
    );
    expect(queue.calibrations).toEqual([expect.objectContaining({ id: sessionId, mySubmitted: 0, conversationCount: 3 })]);
    // The scorecard cannot be swapped in a session.
    expect(payload(await review("first", conversationIds[0], { intent: "scorecard", versionId: String(versionId) }))).toMatchObject({
      ok: false,
      reason: "calibration",
    });
  });

  it("saves and submits calibration ratings through the review page, final once submitted, never as a quality review", async () => {
    expect(payload(await review("first", conversationIds[0], { intent: "save", content: content({ greeting: 1 }) }))).toMatchObject({
      ok: true,
    });
    expect(payload(await review("first", conversationIds[0], { intent: "submit", content: content({ greeting: 1 }) }))).toMatchObject({
      ok: true,
    });
    expect(payload(await review("first", conversationIds[0], { intent: "submit", content: content({ greeting: 3 }) }))).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect(payload<{ calibration: { locked: boolean } }>(await review("first", conversationIds[0])).calibration.locked).toBe(true);
    expect(await findReviewFor(handle.db, { conversationId: conversationIds[0], reviewerId: users.first.id })).toBeNull();
    expect(
      await findReviewFor(handle.db, { conversationId: conversationIds[0], reviewerId: users.first.id, calibrationSessionId: sessionId }),
    ).toMatchObject({ status: "submitted", content: { ratings: { greeting: 1 } } });
  });

  it("keeps participants blind until they submitted every conversation, while the lead who runs it watches", async () => {
    expect(payload<{ resultsVisible: boolean; results: null }>(await session("first"))).toMatchObject({
      resultsVisible: false,
      results: null,
    });
    const ids = payload<{ session: { conversations: { id: number }[] } }>(await session("lead")).session.conversations.map((c) => c.id);
    const greetings = [3, 2, 1];
    for (const [index, id] of ids.entries()) {
      if (index > 0) await review("first", id, { intent: "submit", content: content({ greeting: greetings[index] }) });
      await review("second", id, { intent: "submit", content: content({ greeting: index === 0 ? 2 : greetings[index] }) });
    }
    const first = payload<{ resultsVisible: boolean; results: CalibrationResults; mySubmitted: number }>(await session("first"));
    expect(first.mySubmitted).toBe(3);
    expect(first.resultsVisible).toBe(true);
    expect(first.results.reviewsSubmitted).toBe(6);
    expect(first.results.overall.result.alpha).not.toBeNull();
    const greeting = first.results.criteria.find((criterion) => criterion.criterionId === "greeting");
    // Greeting 1 vs 2 on the first conversation, then equal: not perfect; every other criterion agrees perfectly.
    expect(greeting?.percent.agreement).toBeCloseTo(2 / 3, 10);
    expect(first.results.criteria[0].criterionId).toBe("greeting");
    const lead = payload<{ resultsVisible: boolean }>(await session("lead"));
    expect(lead.resultsVisible).toBe(true);
  });

  it("closes the session for the lead who runs it, after which no rating is taken", async () => {
    const other = payload<{ session: { conversations: { id: number }[] } }>(await session("lead")).session.conversations[2].id;
    const closed = await call(sessionPage, "lead", `/calibration/${sessionId}`, { id: String(sessionId) }, { intent: "close" });
    expect(closed.response?.status).toBe(302);
    expect(payload<{ session: { status: string } }>(await session("first")).session.status).toBe("closed");
    // A participant who submitted can still look; the form is locked.
    expect(payload<{ calibration: { locked: boolean } }>(await review("second", other)).calibration.locked).toBe(true);
    expect(payload(await review("second", other, { intent: "save", content: content({ greeting: 1 }) }))).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect(payload<{ calibrations: unknown[] }>(await call(queuePage, "first", "/queue")).calibrations).toEqual([]);
  });
});
