import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { closeCalibrationSession, createCalibrationSession } from "../../db/queries/calibration";
import { startReview, submitReview } from "../../db/queries/reviews";
import { createRule, drawSample, previewDraw } from "../../db/queries/sampling";
import { samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { WORKED_EXAMPLE_CONTENT, makeAgent, makeConversation, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";

/** Issue 5: conversations in calibration are never drawn, and calibration scores are not past quality scores. */
describe.each(testDrivers)("sampling leaves calibration alone on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  let agentId: number;
  let conversationIds: number[];
  let calibrated: number[];
  let closedCalibrated: number[];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamId = (await makeTeam(db, "Sampling and calibration")).id;
    agentId = (await makeAgent(db, { teamId })).id;
    conversationIds = [];
    for (let index = 0; index < 12; index++) {
      conversationIds.push((await makeConversation(db, { agentId, teamId, messages: [{ role: "agent", body: "Hola" }] })).id);
    }
    const lead = await makeUser(db, "lead", { teamIds: [teamId] });
    const reviewers = [await makeUser(db, "reviewer"), await makeUser(db, "reviewer")];
    const { versionId } = await makePublishedScorecard(db);
    const session = async (ids: number[]) => {
      const created = await createCalibrationSession(db, {
        name: "Calibración",
        scorecardVersionId: versionId,
        teamId,
        referenceReviewerId: null,
        dueAt: null,
        blind: true,
        conversationIds: ids,
        reviewerIds: reviewers.map((reviewer) => reviewer.id),
        createdBy: lead.id,
      });
      if (!created.ok) throw new Error(created.reason);
      return created.id;
    };
    // An open session whose conversations nobody has rated yet, so only the calibration exclusion keeps them out.
    calibrated = conversationIds.slice(0, 3);
    await session(calibrated);
    // A closed session whose reviews scored the agent 97.2 twice: not past quality scores.
    closedCalibrated = conversationIds.slice(3, 5);
    const closedId = await session(closedCalibrated);
    for (const conversationId of closedCalibrated) {
      for (const reviewer of reviewers) {
        const review = await startReview(db, {
          conversationId,
          reviewerId: reviewer.id,
          agentId,
          scorecardVersionId: versionId,
          kind: "standard",
          calibrationSessionId: closedId,
        });
        await submitReview(db, { reviewId: review.id, actorId: reviewer.id, content: WORKED_EXAMPLE_CONTENT });
      }
    }
    await closeCalibrationSession(db, { id: closedId, viewer: { userId: lead.id, manageAll: true, teamIds: [] } });
  });

  afterAll(async () => {
    await handle.close();
  });

  const definition = samplingRuleDefinitionSchema.parse({
    filters: {},
    size: { kind: "total", total: 50 },
    allocation: "proportional",
    seed: "calibration-exclusion",
  });

  it("never draws a conversation that is or was in a calibration session", async () => {
    const { db } = handle;
    const rule = await createRule(db, {
      input: { name: "Todo", teamId, schedule: "once", scheduleTime: "06:00", timezone: "UTC", definition },
      createdBy: null,
    });
    const drawn = await drawSample(db, { ruleId: rule.id, periodKey: "once" });
    expect(drawn?.conversationIds.sort()).toEqual(conversationIds.slice(5).sort());
    for (const id of [...calibrated, ...closedCalibrated]) expect(drawn?.conversationIds).not.toContain(id);
  });

  it("does not count calibration scores as the agent's past scores in the margins of error", async () => {
    const preview = await previewDraw(handle.db, { definition, teamId });
    expect(preview.agents.find((agent) => agent.agentKey === String(agentId))?.scores).toBe(0);
  });
});
