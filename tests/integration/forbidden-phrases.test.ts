import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestionsForReview } from "../../app/autoqa/suggestions.server";
import * as forbiddenPage from "../../app/routes/admin.forbidden-phrases";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { countStaleFacts, DEFAULT_TONE_CONFIG, loadToneConfig, refreshFacts, refreshStaleFacts, saveToneConfig } from "../../db/facts";
import type { MessageEvidence } from "../../db/facts/compute";
import { agentMessageFacts, conversationFacts, dailyRollups, messages } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";
import { buildRequest, runRoute, sessionCookie } from "../helpers/routes";

const AS_OF = new Date("2026-11-20T00:00:00Z");
const DAY = "2026-11-03";

const definition = {
  language: "es",
  categories: [
    {
      id: "tone",
      title: "Tono",
      criteria: [
        { id: "tone", title: "Tono", scale: { kind: "five-point", labels: ["1", "2", "3", "4", "5"] }, autoQaFeature: "forbidden-phrases" },
      ],
    },
  ],
};

describe.each(testDrivers)("admin-edited forbidden phrases on %s", (driver) => {
  let handle: DatabaseHandle;
  let conversationId: number;
  let adminCookie: string;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    const team = await makeTeam(db, "Soporte");
    const agent = await makeAgent(db, { teamId: team.id, name: "Sergio Navarro" });
    const customer = await makeCustomer(db, "Marta Gil");
    adminCookie = await sessionCookie(db, (await makeUser(db, "admin")).id);
    const conversation = await makeConversation(db, {
      agentId: agent.id,
      teamId: team.id,
      customerId: customer.id,
      channel: "email",
      language: "es",
      createdAt: new Date(`${DAY}T10:00:00Z`),
      messages: [
        { role: "customer", body: "Llevo una semana esperando el reembolso.", minutesAfter: 0 },
        { role: "agent", body: "Cálmese, por favor. Lo siento, no podemos hacer nada más.", minutesAfter: 10 },
      ],
    });
    conversationId = conversation.id;
    await refreshFacts(db, [conversationId], { asOf: AS_OF });
  });

  afterAll(async () => {
    await handle.close();
  });

  async function facts() {
    const { db } = handle;
    const [fact] = await db
      .select({ forbiddenHits: conversationFacts.forbiddenHits, toneConfigVersion: conversationFacts.toneConfigVersion })
      .from(conversationFacts)
      .where(eq(conversationFacts.conversationId, conversationId));
    const messageFacts = await db
      .select({ forbiddenHits: agentMessageFacts.forbiddenHits, evidence: agentMessageFacts.evidence })
      .from(agentMessageFacts)
      .where(eq(agentMessageFacts.conversationId, conversationId));
    const [rollup] = await db
      .select({
        forbiddenConversations: sql<number>`sum(${dailyRollups.forbiddenConversations})::int`,
        forbiddenHits: sql<number>`sum(${dailyRollups.forbiddenHits})::int`,
      })
      .from(dailyRollups)
      .where(eq(dailyRollups.day, DAY));
    return {
      conversationHits: fact.forbiddenHits,
      version: fact.toneConfigVersion,
      rules: messageFacts.flatMap((row) =>
        ((row.evidence ?? []) as MessageEvidence[]).filter((item) => item.kind === "forbidden").map((item) => item.rule),
      ),
      rollup,
    };
  }

  async function toneSuggestion() {
    const { db } = handle;
    const { versionId } = await makePublishedScorecard(db, { name: `Tono ${Math.random()}`, definition });
    const rows = await db
      .select({ id: messages.id, authorRole: messages.authorRole, sentAt: messages.sentAt, body: messages.body })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(asc(messages.ordinal));
    const shown = await suggestionsForReview(db, {
      conversation: { id: conversationId, channel: "email", language: "es", status: "open", customerName: "Marta Gil", resolvedAt: null },
      messages: rows,
      version: { id: versionId, definition: definition as never },
      sentiments: {},
      now: AS_OF,
    });
    return shown.tone;
  }

  it("counts the default phrases until an admin saves a list", async () => {
    expect(await loadToneConfig(handle.db)).toEqual(DEFAULT_TONE_CONFIG);
    expect(await facts()).toEqual({
      conversationHits: 1,
      version: 1,
      rules: ["cálmese"],
      rollup: { forbiddenConversations: 1, forbiddenHits: 1 },
    });
    expect(await countStaleFacts(handle.db)).toBe(0);
    const suggestion = await toneSuggestion();
    expect(suggestion).toMatchObject({ reason: "forbidden_phrase" });
    expect(suggestion.evidence.map((item) => ("text" in item ? item.text : null))).toEqual(["Cálmese"]);
  });

  it("recomputes the facts and rollups with a saved list: a new phrase counts, a removed default no longer does", async () => {
    const { db } = handle;
    const saved = await saveToneConfig(db, {
      forbiddenPhrases: { es: ["eso no nos compete", "No podemos hacer nada", "no podemos hacer NADA"], en: ["calm down"] },
    });
    expect(saved).toEqual({ version: 2, forbiddenPhrases: { es: ["eso no nos compete", "No podemos hacer nada"], en: ["calm down"] } });
    expect(await countStaleFacts(db)).toBe(1);
    expect(await refreshStaleFacts(db)).toBe(1);
    expect(await countStaleFacts(db)).toBe(0);
    expect(await facts()).toEqual({
      conversationHits: 1,
      version: 2,
      rules: ["No podemos hacer nada"],
      rollup: { forbiddenConversations: 1, forbiddenHits: 1 },
    });
    const suggestion = await toneSuggestion();
    expect(suggestion).toMatchObject({ reason: "forbidden_phrase" });
    expect(suggestion.evidence.map((item) => ("text" in item ? item.text : null))).toEqual(["no podemos hacer nada"]);
  });

  it("an empty list counts nothing", async () => {
    await saveToneConfig(handle.db, { forbiddenPhrases: { es: [], en: [] } });
    await refreshStaleFacts(handle.db);
    expect(await facts()).toMatchObject({
      conversationHits: 0,
      version: 3,
      rules: [],
      rollup: { forbiddenConversations: 0, forbiddenHits: 0 },
    });
    expect(await toneSuggestion()).toMatchObject({ reason: "no_forbidden_phrase" });
  });

  it("the admin page names invalid lines and saves nothing, then saves and restores the defaults", async () => {
    const { db } = handle;
    const post = (form: Record<string, string>) =>
      runRoute(forbiddenPage, buildRequest("/admin/forbidden-phrases", { method: "POST", cookie: adminCookie, form }));

    const refused = await post({ intent: "save", es: `eso no nos compete\n\n???\n${"x".repeat(200)}`, en: "calm down" });
    expect(refused.data).toMatchObject({
      ok: false,
      errors: {
        es: {
          lines: [
            { line: 3, issue: "no_words" },
            { line: 4, issue: "too_long" },
          ],
          tooMany: false,
        },
      },
    });
    expect((await loadToneConfig(db)).version).toBe(3);

    const saved = await post({ intent: "save", es: "Cálmese\nya se lo he dicho\ncalmese", en: "" });
    expect(saved.data).toEqual({ ok: true, stale: 1 });
    expect((await loadToneConfig(db)).forbiddenPhrases).toEqual({ es: ["Cálmese", "ya se lo he dicho"], en: [] });
    expect(await facts()).toMatchObject({ conversationHits: 1, version: 4, rules: ["Cálmese"] });

    const restored = await post({ intent: "restore", es: "", en: "" });
    expect(restored.data).toMatchObject({ ok: true });
    expect(await loadToneConfig(db)).toEqual({ ...DEFAULT_TONE_CONFIG, version: 5 });
    expect(await facts()).toMatchObject({ conversationHits: 1, version: 5, rules: ["cálmese"] });

    const page = await runRoute(forbiddenPage, buildRequest("/admin/forbidden-phrases", { cookie: adminCookie }));
    expect(page.data).toMatchObject({ version: 5, phrases: DEFAULT_TONE_CONFIG.forbiddenPhrases, stale: 0 });
  });
});
