import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { customerHistory, decodeCursor, encodeCursor, getConversation, listConversations } from "../../db/queries/conversations";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makeTeam } from "../helpers/factories";

describe.each(testDrivers)("conversation queries on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamA: number;
  let teamB: number;
  let agentA: number;
  let agentB: number;
  let customerId: number;
  const ids: number[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamA = (await makeTeam(db, "A")).id;
    teamB = (await makeTeam(db, "B")).id;
    agentA = (await makeAgent(db, { teamId: teamA })).id;
    agentB = (await makeAgent(db, { teamId: teamB })).id;
    customerId = (await makeCustomer(db)).id;
    // 12 conversations, one per day, alternating teams and channels; two share a timestamp to test the tiebreak.
    for (let day = 0; day < 12; day++) {
      const even = day % 2 === 0;
      const conversation = await makeConversation(db, {
        agentId: even ? agentA : agentB,
        teamId: even ? teamA : teamB,
        customerId,
        channel: even ? "whatsapp" : "email",
        language: even ? "es" : "en",
        subject: even ? `Pedido retrasado ${day}` : `Refund request ${day}`,
        createdAt: new Date(Date.UTC(2026, 10, 1 + Math.min(day, 10), 9)),
        messages: [
          { role: "customer", body: even ? "Mi pedido no ha llegado todavía" : "I was charged twice for my order" },
          { role: "agent", body: even ? "Lo reviso ahora mismo" : "Sorry about that, refunding now" },
        ],
      });
      ids.push(conversation.id);
    }
  });

  afterAll(async () => {
    await handle.close();
  });

  const all = { kind: "all" } as const;

  it("pages through everything newest first with no gaps or repeats, including timestamp ties", async () => {
    const seen: number[] = [];
    let cursor: ReturnType<typeof decodeCursor>;
    for (let page = 0; page < 10; page++) {
      const result = await listConversations(handle.db, { scope: all, filters: {}, cursor, limit: 5 });
      seen.push(...result.conversations.map((c) => c.id));
      if (!result.nextCursor) break;
      cursor = decodeCursor(encodeCursor(result.nextCursor));
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    // Days 10 and 11 share a timestamp: the higher id comes first.
    expect(seen.slice(0, 2)).toEqual([ids[11], ids[10]]);
  });

  it("filters by channel, team, agent, language and date range", async () => {
    const list = async (filters: Parameters<typeof listConversations>[1]["filters"]) =>
      (await listConversations(handle.db, { scope: all, filters })).conversations;
    expect((await list({ channel: "whatsapp" })).every((c) => c.channel === "whatsapp")).toBe(true);
    expect(await list({ teamId: teamB })).toHaveLength(6);
    expect(await list({ agentId: agentA, language: "es" })).toHaveLength(6);
    expect(await list({ agentId: agentA, language: "en" })).toHaveLength(0);
    const range = await list({ from: new Date("2026-11-03T00:00:00Z"), to: new Date("2026-11-05T00:00:00Z") });
    expect(range.map((c) => c.subject).sort()).toEqual(["Pedido retrasado 2", "Refund request 3"]);
  });

  it("finds text in subjects and in message bodies, in Spanish and English", async () => {
    const search = async (text: string) => (await listConversations(handle.db, { scope: all, filters: { text } })).conversations;
    expect(await search("llegado")).toHaveLength(6);
    expect(await search("charged")).toHaveLength(6);
    expect(await search("Refund")).toHaveLength(6);
    expect(await search("100%_nothing")).toHaveLength(0);
  });

  it("applies the viewer's scope", async () => {
    const forLead = await listConversations(handle.db, { scope: { kind: "teams", teamIds: [teamA] }, filters: {} });
    expect(forLead.conversations).toHaveLength(6);
    const forAgent = await listConversations(handle.db, { scope: { kind: "agent", agentId: agentB }, filters: {} });
    expect(forAgent.conversations.every((c) => c.subject?.startsWith("Refund"))).toBe(true);
    const unlinkedAgent = await listConversations(handle.db, { scope: { kind: "agent", agentId: null }, filters: {} });
    expect(unlinkedAgent.conversations).toHaveLength(0);
    const leadWithoutTeams = await listConversations(handle.db, { scope: { kind: "teams", teamIds: [] }, filters: {} });
    expect(leadWithoutTeams.conversations).toHaveLength(0);
    expect(await getConversation(handle.db, { id: ids[1], scope: { kind: "teams", teamIds: [teamA] } })).toBeNull();
  });

  it("returns a transcript in order and the customer's other conversations within scope", async () => {
    const found = await getConversation(handle.db, { id: ids[0], scope: all });
    expect(found?.messages.map((m) => m.authorRole)).toEqual(["customer", "agent"]);
    const history = await customerHistory(handle.db, { customerId, excludeId: ids[0], scope: { kind: "teams", teamIds: [teamA] } });
    expect(history).toHaveLength(5);
    expect(history.map((c) => c.id)).not.toContain(ids[0]);
  });

  it("ignores a malformed cursor instead of failing", () => {
    expect(decodeCursor("garbage")).toBeUndefined();
    expect(decodeCursor("2026-13-45T00:00:00.000Z_5")).toBeUndefined();
  });
});
