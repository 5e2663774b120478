import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitDuration } from "../../app/routes/admin.response-targets";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { CHANNELS } from "../../scoring/domain";
import { DEFAULT_SLA_TARGETS } from "../../scoring/sla";
import type { Role } from "../../db/schema/enums";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makeTeam, makeUser } from "../helpers/factories";
import { type Outcome, type RouteModule, buildRequest, classify, runRoute, sessionCookie } from "../helpers/routes";

type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "admin", "reviewer", "lead", "executive", "agent"];

interface Fixture {
  ownConversationId: number;
  otherTeamConversationId: number;
  userIdOf: Record<Role, string>;
}

interface RouteCase {
  name: string;
  method: "GET" | "POST";
  path: (f: Fixture) => string;
  params?: (f: Fixture) => Record<string, string>;
  form?: (f: Fixture) => Record<string, string | string[]>;
  expect: Record<Who, Outcome>;
}

const all = (outcome: Outcome): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((who) => [who, outcome])) as Record<Who, Outcome>;
const signedIn = (outcome: Outcome, overrides: Partial<Record<Who, Outcome>> = {}): Record<Who, Outcome> => ({
  ...all(outcome),
  anonymous: "login",
  ...overrides,
});
const adminOnly: Record<Who, Outcome> = signedIn("forbidden", { admin: "ok" });
const dashboardReaders: Record<Who, Outcome> = signedIn("forbidden", { admin: "ok", executive: "ok", lead: "ok" });

/** The response-targets form with the seeds' defaults (email 1 h / 15 min, chat 30 s / 15 s …). */
function defaultTargetsForm(): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = { timeZone: "Europe/Madrid", opens: "09:00", closes: "18:00", "days[]": ["monday", "friday"] };
  for (const channel of CHANNELS) {
    const { standardMs, worldClassMs } = DEFAULT_SLA_TARGETS[channel].firstResponse;
    const standard = splitDuration(standardMs);
    form[`${channel}.standard`] = String(standard.value);
    form[`${channel}.standardUnit`] = standard.unit;
    const worldClass = worldClassMs === null ? null : splitDuration(worldClassMs);
    form[`${channel}.worldClass`] = worldClass ? String(worldClass.value) : "";
    form[`${channel}.worldClassUnit`] = worldClass?.unit ?? "min";
  }
  return form;
}

/**
 * Every route file × every role. A route file without an entry here fails the test below,
 * so a new route cannot be added without deciding who may use it.
 */
const ROUTE_TABLE: Record<string, RouteCase[]> = {
  _index: [{ name: "home", method: "GET", path: () => "/", expect: signedIn("redirect") }],
  login: [{ name: "login page", method: "GET", path: () => "/login", expect: { ...all("redirect"), anonymous: "ok" } }],
  logout: [{ name: "sign out", method: "POST", path: () => "/logout", expect: all("login") }],
  language: [{ name: "switch language", method: "POST", path: () => "/language", form: () => ({ locale: "es" }), expect: all("redirect") }],
  setup: [{ name: "setup once users exist", method: "GET", path: () => "/setup", expect: all("login") }],
  healthz: [{ name: "health check", method: "GET", path: () => "/healthz", expect: all("ok") }],
  "conversations._index": [{ name: "conversation list", method: "GET", path: () => "/conversations", expect: signedIn("ok") }],
  "conversations.$id": [
    {
      name: "own team's conversation",
      method: "GET",
      path: (f) => `/conversations/${f.ownConversationId}`,
      params: (f) => ({ id: String(f.ownConversationId) }),
      expect: signedIn("ok"),
    },
    {
      name: "another team's conversation",
      method: "GET",
      path: (f) => `/conversations/${f.otherTeamConversationId}`,
      params: (f) => ({ id: String(f.otherTeamConversationId) }),
      expect: signedIn("ok", { lead: "notFound", agent: "notFound" }),
    },
  ],
  "dashboards.executive": [
    { name: "executive dashboard", method: "GET", path: () => "/dashboards/executive", expect: dashboardReaders },
  ],
  "dashboards.team": [
    { name: "team dashboard", method: "GET", path: () => "/dashboards/team?period=90", expect: dashboardReaders },
  ],
  "dashboards.export": [
    { name: "team table as CSV", method: "GET", path: () => "/dashboards/export?board=team&table=agents", expect: dashboardReaders },
    { name: "executive table as CSV", method: "GET", path: () => "/dashboards/export?board=executive&table=channels", expect: dashboardReaders },
    {
      name: "unknown table",
      method: "GET",
      path: () => "/dashboards/export?board=team&table=salaries",
      expect: signedIn("forbidden", { admin: "notFound", executive: "notFound", lead: "notFound" }),
    },
  ],
  "admin.response-targets": [
    { name: "response targets", method: "GET", path: () => "/admin/response-targets", expect: adminOnly },
    { name: "save response targets", method: "POST", path: () => "/admin/response-targets", form: defaultTargetsForm, expect: adminOnly },
  ],
  "admin.users": [
    { name: "user list", method: "GET", path: () => "/admin/users", expect: adminOnly },
    {
      name: "create user",
      method: "POST",
      path: () => "/admin/users",
      form: () => ({ intent: "create", name: "Nueva", email: `n${Math.random()}@x.test`, role: "reviewer", locale: "", password: "0123456789ab" }),
      expect: adminOnly,
    },
    {
      name: "create team",
      method: "POST",
      path: () => "/admin/users",
      form: () => ({ intent: "createTeam", teamName: `Team ${Math.random()}` }),
      expect: adminOnly,
    },
  ],
};

const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");

function routeId(file: string): string {
  return path.basename(file).replace(/\.tsx?$/, "");
}

describe("the route table", () => {
  it("has a rule for every route file", () => {
    const files = readdirSync(path.resolve("app/routes")).filter((file) => /\.tsx?$/.test(file) && !file.includes(".test."));
    expect(files.map(routeId).sort()).toEqual(Object.keys(ROUTE_TABLE).sort());
  });
});

describe.each(testDrivers)("route access on %s", (driver) => {
  let handle: DatabaseHandle;
  const fixture = {} as Fixture;
  const cookies = {} as Record<Role, string>;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    const [teamA, teamB] = [await makeTeam(db, "Equipo A"), await makeTeam(db, "Equipo B")];
    fixture.userIdOf = {} as Record<Role, string>;
    for (const role of ["admin", "reviewer", "lead", "executive", "agent"] as Role[]) {
      const user = await makeUser(db, role, { teamIds: role === "lead" || role === "agent" ? [teamA.id] : [] });
      fixture.userIdOf[role] = user.id;
      cookies[role] = await sessionCookie(db, user.id);
    }
    const ownAgent = await makeAgent(db, { teamId: teamA.id, userId: fixture.userIdOf.agent });
    const otherAgent = await makeAgent(db, { teamId: teamB.id });
    const customer = await makeCustomer(db);
    fixture.ownConversationId = (await makeConversation(db, { agentId: ownAgent.id, teamId: teamA.id, customerId: customer.id })).id;
    fixture.otherTeamConversationId = (await makeConversation(db, { agentId: otherAgent.id, teamId: teamB.id, customerId: customer.id })).id;
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  const cases = Object.entries(ROUTE_TABLE).flatMap(([id, routeCases]) =>
    routeCases.flatMap((routeCase) => WHO.map((who) => ({ id, routeCase, who }))),
  );

  it.each(cases)("$id: $routeCase.name as $who", async ({ id, routeCase, who }) => {
    const load = routeModules[`../../app/routes/${id}.tsx`] ?? routeModules[`../../app/routes/${id}.ts`];
    const module = await load();
    const request = buildRequest(routeCase.path(fixture), {
      method: routeCase.method,
      // A fresh session per case, since the sign-out case ends the one it uses.
      cookie: who === "anonymous" ? undefined : await sessionCookie(handle.db, fixture.userIdOf[who]),
      form: routeCase.form?.(fixture),
    });
    const outcome = classify(await runRoute(module, request, routeCase.params?.(fixture) ?? {}));
    expect(outcome).toBe(routeCase.expect[who]);
  });

  it("rejects a cross-origin or origin-less form post even with a valid session", async () => {
    const module = (await routeModules["../../app/routes/admin.users.tsx"]()) as RouteModule;
    const form = { intent: "create", name: "X", email: "x@x.test", role: "admin", locale: "", password: "0123456789ab" };
    for (const origin of ["https://evil.test", null]) {
      const request = buildRequest("/admin/users", { method: "POST", cookie: cookies.admin, form, origin });
      expect(classify(await runRoute(module, request))).toBe("forbidden");
    }
  });
});
