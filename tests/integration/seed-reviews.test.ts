import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import type { DatabaseHandle } from "../../db/client";
import { getReviewDetail, listQueue, listReviews } from "../../db/queries/reviews";
import { applicableScorecardVersion, listScorecards } from "../../db/queries/scorecards";
import { agents, highlights, messages, reviews, users } from "../../db/schema";
import { DEMO_PASSWORD, loadDemoData } from "../../db/seed/load";
import { scoreReview } from "../../scoring/rubric";
import { createTestDatabase, testDrivers } from "../helpers/db";

const END = new Date("2026-11-22T00:00:00Z");

describe.each(testDrivers)("demo scorecards and reviews on %s", (driver) => {
  let handle: DatabaseHandle;
  const userId = {} as Record<"reviewer" | "agent", string>;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    await loadDemoData(handle, { conversations: 400, seed: "demo", endDate: END, passwordHash: await hashPassword(DEMO_PASSWORD) });
    for (const role of ["reviewer", "agent"] as const) {
      const [user] = await handle.db
        .select()
        .from(users)
        .where(eq(users.email, `${role}@demo.test`));
      userId[role] = user.id;
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  it("publishes a Spanish and an English scorecard, applied by conversation language", async () => {
    const list = await listScorecards(handle.db);
    expect(list.map((row) => [row.language, row.latestVersion, row.languages])).toEqual([
      ["es", 1, ["es"]],
      ["en", 1, ["en"]],
    ]);
    const spanish = await applicableScorecardVersion(handle.db, { channel: "chat", teamId: 1, language: "es" });
    const english = await applicableScorecardVersion(handle.db, { channel: "email", teamId: 3, language: "en" });
    expect(spanish?.definition.categories.flatMap((category) => category.criteria.map((criterion) => criterion.title))).toEqual([
      "Saludo y personalización",
      "Entendió la necesidad",
      "Resolvió sin derivar a otro canal",
      "Información correcta y completa",
      "Tono coherente con la marca",
      "Empatía",
      "Tiempo de respuesta dentro del objetivo del canal",
      "Cierre y seguimiento",
    ]);
    expect(english?.definition.categories[1].criteria[1]).toMatchObject({ id: "resolved-without-redirect", critical: true });
  });

  it("fills the reviewer's queue with due dates and one review in progress", async () => {
    const queue = await listQueue(handle.db, { reviewerId: userId.reviewer });
    expect(queue.open.length).toBeGreaterThanOrEqual(10);
    expect(queue.open.filter((row) => row.status === "in_progress")).toHaveLength(1);
    expect(queue.open.every((row) => row.dueAt !== null)).toBe(true);
    expect(queue.progress.completed).toBeGreaterThan(10);
  });

  it("stores the score scoreReview gives for every submitted review, redirects auto-failed", async () => {
    const submitted = await handle.db.select().from(reviews).where(isNotNull(reviews.submittedAt));
    expect(submitted.length).toBeGreaterThan(20);
    for (const review of submitted) {
      const detail = await getReviewDetail(handle.db, { id: review.id, scope: { kind: "all" }, viewerId: userId.reviewer });
      if (!detail) throw new Error("review not visible");
      expect(review.score).toBe(scoreReview(detail.version.definition, detail.review.content.ratings).score);
    }
    expect(submitted.some((review) => review.autoFailed)).toBe(true);
    const highlighted = await handle.db
      .select({ body: messages.body, quote: highlights.quote, start: highlights.spanStart, end: highlights.spanEnd })
      .from(highlights)
      .innerJoin(messages, eq(messages.id, highlights.messageId));
    expect(highlighted.length).toBeGreaterThan(5);
    for (const row of highlighted) if (row.start !== null && row.end !== null) expect(row.body.slice(row.start, row.end)).toBe(row.quote);
  });

  it("gives the demo agent reviews of their own conversations to read", async () => {
    const [javier] = await handle.db
      .select()
      .from(agents)
      .where(and(eq(agents.userId, userId.agent)));
    const own = await listReviews(handle.db, { scope: { kind: "agent", agentId: javier.id }, viewerId: userId.agent });
    expect(own.reviews.length).toBeGreaterThanOrEqual(5);
    expect(own.reviews.every((row) => row.agentId === javier.id)).toBe(true);
  });
});
