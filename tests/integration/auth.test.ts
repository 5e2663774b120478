import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, logIn } from "../../app/auth/session.server";
import * as adminUsers from "../../app/routes/admin.users";
import * as language from "../../app/routes/language";
import * as login from "../../app/routes/login";
import * as setup from "../../app/routes/setup";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { findUserByEmail, listAgentsWithLogins } from "../../db/queries/users";
import { sessions, users } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { TEST_PASSWORD, makeAgent, makeTeam, makeUser } from "../helpers/factories";
import { buildRequest, classify, runRoute, sessionCookie } from "../helpers/routes";

describe.each(testDrivers)("authentication on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
  });
  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  it("sends every page to /setup until the first admin exists, then retires /setup", async () => {
    const home = await runRoute(login, buildRequest("/login"));
    expect(home.response?.headers.get("Location")).toBe("/setup");
    const bad = await runRoute(setup, buildRequest("/setup", { method: "POST", form: { name: "Ana", email: "not-an-email", password: "short" } }));
    expect(bad.data).toMatchObject({ errors: { email: expect.any(String), password: expect.any(String) } });
    const created = await runRoute(
      setup,
      buildRequest("/setup", { method: "POST", form: { name: "Ana Pérez", email: "Ana@Example.test", password: "una contraseña larga" } }),
    );
    expect(created.response?.status).toBe(302);
    expect(created.response?.headers.get("Set-Cookie")).toMatch(/qa_session=.+HttpOnly/i);
    const admin = await findUserByEmail(handle.db, "ana@example.test");
    expect(admin?.role).toBe("admin");
    expect(admin?.passwordHash.startsWith("$argon2id$")).toBe(true);
    const again = await runRoute(setup, buildRequest("/setup", { method: "POST", form: { name: "Eve", email: "eve@x.test", password: "0123456789ab" } }));
    expect(classify(again)).toBe("login");
    expect(await findUserByEmail(handle.db, "eve@x.test")).toBeNull();
  });

  it("logs in with the right password, case-insensitive email, and shows a clear error otherwise", async () => {
    await makeUser(handle.db, "reviewer", { email: "rev@example.test" });
    const ok = await runRoute(login, buildRequest("/login", { method: "POST", form: { email: "REV@example.test", password: TEST_PASSWORD, next: "/conversations" } }));
    expect(ok.response?.headers.get("Location")).toBe("/conversations");
    const wrong = await runRoute(login, buildRequest("/login", { method: "POST", form: { email: "rev@example.test", password: "nope" } }));
    expect(wrong.data).toEqual({ error: "invalid" });
    const offsite = await runRoute(login, buildRequest("/login", { method: "POST", form: { email: "rev@example.test", password: TEST_PASSWORD, next: "//evil.test" } }));
    expect(offsite.response?.headers.get("Location")).toBe("/");
  });

  it("limits failed attempts per account, even with the right password afterwards", async () => {
    await makeUser(handle.db, "agent", { email: "target@example.test" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await logIn(handle.db, { email: "target@example.test", password: `guess-${i}`, ip: `198.51.100.${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await logIn(handle.db, { email: "target@example.test", password: TEST_PASSWORD, ip: "198.51.100.99" })).toEqual({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("refuses deactivated accounts and their existing sessions", async () => {
    const user = await makeUser(handle.db, "lead", { email: "gone@example.test" });
    const cookie = await sessionCookie(handle.db, user.id);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await logIn(handle.db, { email: "gone@example.test", password: TEST_PASSWORD, ip: "192.0.2.1" })).toEqual({ ok: false, reason: "inactive" });
    const page = await runRoute(adminUsers, buildRequest("/admin/users", { cookie }));
    expect(classify(page)).toBe("login");
  });

  it("lets an admin create users with teams and change roles, validating every field", async () => {
    const admin = await makeUser(handle.db, "admin");
    const cookie = await sessionCookie(handle.db, admin.id);
    const team = await makeTeam(handle.db, "Soporte");
    const create = (form: Record<string, string | string[]>) => runRoute(adminUsers, buildRequest("/admin/users", { method: "POST", cookie, form }));
    const invalid = await create({ intent: "create", name: "", email: "x", role: "boss", locale: "", password: "1" });
    expect(Object.keys((invalid.data as { errors: object }).errors).sort()).toEqual(["email", "name", "password", "role"]);
    const created = await create({ intent: "create", name: "Lola", email: "lola@example.test", role: "lead", locale: "es", password: "0123456789ab", "teamIds[]": [String(team.id)] });
    expect(created.data).toEqual({ ok: true, message: "users.created" });
    const duplicate = await create({ intent: "create", name: "Lola 2", email: "LOLA@example.test", role: "lead", locale: "", password: "0123456789ab" });
    expect(duplicate.data).toEqual({ ok: false, errors: { email: "users.emailTaken" } });
    const unknownTeam = await create({ intent: "create", name: "Max", email: "max@example.test", role: "agent", locale: "", password: "0123456789ab", "teamIds[]": ["999999"] });
    expect(unknownTeam.data).toMatchObject({ ok: false });
    const lola = await findUserByEmail(handle.db, "lola@example.test");
    const update = await create({ intent: "update", userId: lola?.id ?? "", role: "reviewer", locale: "", "teamIds[]": [] });
    expect(update.data).toEqual({ ok: true, message: "users.updated" });
    expect((await findUserByEmail(handle.db, "lola@example.test"))?.active).toBe(false);
    const selfDemotion = await create({ intent: "update", userId: admin.id, role: "reviewer", locale: "", active: "on" });
    expect(selfDemotion.data).toEqual({ ok: false, errors: { form: "users.cannotDemoteSelf" } });
  });

  it("lets an admin add teams and link an agent login to the agent it is reviewed as", async () => {
    const admin = await makeUser(handle.db, "admin");
    const cookie = await sessionCookie(handle.db, admin.id);
    const post = (form: Record<string, string | string[]>) => runRoute(adminUsers, buildRequest("/admin/users", { method: "POST", cookie, form }));
    expect((await post({ intent: "createTeam", teamName: "Soporte Chile" })).data).toEqual({ ok: true, message: "users.teamCreated" });
    expect((await post({ intent: "createTeam", teamName: "Soporte Chile" })).data).toEqual({ ok: false, errors: { teamName: "users.teamTaken" } });
    const agentUser = await makeUser(handle.db, "agent");
    const agent = await makeAgent(handle.db, { name: "Camila Soto" });
    await post({ intent: "update", userId: agentUser.id, role: "agent", locale: "", active: "on", agentId: String(agent.id) });
    expect((await listAgentsWithLogins(handle.db)).find((a) => a.id === agent.id)?.userId).toBe(agentUser.id);
    await post({ intent: "update", userId: agentUser.id, role: "agent", locale: "", active: "on", agentId: "" });
    expect((await listAgentsWithLogins(handle.db)).find((a) => a.id === agent.id)?.userId).toBeNull();
  });

  it("saves the chosen language for a signed-in user and answers in Spanish", async () => {
    const user = await makeUser(handle.db, "executive");
    const cookie = await sessionCookie(handle.db, user.id);
    const result = await runRoute(language, buildRequest("/language", { method: "POST", cookie, form: { locale: "es", redirectTo: "https://evil.test/" } }));
    expect(result.response?.headers.get("Location")).toBe("/");
    expect(result.response?.headers.get("Set-Cookie")).toContain("qa_lang=es");
    expect((await findUserByEmail(handle.db, user.email))?.locale).toBe("es");
  });

  it("ends the session on sign-out", async () => {
    const user = await makeUser(handle.db, "reviewer");
    const cookie = await sessionCookie(handle.db, user.id);
    const logout = await import("../../app/routes/logout");
    await runRoute(logout, buildRequest("/logout", { method: "POST", cookie }));
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });
});
