import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { type IncomingConversationInput, incomingConversationSchema } from "../../db/ingest/schema";
import { findBySourceId, upsertConversations } from "../../db/ingest/upsert";
import { agentIdentities, agents, conversationFacts, conversations, customers, dailyRollups, messages, teams } from "../../db/schema";
import { sampleKeyFor } from "../../scoring/sampling";
import { createTestDatabase, testDrivers } from "../helpers/db";

function conversation(overrides: Partial<IncomingConversationInput> = {}): IncomingConversationInput {
  return {
    source: "csv",
    externalId: "T-1",
    channel: "email",
    subject: "Cobro duplicado",
    createdAt: "2026-03-02T09:00:00Z",
    agent: { email: "lucia@acme.test", name: "Lucía Pérez" },
    team: "Soporte España",
    customer: { externalId: "C-9", name: "Marta Gil", email: "marta@example.test" },
    messages: [
      { externalId: "m1", authorRole: "customer", sentAt: "2026-03-02T09:00:00Z", body: "Hola, me habéis cobrado dos veces la factura de marzo." },
      { externalId: "m2", authorRole: "agent", sentAt: "2026-03-02T09:20:00Z", body: "Lo siento mucho, ya he solicitado la devolución del cargo duplicado." },
    ],
    ...overrides,
  };
}

const parse = (input: IncomingConversationInput) => incomingConversationSchema.parse(input);

describe.each(testDrivers)("batch upsert of conversations on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  const countOf = async (table: typeof conversations | typeof messages | typeof agents | typeof customers | typeof teams) =>
    Number((await handle.db.select({ n: count() }).from(table))[0].n);

  it("creates a conversation with its messages, agent, team, customer and derived fields", async () => {
    const [result] = await upsertConversations(handle.db, [parse(conversation())]);
    expect(result).toMatchObject({ source: "csv", externalId: "T-1", status: "created" });
    const stored = await findBySourceId(handle.db, "csv", "T-1");
    expect(stored?.conversation).toMatchObject({
      id: result.id,
      channel: "email",
      language: "es",
      messageCount: 2,
      firstResponseAt: new Date("2026-03-02T09:20:00Z"),
      sampleKey: sampleKeyFor("csv", "T-1"),
    });
    expect(stored?.messages.map((m) => [m.ordinal, m.externalId, m.authorRole])).toEqual([
      [0, "m1", "customer"],
      [1, "m2", "agent"],
    ]);
    const [agent] = await handle.db.select().from(agents).where(eq(agents.email, "lucia@acme.test"));
    const [team] = await handle.db.select().from(teams).where(eq(teams.name, "Soporte España"));
    expect(agent).toMatchObject({ name: "Lucía Pérez", teamId: team.id });
    expect(stored?.conversation.agentId).toBe(agent.id);
    expect(stored?.conversation.teamId).toBe(team.id);
    expect(stored?.messages[1].agentId).toBe(agent.id);
    expect(stored?.messages[0].customerId).toBe(stored?.conversation.customerId);
  });

  it("is idempotent: the same batch again changes nothing", async () => {
    const before = await findBySourceId(handle.db, "csv", "T-1");
    const counts = await Promise.all([countOf(conversations), countOf(messages), countOf(agents), countOf(customers), countOf(teams)]);
    const [result] = await upsertConversations(handle.db, [parse(conversation())]);
    expect(result.status).toBe("unchanged");
    expect(result.id).toBe(before?.conversation.id);
    expect(await Promise.all([countOf(conversations), countOf(messages), countOf(agents), countOf(customers), countOf(teams)])).toEqual(counts);
    expect(await findBySourceId(handle.db, "csv", "T-1")).toEqual(before);
  });

  it("updates a changed conversation instead of duplicating it, keeping messages that kept their ids", async () => {
    const before = await findBySourceId(handle.db, "csv", "T-1");
    const changed = conversation({ status: "solved", resolvedAt: "2026-03-02T10:00:00Z" });
    changed.messages = [
      ...changed.messages,
      { externalId: "m3", authorRole: "customer", sentAt: "2026-03-02T09:40:00Z", body: "Gracias, quedo a la espera." },
    ];
    const [result] = await upsertConversations(handle.db, [parse(changed)]);
    expect(result).toMatchObject({ status: "updated", id: before?.conversation.id });
    const after = await findBySourceId(handle.db, "csv", "T-1");
    expect(await countOf(conversations)).toBe(1);
    expect(after?.conversation).toMatchObject({ status: "solved", messageCount: 3 });
    expect(after?.messages.map((m) => m.externalId)).toEqual(["m1", "m2", "m3"]);
    expect(after?.messages.slice(0, 2).map((m) => m.id)).toEqual(before?.messages.map((m) => m.id));
  });

  it("matches messages without ids by position and replaces them when the conversation changes", async () => {
    const positional = conversation({ externalId: "T-2" });
    positional.messages = positional.messages.map(({ externalId: _id, ...message }) => message);
    await upsertConversations(handle.db, [parse(positional)]);
    await upsertConversations(handle.db, [parse(positional)]);
    expect((await findBySourceId(handle.db, "csv", "T-2"))?.messages).toHaveLength(2);
    positional.messages = [positional.messages[0]];
    const [result] = await upsertConversations(handle.db, [parse(positional)]);
    expect(result.status).toBe("updated");
    const stored = await findBySourceId(handle.db, "csv", "T-2");
    expect(stored?.messages.map((m) => [m.ordinal, m.authorRole])).toEqual([[0, "customer"]]);
    expect(stored?.conversation.messageCount).toBe(1);
  });

  it("reorders messages by time and detects English when no language is given", async () => {
    const english = conversation({
      externalId: "T-3",
      agent: undefined,
      messages: [
        { authorRole: "agent", sentAt: "2026-03-03T10:05:00Z", body: "Sorry about that, I have refunded the second charge." },
        { authorRole: "customer", sentAt: "2026-03-03T10:00:00Z", body: "Hi, I was charged twice for my March invoice." },
      ],
    });
    await upsertConversations(handle.db, [parse(english)]);
    const stored = await findBySourceId(handle.db, "csv", "T-3");
    expect(stored?.conversation.language).toBe("en");
    expect(stored?.conversation.firstResponseAt).toEqual(new Date("2026-03-03T10:05:00Z"));
    expect(stored?.messages.map((m) => m.authorRole)).toEqual(["customer", "agent"]);
  });

  it("writes a batch whole or not at all", async () => {
    const counts = await Promise.all([countOf(conversations), countOf(messages), countOf(agents), countOf(customers), countOf(teams)]);
    // A real failure in the middle of the batch: the database refuses one message after teams, agents,
    // customers, conversations and the first messages were already written in the transaction.
    await handle.db.execute(sql`create function refuse_boom() returns trigger language plpgsql as $$
      begin if new.body = 'boom' then raise exception 'refused by test trigger'; end if; return new; end $$`);
    await handle.db.execute(sql`create trigger refuse_boom before insert on messages for each row execute function refuse_boom()`);
    const good = conversation({ externalId: "T-10", team: "Equipo Nuevo", agent: { email: "nuevo@acme.test" }, customer: { externalId: "C-new" } });
    const bad = conversation({ externalId: "T-11", team: "Equipo Nuevo" });
    bad.messages = [...bad.messages, { authorRole: "customer", sentAt: "2026-03-02T11:00:00Z", body: "boom" }];
    await expect(upsertConversations(handle.db, [parse(good), parse(bad)])).rejects.toThrow();
    await handle.db.execute(sql`drop trigger refuse_boom on messages`);
    expect(await Promise.all([countOf(conversations), countOf(messages), countOf(agents), countOf(customers), countOf(teams)])).toEqual(counts);
    expect(await findBySourceId(handle.db, "csv", "T-10")).toBeNull();
  });

  it("treats an agent referenced by helpdesk id and by email as one agent, in either order", async () => {
    const byId = conversation({ source: "zendesk", externalId: "Z-1", agent: { externalId: "9001", name: "Pablo Ruiz" }, team: undefined });
    const byBoth = conversation({ source: "zendesk", externalId: "Z-2", agent: { externalId: "9001", email: "pablo@acme.test" }, team: undefined });
    const byEmail = conversation({ source: "csv", externalId: "P-1", agent: { email: "PABLO@acme.test" }, team: undefined });
    const results = [];
    for (const item of [byId, byBoth, byEmail]) results.push(...(await upsertConversations(handle.db, [parse(item)])));
    const agentIds = await Promise.all(results.map(async (r) => (await findBySourceId(handle.db, r.source, r.externalId))?.conversation.agentId));
    expect(new Set(agentIds).size).toBe(1);
    const [agent] = await handle.db.select().from(agents).where(eq(agents.id, agentIds[0]!));
    expect(agent).toMatchObject({ name: "Pablo Ruiz", email: "pablo@acme.test" });

    const emailFirst = conversation({ source: "freshdesk", externalId: "F-1", agent: { email: "rosa@acme.test", name: "Rosa" }, team: undefined });
    const thenBoth = conversation({ source: "freshdesk", externalId: "F-2", agent: { externalId: "77", email: "rosa@acme.test" }, team: undefined });
    const thenId = conversation({ source: "freshdesk", externalId: "F-3", agent: { externalId: "77" }, team: undefined });
    await upsertConversations(handle.db, [parse(emailFirst), parse(thenBoth), parse(thenId)]);
    const rosa = await Promise.all(["F-1", "F-2", "F-3"].map(async (id) => (await findBySourceId(handle.db, "freshdesk", id))?.conversation.agentId));
    expect(new Set(rosa).size).toBe(1);
    const identities = await handle.db.select().from(agentIdentities).where(eq(agentIdentities.agentId, rosa[0]!));
    expect(identities).toEqual([{ agentId: rosa[0], source: "freshdesk", externalId: "77" }]);
  });

  it("two batches creating the same new agent at once end with one agent, neither failing", async () => {
    const first = conversation({ externalId: "R-1", agent: { email: "ramon@acme.test", name: "Ramón" }, team: undefined });
    const second = conversation({ externalId: "R-2", agent: { email: "ramon@acme.test", name: "Ramón" }, team: undefined });
    const results = await Promise.all([upsertConversations(handle.db, [parse(first)]), upsertConversations(handle.db, [parse(second)])]);
    expect(results.flat().map((r) => r.status)).toEqual(["created", "created"]);
    const ramon = await handle.db.select().from(agents).where(eq(agents.email, "ramon@acme.test"));
    expect(ramon).toHaveLength(1);
    for (const id of ["R-1", "R-2"]) expect((await findBySourceId(handle.db, "csv", id))?.conversation.agentId).toBe(ramon[0].id);
  });

  it("answers for every item of a batch that repeats a conversation, the last copy winning", async () => {
    const first = conversation({ externalId: "T-20", subject: "Primera" });
    const second = conversation({ externalId: "T-20", subject: "Segunda" });
    const results = await upsertConversations(handle.db, [parse(first), parse(second)]);
    expect(results.map((r) => r.status)).toEqual(["created", "created"]);
    expect((await findBySourceId(handle.db, "csv", "T-20"))?.conversation.subject).toBe("Segunda");
  });

  it("writes the conversation's facts and its day's rollup with it, and recomputes them on update", async () => {
    const [first] = await upsertConversations(handle.db, [parse(conversation({ externalId: "F-1" }))]);
    const [facts] = await handle.db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, first.id));
    expect(facts).toMatchObject({ channel: "email", createdDay: "2026-03-02", firstResponseMs: 20 * 60_000, apology: true, unanswered: false });
    const rollupOfDay = async () =>
      (await handle.db.select().from(dailyRollups).where(eq(dailyRollups.day, "2026-03-02"))).reduce((n, row) => n + row.conversations, 0);
    expect(await rollupOfDay()).toBeGreaterThanOrEqual(1);

    const later = conversation({ externalId: "F-1" });
    later.messages = [
      later.messages[0],
      { externalId: "m2", authorRole: "agent", sentAt: "2026-03-02T11:00:00Z", body: "Llame al 900 123 456 y se lo miran." },
    ];
    const [updated] = await upsertConversations(handle.db, [parse(later)]);
    expect(updated).toMatchObject({ id: first.id, status: "updated" });
    const [after] = await handle.db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, first.id));
    expect(after.firstResponseMs).toBe(2 * 3_600_000);
    expect(after.apology).toBe(false);
  });
});
