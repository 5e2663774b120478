import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitDuration } from "../../app/routes/admin.response-targets";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { CHANNELS } from "../../scoring/domain";
import { DEFAULT_SLA_TARGETS } from "../../scoring/sla";
import type { Role } from "../../db/schema/enums";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { createCalibrationSession } from "../../db/queries/calibration";
import { startReview, submitReview } from "../../db/queries/reviews";
import { createRule, drawSample } from "../../db/queries/sampling";
import { defaultDefinition } from "../../app/sampling/rule-form";
import {
  WORKED_EXAMPLE_CONTENT,
  makeAgent,
  makeConversation,
  makeCustomer,
  makePublishedScorecard,
  makeTeam,
  makeUser,
} from "../helpers/factories";
import { type Outcome, type RouteModule, buildRequest, classify, runRoute, sessionCookie } from "../helpers/routes";

type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "admin", "reviewer", "lead", "executive", "agent"];

interface Fixture {
  ownConversationId: number;
  otherTeamConversationId: number;
  ownTeamReviewId: number;
  otherTeamReviewId: number;
  scorecardId: number;
  teamAId: number;
  teamBId: number;
  ownTeamRuleId: number;
  otherTeamRuleId: number;
  ownTeamSampleId: number;
  otherTeamSampleId: number;
  versionId: number;
  ownTeamSessionId: number;
  otherTeamSessionId: number;
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
/**
 * The /api/v1 routes authenticate by bearer token only (tested in ingest-api.test.ts): a session cookie of any
 * role gets 401, so no browser session can be used against them from another site.
 */
const bearerTokenOnly: Record<Who, Outcome> = all("unauthorized");
const scorecardEditors = (outcome: Outcome): Record<Who, Outcome> => signedIn("forbidden", { admin: outcome, lead: outcome });
const samplingEditors = (outcome: Outcome, lead: Outcome = outcome): Record<Who, Outcome> =>
  signedIn("forbidden", { admin: outcome, lead });
const reviewersOnly = (outcome: Outcome): Record<Who, Outcome> =>
  signedIn("forbidden", { admin: outcome, reviewer: outcome, lead: outcome });
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
  // Scoped like the conversation list: leads see their teams, agents their own conversations.
  frustrated: [{ name: "frustrated customers", method: "GET", path: () => "/frustrated", expect: signedIn("ok") }],
  "model-card": [{ name: "sentiment model card", method: "GET", path: () => "/model-card", expect: signedIn("ok") }],
  "admin.scoring": [
    { name: "sentiment settings", method: "GET", path: () => "/admin/scoring", expect: adminOnly },
    { name: "invalid threshold", method: "POST", path: () => "/admin/scoring", form: () => ({ intent: "threshold", threshold: "2" }), expect: adminOnly },
  ],
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
  "admin.api-tokens": [
    { name: "token list", method: "GET", path: () => "/admin/api-tokens", expect: adminOnly },
    { name: "create token", method: "POST", path: () => "/admin/api-tokens", form: () => ({ intent: "create", name: "CRM" }), expect: adminOnly },
  ],
  "admin.imports": [
    { name: "imports page", method: "GET", path: () => "/admin/imports", expect: adminOnly },
    { name: "upload without a file", method: "POST", path: () => "/admin/imports", form: () => ({ timeZone: "UTC", source: "csv" }), expect: adminOnly },
  ],
  "admin.imports.$id.errors[.]csv": [
    {
      name: "error report of a run that does not exist",
      method: "GET",
      path: () => "/admin/imports/999999/errors.csv",
      params: () => ({ id: "999999" }),
      expect: signedIn("forbidden", { admin: "notFound" }),
    },
  ],
  "admin.connectors": [
    { name: "connectors page", method: "GET", path: () => "/admin/connectors", expect: adminOnly },
    { name: "sync an unknown connector", method: "POST", path: () => "/admin/connectors", form: () => ({ intent: "sync", connectorId: "999999" }), expect: signedIn("forbidden", { admin: "notFound" }) },
  ],
  "api.v1.conversations": [
    { name: "ingest conversations", method: "POST", path: () => "/api/v1/conversations", form: () => ({}), expect: bearerTokenOnly },
  ],
  "api.v1.conversations.$source.$externalId": [
    {
      name: "read a conversation",
      method: "GET",
      path: () => "/api/v1/conversations/test/x",
      params: () => ({ source: "test", externalId: "x" }),
      expect: bearerTokenOnly,
    },
  ],
  // Public like /healthz: the API's documentation holds no data.
  "api.v1.openapi[.]json": [{ name: "OpenAPI document", method: "GET", path: () => "/api/v1/openapi.json", expect: all("ok") }],
  "conversations.$id_.review": [
    {
      name: "review page of own team's conversation",
      method: "GET",
      path: (f) => `/conversations/${f.ownConversationId}/review`,
      params: (f) => ({ id: String(f.ownConversationId) }),
      // The agent's own conversation: no self-review unless an admin turns it on.
      expect: signedIn("ok", { executive: "forbidden", agent: "forbidden" }),
    },
    {
      name: "review page of another team's conversation",
      method: "GET",
      path: (f) => `/conversations/${f.otherTeamConversationId}/review`,
      params: (f) => ({ id: String(f.otherTeamConversationId) }),
      expect: signedIn("ok", { executive: "forbidden", lead: "notFound", agent: "notFound" }),
    },
    {
      name: "a calibration item, for the session's participants only",
      method: "GET",
      path: (f) => `/conversations/${f.otherTeamConversationId}/review?calibration=${f.otherTeamSessionId}`,
      params: (f) => ({ id: String(f.otherTeamConversationId) }),
      expect: signedIn("forbidden", { admin: "ok", reviewer: "ok", lead: "notFound" }),
    },
    {
      name: "autosave a draft",
      method: "POST",
      path: (f) => `/conversations/${f.otherTeamConversationId}/review`,
      params: (f) => ({ id: String(f.otherTeamConversationId) }),
      form: () => ({
        intent: "save",
        content: JSON.stringify({ ratings: { greeting: 2 }, criterionComments: {}, rootCauses: {}, overallComment: "" }),
      }),
      expect: signedIn("ok", { executive: "forbidden", lead: "notFound", agent: "notFound" }),
    },
  ],
  // Calibration: admins and leads run sessions (leads for their teams), participants rate; lead and reviewer here
  // take part in the own team's session, reviewer and admin in the other team's.
  "calibration._index": [
    { name: "calibration sessions", method: "GET", path: () => "/calibration", expect: reviewersOnly("ok") },
    {
      name: "create a session for the own team",
      method: "POST",
      path: () => "/calibration",
      form: (f) => ({
        intent: "create",
        name: "Calibración",
        scorecardVersionId: String(f.versionId),
        teamId: String(f.teamAId),
        "reviewerIds[]": [f.userIdOf.reviewer, f.userIdOf.admin],
        conversationIds: String(f.ownConversationId),
        blind: "on",
      }),
      expect: signedIn("forbidden", { admin: "redirect", lead: "redirect" }),
    },
    {
      name: "create a session for another team",
      method: "POST",
      path: () => "/calibration",
      form: (f) => ({
        intent: "create",
        name: "Ajena",
        scorecardVersionId: String(f.versionId),
        teamId: String(f.teamBId),
        "reviewerIds[]": [f.userIdOf.reviewer, f.userIdOf.admin],
        conversationIds: String(f.otherTeamConversationId),
      }),
      expect: signedIn("forbidden", { admin: "redirect" }),
    },
  ],
  "calibration.$id": [
    {
      name: "own team's session",
      method: "GET",
      path: (f) => `/calibration/${f.ownTeamSessionId}`,
      params: (f) => ({ id: String(f.ownTeamSessionId) }),
      expect: reviewersOnly("ok"),
    },
    {
      name: "another team's session (the lead neither runs nor rates in it)",
      method: "GET",
      path: (f) => `/calibration/${f.otherTeamSessionId}`,
      params: (f) => ({ id: String(f.otherTeamSessionId) }),
      expect: signedIn("forbidden", { admin: "ok", reviewer: "ok", lead: "notFound" }),
    },
    {
      name: "close another team's session",
      method: "POST",
      path: (f) => `/calibration/${f.otherTeamSessionId}`,
      params: (f) => ({ id: String(f.otherTeamSessionId) }),
      form: () => ({ intent: "close" }),
      // The reviewer rates in it but does not run it.
      expect: signedIn("forbidden", { admin: "redirect", lead: "notFound" }),
    },
  ],
  queue: [
    { name: "my queue", method: "GET", path: () => "/queue", expect: reviewersOnly("ok") },
    {
      name: "skip someone else's or a missing assignment",
      method: "POST",
      path: () => "/queue",
      form: () => ({ intent: "skip", assignmentId: "999999" }),
      expect: reviewersOnly("notFound"),
    },
  ],
  "reviews._index": [{ name: "review list", method: "GET", path: () => "/reviews", expect: signedIn("ok") }],
  "reviews.export[.]csv": [{ name: "review CSV export", method: "GET", path: () => "/reviews/export.csv", expect: signedIn("ok") }],
  "reviews.$id": [
    {
      name: "a review of the own team's conversation",
      method: "GET",
      path: (f) => `/reviews/${f.ownTeamReviewId}`,
      params: (f) => ({ id: String(f.ownTeamReviewId) }),
      expect: signedIn("ok"),
    },
    {
      name: "a review of another team's conversation",
      method: "GET",
      path: (f) => `/reviews/${f.otherTeamReviewId}`,
      params: (f) => ({ id: String(f.otherTeamReviewId) }),
      expect: signedIn("ok", { lead: "notFound", agent: "notFound" }),
    },
  ],
  "scorecards._index": [
    { name: "scorecard list", method: "GET", path: () => "/scorecards", expect: scorecardEditors("ok") },
    {
      name: "create a scorecard",
      method: "POST",
      path: () => "/scorecards",
      form: () => ({ intent: "create", name: "Nueva ficha", language: "es" }),
      expect: scorecardEditors("redirect"),
    },
    {
      name: "change review settings",
      method: "POST",
      path: () => "/scorecards",
      form: () => ({ intent: "settings" }),
      expect: signedIn("forbidden", { admin: "ok" }),
    },
  ],
  "scorecards.$id": [
    {
      name: "scorecard builder",
      method: "GET",
      path: (f) => `/scorecards/${f.scorecardId}`,
      params: (f) => ({ id: String(f.scorecardId) }),
      expect: scorecardEditors("ok"),
    },
    {
      name: "change where a scorecard applies",
      method: "POST",
      path: (f) => `/scorecards/${f.scorecardId}`,
      params: (f) => ({ id: String(f.scorecardId) }),
      form: () => ({ intent: "applicability", active: "on" }),
      expect: scorecardEditors("ok"),
    },
  ],
  // Leads see acceptance for their teams' conversations only (tested in autoqa.test.ts).
  "scorecards.autoqa": [{ name: "AutoQA acceptance", method: "GET", path: () => "/scorecards/autoqa", expect: scorecardEditors("ok") }],
  "sampling._index": [
    { name: "sampling rules", method: "GET", path: () => "/sampling", expect: samplingEditors("ok") },
    {
      name: "create a rule for the own team",
      method: "POST",
      path: () => "/sampling",
      form: (f) => ({ name: "Semanal", teamId: String(f.teamAId) }),
      expect: samplingEditors("redirect"),
    },
    {
      name: "create a rule for another team",
      method: "POST",
      path: () => "/sampling",
      form: (f) => ({ name: "Ajena", teamId: String(f.teamBId) }),
      expect: samplingEditors("redirect", "forbidden"),
    },
  ],
  "sampling.rules.$id": [
    {
      name: "own team's rule",
      method: "GET",
      path: (f) => `/sampling/rules/${f.ownTeamRuleId}`,
      params: (f) => ({ id: String(f.ownTeamRuleId) }),
      expect: samplingEditors("ok"),
    },
    {
      name: "another team's rule",
      method: "GET",
      path: (f) => `/sampling/rules/${f.otherTeamRuleId}`,
      params: (f) => ({ id: String(f.otherTeamRuleId) }),
      expect: samplingEditors("ok", "notFound"),
    },
    {
      name: "draw own team's rule now",
      method: "POST",
      path: (f) => `/sampling/rules/${f.ownTeamRuleId}`,
      params: (f) => ({ id: String(f.ownTeamRuleId) }),
      form: () => ({ intent: "draw" }),
      expect: samplingEditors("redirect"),
    },
    {
      name: "draw another team's rule",
      method: "POST",
      path: (f) => `/sampling/rules/${f.otherTeamRuleId}`,
      params: (f) => ({ id: String(f.otherTeamRuleId) }),
      form: () => ({ intent: "draw" }),
      expect: samplingEditors("redirect", "notFound"),
    },
  ],
  "sampling.samples.$id": [
    {
      name: "own team's sample",
      method: "GET",
      path: (f) => `/sampling/samples/${f.ownTeamSampleId}`,
      params: (f) => ({ id: String(f.ownTeamSampleId) }),
      expect: samplingEditors("ok"),
    },
    {
      name: "another team's sample",
      method: "GET",
      path: (f) => `/sampling/samples/${f.otherTeamSampleId}`,
      params: (f) => ({ id: String(f.otherTeamSampleId) }),
      expect: samplingEditors("ok", "notFound"),
    },
    {
      name: "assign another team's sample",
      method: "POST",
      path: (f) => `/sampling/samples/${f.otherTeamSampleId}`,
      params: (f) => ({ id: String(f.otherTeamSampleId) }),
      form: (f) => ({ intent: "assign", "reviewerIds[]": [f.userIdOf.reviewer], dueDays: "7" }),
      expect: samplingEditors("ok", "notFound"),
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
  // Reviewers see their own workload (whatever ?reviewer= says); leads only reviewers working on their teams.
  "dashboards.reviewers": [
    { name: "reviewer dashboard", method: "GET", path: () => "/dashboards/reviewers", expect: signedIn("ok", { agent: "forbidden" }) },
    {
      name: "one reviewer's view",
      method: "GET",
      path: (f) => `/dashboards/reviewers?reviewer=${f.userIdOf.reviewer}`,
      expect: signedIn("ok", { agent: "forbidden" }),
    },
    {
      name: "an unknown reviewer",
      method: "GET",
      path: () => "/dashboards/reviewers?reviewer=00000000-0000-4000-8000-000000000000",
      expect: signedIn("notFound", { reviewer: "ok", agent: "forbidden" }),
    },
  ],
  "dashboards.reviewers[.]csv": [
    { name: "reviewers table as CSV", method: "GET", path: () => "/dashboards/reviewers.csv", expect: dashboardReaders },
  ],
  "admin.forbidden-phrases": [
    { name: "forbidden phrases", method: "GET", path: () => "/admin/forbidden-phrases", expect: adminOnly },
    {
      name: "save forbidden phrases",
      method: "POST",
      path: () => "/admin/forbidden-phrases",
      form: () => ({ intent: "save", es: "eso no nos compete\ncálmese", en: "calm down" }),
      expect: adminOnly,
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
    const { versionId, scorecardId } = await makePublishedScorecard(db);
    fixture.scorecardId = scorecardId;
    fixture.versionId = versionId;
    const submitted = async (conversationId: number, agentId: number) => {
      const review = await startReview(db, {
        conversationId,
        reviewerId: fixture.userIdOf.reviewer,
        agentId,
        scorecardVersionId: versionId,
        kind: "standard",
      });
      const result = await submitReview(db, { reviewId: review.id, actorId: fixture.userIdOf.reviewer, content: WORKED_EXAMPLE_CONTENT });
      if (!result.ok) throw new Error("fixture review did not submit");
      return review.id;
    };
    fixture.ownTeamReviewId = await submitted(fixture.ownConversationId, ownAgent.id);
    fixture.otherTeamReviewId = await submitted(fixture.otherTeamConversationId, otherAgent.id);
    fixture.teamAId = teamA.id;
    fixture.teamBId = teamB.id;
    const rule = async (teamId: number) => {
      const created = await createRule(db, {
        input: {
          name: "Regla",
          teamId,
          schedule: "once",
          scheduleTime: "06:00",
          timezone: "UTC",
          definition: defaultDefinition("semilla"),
        },
        createdBy: null,
      });
      const sample = await drawSample(db, { ruleId: created.id, periodKey: "once" });
      if (!sample) throw new Error("fixture sample not drawn");
      return { ruleId: created.id, sampleId: sample.sampleId };
    };
    ({ ruleId: fixture.ownTeamRuleId, sampleId: fixture.ownTeamSampleId } = await rule(teamA.id));
    ({ ruleId: fixture.otherTeamRuleId, sampleId: fixture.otherTeamSampleId } = await rule(teamB.id));
    const session = async (teamId: number, conversationId: number, reviewerIds: string[], createdBy: string) => {
      const created = await createCalibrationSession(db, {
        name: "Calibración",
        scorecardVersionId: versionId,
        teamId,
        referenceReviewerId: null,
        dueAt: null,
        blind: true,
        conversationIds: [conversationId],
        reviewerIds,
        createdBy,
      });
      if (!created.ok) throw new Error(`fixture session not created: ${created.reason}`);
      return created.id;
    };
    const { lead, reviewer, admin } = fixture.userIdOf;
    fixture.ownTeamSessionId = await session(teamA.id, fixture.ownConversationId, [lead, reviewer], lead);
    fixture.otherTeamSessionId = await session(teamB.id, fixture.otherTeamConversationId, [reviewer, admin], admin);
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
