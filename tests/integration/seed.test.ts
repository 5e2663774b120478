import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../app/auth/password.server";
import type { DatabaseHandle } from "../../db/client";
import { isDemoDatabase } from "../../db/queries/settings";
import { agentMessageFacts, agents, conversationFacts, conversations, customers, dailyRollups, messages, users } from "../../db/schema";
import { type DemoConversation, generateConversations } from "../../db/seed/generate";
import { DEMO_PASSWORD, DEMO_USERS, DatabaseNotEmptyError, loadDemoData } from "../../db/seed/load";
import { createTestDatabase, testDrivers } from "../helpers/db";

const END = new Date("2026-11-22T00:00:00Z");
const take = (seed: string, n: number) => [...generateConversations({ conversations: n, seed, endDate: END })];

describe("the demo generator", () => {
  const sample = take("s1", 3000);

  it("gives the same data for the same seed and different data for another", () => {
    expect(take("s1", 3000)).toEqual(sample);
    expect(take("s2", 3000).map((c) => c.messages[0].body)).not.toEqual(sample.map((c) => c.messages[0].body));
  });

  it("writes about 60% Spanish and 40% English across every channel", () => {
    const spanish = sample.filter((c) => c.language === "es").length / sample.length;
    expect(spanish).toBeGreaterThan(0.55);
    expect(spanish).toBeLessThan(0.65);
    expect(new Set(sample.map((c) => c.channel)).size).toBe(9);
  });

  it("averages about 8 messages per conversation with varied text", () => {
    const messageCount = sample.reduce((sum, c) => sum + c.messages.length, 0);
    expect(messageCount / sample.length).toBeGreaterThan(6.5);
    expect(messageCount / sample.length).toBeLessThan(9.5);
    const openings = new Set(sample.map((c) => c.messages.find((m) => m.authorRole === "customer")?.body));
    expect(openings.size).toBeGreaterThan(sample.length * 0.3);
  });

  it("leaves some conversations unanswered and makes CSAT follow how they went", () => {
    const unanswered = sample.filter((c) => c.firstResponseAt === null);
    expect(unanswered.length).toBeGreaterThan(sample.length * 0.02);
    const meanCsat = (list: DemoConversation[]) => {
      const rated = list.filter((c) => c.csat !== null);
      return rated.reduce((sum, c) => sum + (c.csat ?? 0), 0) / rated.length;
    };
    const escalated = sample.filter((c) => c.tags.includes("escalated"));
    const smooth = sample.filter((c) => !c.tags.includes("escalated") && !c.tags.includes("redirected") && c.firstResponseAt);
    expect(meanCsat(smooth) - meanCsat(escalated)).toBeGreaterThan(1);
  });

  it("plants the redirecting agent and the agent who is curt on chat", () => {
    const redirectRate = (agentId: number) => {
      const own = sample.filter((c) => c.agentId === agentId);
      return own.filter((c) => c.tags.includes("redirected")).length / own.length;
    };
    // Agent ids follow the fixed roster: 3 is Sergio Navarro (redirects), 1 is Lucía Martín (exemplary).
    expect(redirectRate(3)).toBeGreaterThan(0.3);
    expect(redirectRate(1)).toBe(0);
    const meanAgentWords = (agentId: number, channels: string[]) => {
      const bodies = sample
        .filter((c) => c.agentId === agentId && channels.includes(c.channel))
        .flatMap((c) => c.messages.filter((m) => m.authorRole === "agent").map((m) => m.body.split(/\s+/).length));
      return bodies.reduce((a, b) => a + b, 0) / bodies.length;
    };
    // Javier Ortega (2) writes full replies by email and dry one-liners on chat and WhatsApp.
    expect(meanAgentWords(2, ["email"])).toBeGreaterThan(2 * meanAgentWords(2, ["chat", "whatsapp"]));
  });

  it("sends repeat contacts from the same customer on another channel", () => {
    const repeats = sample.filter((c) => c.tags.includes("escalated") && sample.some((o) => o.customerId === c.customerId && o.id < c.id && o.channel !== c.channel));
    expect(repeats.length).toBeGreaterThan(50);
  });
});

describe.each(testDrivers)("loading demo data on %s", (driver) => {
  let handle: DatabaseHandle;
  let passwordHash: string;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    passwordHash = await hashPassword(DEMO_PASSWORD);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("loads teams, agents, customers, conversations and the five demo users", async () => {
    const result = await loadDemoData(handle, { conversations: 300, seed: "t", endDate: END, passwordHash });
    const counted = async (table: typeof conversations | typeof messages | typeof customers | typeof agents) =>
      Number((await handle.db.select({ n: count() }).from(table))[0].n);
    expect(await counted(conversations)).toBe(300);
    expect(await counted(messages)).toBe(result.messages);
    expect(await counted(customers)).toBe(result.customers);
    expect(await counted(agents)).toBe(20);
    const demoUsers = await handle.db.select().from(users);
    expect(demoUsers.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(await verifyPassword(demoUsers[0].passwordHash, DEMO_PASSWORD)).toBe(true);
    const [agentUser] = demoUsers.filter((u) => u.role === "agent");
    const [linked] = await handle.db.select().from(agents).where(eq(agents.userId, agentUser.id));
    expect(linked.name).toBe("Javier Ortega");
    expect(await isDemoDatabase(handle.db)).toBe(true);
  });

  it("stores text exactly as generated, newlines and tabs included", async () => {
    const [expected] = take("t", 300).filter((c) => c.messages.some((m) => m.body.includes("\n")));
    const stored = await handle.db.select().from(messages).where(eq(messages.conversationId, expected.id));
    expect(stored.sort((a, b) => a.ordinal - b.ordinal).map((m) => m.body)).toEqual(expected.messages.map((m) => m.body));
  });

  it("writes the facts and daily rollups of every conversation it loads", async () => {
    const [facts] = await handle.db.select({ n: count() }).from(conversationFacts);
    const [rolled] = await handle.db.select({ n: sql<number>`sum(${dailyRollups.conversations})::int` }).from(dailyRollups);
    const [agentMessages] = await handle.db.select({ n: count() }).from(messages).where(eq(messages.authorRole, "agent"));
    const [messageFacts] = await handle.db.select({ n: count() }).from(agentMessageFacts);
    expect(Number(facts.n)).toBe(300);
    expect(rolled.n).toBe(300);
    expect(Number(messageFacts.n)).toBe(Number(agentMessages.n));
  });

  it("continues ids after the copied rows", async () => {
    const [row] = await handle.db
      .insert(conversations)
      .values({ source: "api", externalId: "after-seed", channel: "chat", createdAt: new Date(), sampleKey: 0.3 })
      .returning();
    expect(row.id).toBe(301);
  });

  it("rebuilds the secondary indexes it drops for a large load", async () => {
    const other = await createTestDatabase(driver);
    const indexNames = async (h: DatabaseHandle) => {
      const result = (await h.db.execute(sql`select indexname from pg_indexes where schemaname = 'public' order by 1`)) as unknown as
        | { rows: { indexname: string }[] }
        | { indexname: string }[];
      return (Array.isArray(result) ? result : result.rows).map((row) => row.indexname);
    };
    const before = await indexNames(other);
    await loadDemoData(other, { conversations: 50, seed: "t", endDate: END, passwordHash, rebuildIndexes: true });
    expect(await indexNames(other)).toEqual(before);
    expect(before).toContain("conversations_search_idx");
    await other.close();
  });

  it("never loads on top of existing data", async () => {
    await expect(loadDemoData(handle, { conversations: 10, seed: "t", endDate: END, passwordHash })).rejects.toThrow(
      DatabaseNotEmptyError,
    );
  });
});
