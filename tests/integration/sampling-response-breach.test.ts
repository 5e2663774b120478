import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { refreshFacts } from "../../db/facts";
import { drawConversations, previewDraw } from "../../db/queries/sampling";
import { samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeTeam } from "../helpers/factories";

const NOW = new Date("2026-11-22T12:00:00Z");

describe.each(testDrivers)("sampling on response-time breaches on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  const fast: number[] = [];
  const slowFirst: number[] = [];
  const slowLater: number[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    teamId = (await makeTeam(handle.db)).id;
    const agentId = (await makeAgent(handle.db, { teamId })).id;
    for (let day = 0; day < 6; day++) {
      const createdAt = new Date(Date.UTC(2026, 10, 15 + day, 10));
      // Chat's standard target is 30 s: replies within a minute's fraction, or 5 minutes late.
      const make = (first: number, later: number) =>
        makeConversation(handle.db, {
          agentId,
          teamId,
          channel: "chat",
          createdAt,
          messages: [
            { role: "customer", body: "Hola, tengo un problema con la factura", minutesAfter: 0 },
            { role: "agent", body: "Hola, lo miro ahora mismo", minutesAfter: first },
            { role: "customer", body: "Gracias, ¿qué ves?", minutesAfter: first + 1 },
            { role: "agent", body: "Ya está corregido", minutesAfter: first + 1 + later },
          ],
        });
      fast.push((await make(0.2, 0.2)).id);
      slowFirst.push((await make(5, 0.2)).id);
      slowLater.push((await make(0.2, 5)).id);
    }
    await refreshFacts(handle.db, [...fast, ...slowFirst, ...slowLater], { asOf: NOW });
  });
  afterAll(async () => handle?.close());

  const draw = (responseBreach?: "first" | "any") =>
    drawConversations(handle.db, {
      definition: samplingRuleDefinitionSchema.parse({
        filters: { createdFrom: "2026-11-01", createdTo: "2026-11-22", responseBreach },
        size: { kind: "total", total: 100 },
        allocation: "proportional",
        seed: "breach",
      }),
      teamId,
      timeZone: "UTC",
      now: NOW,
      seed: "breach",
    });
  const ids = async (responseBreach?: "first" | "any") => (await draw(responseBreach)).drawn.map((row) => row.conversationId).sort((a, b) => a - b);

  it("draws only conversations whose first response broke the channel's target", async () => {
    expect(await ids("first")).toEqual([...slowFirst].sort((a, b) => a - b));
  });

  it("draws conversations with any reply over target, first or later", async () => {
    expect(await ids("any")).toEqual([...slowFirst, ...slowLater].sort((a, b) => a - b));
  });

  it("counts the eligible conversations the same way before drawing", async () => {
    const preview = await previewDraw(handle.db, {
      definition: samplingRuleDefinitionSchema.parse({
        filters: { createdFrom: "2026-11-01", createdTo: "2026-11-22", responseBreach: "any" },
        size: { kind: "total", total: 100 },
        allocation: "proportional",
        seed: "breach",
      }),
      teamId,
      now: NOW,
    });
    expect(preview.eligible).toBe(slowFirst.length + slowLater.length);
    expect(await ids()).toHaveLength(fast.length + slowFirst.length + slowLater.length);
  });
});
