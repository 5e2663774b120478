import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../app/auth/password.server";
import { openPglite } from "../../db/client";
import { selectRows } from "../../db/queries/rows";
import { DEMO_PASSWORD, loadDemoData } from "../../db/seed/load";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";
const DAY_MS = 86_400_000;
/** The first pages of a freshly started server on two cores can take most of a minute. */
const SLOW = { timeout: 180_000 };

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

interface Counts {
  open: number;
  overdue: number;
  submitted: number;
}

/** What the reviewer dashboard must show, counted straight from review_assignments and reviews. */
interface Expected {
  reviewerName: string;
  own: Counts;
  /** The same reviewer's work on the lead's teams' conversations only. */
  leadView: Counts;
  leadTeams: string[];
}

describe.runIf(availability.run)("the reviewer dashboard in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  const expected = {} as Expected;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), "qa-e2e-reviewers-"));
    const handle = await openPglite(path.join(dataDir, "pglite"));
    const today = todayUtc();
    await loadDemoData(handle, { conversations: 1200, seed: "demo", endDate: today, passwordHash: await hashPassword(DEMO_PASSWORD) });
    // The default period: the last 30 days, today included.
    const from = new Date(today.getTime() - 29 * DAY_MS).toISOString();
    const counts = async (teamCondition: ReturnType<typeof sql>) => {
      const [row] = await selectRows<Counts>(
        handle.db,
        sql`select
              (select count(*)::int from review_assignments a join conversations c on c.id = a.conversation_id
                where a.reviewer_id = u.id and a.status in ('pending', 'in_progress') and ${teamCondition}) as open,
              (select count(*)::int from review_assignments a join conversations c on c.id = a.conversation_id
                where a.reviewer_id = u.id and a.status in ('pending', 'in_progress') and a.due_at < now() and ${teamCondition}) as overdue,
              (select count(*)::int from reviews r join conversations c on c.id = r.conversation_id
                where r.reviewer_id = u.id and r.kind = 'standard' and r.status = 'submitted'
                  and r.submitted_at >= ${from}::timestamptz and ${teamCondition}) as submitted
            from users u where u.email = 'reviewer@demo.test'`,
      );
      return row;
    };
    expected.own = await counts(sql`true`);
    const leadTeams = sql`c.team_id in (select m.team_id from team_members m join users l on l.id = m.user_id where l.email = 'lead@demo.test')`;
    expected.leadView = await counts(leadTeams);
    const [reviewer] = await selectRows<{ name: string }>(handle.db, sql`select name from users where email = 'reviewer@demo.test'`);
    expected.reviewerName = reviewer.name;
    const teams = await selectRows<{ name: string }>(
      handle.db,
      sql`select t.name from teams t join team_members m on m.team_id = t.id join users l on l.id = m.user_id where l.email = 'lead@demo.test'`,
    );
    expected.leadTeams = teams.map((team) => team.name);
    await handle.close();
    // The demo must give the test something to check: open work, an overdue one, reviews in the period.
    expect(expected.own.open).toBeGreaterThan(0);
    expect(expected.own.overdue).toBeGreaterThan(0);
    expect(expected.own.submitted).toBeGreaterThan(0);

    [app, browser] = await Promise.all([startApp({ dataDir }), launchBrowser()]);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logIn(email: string, locale: "en" | "es" = "en"): Promise<Page> {
    const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    Object.assign(page, { errors });
    await page.goto(`${app.url}/login`);
    await page.fill("#email", email);
    await page.fill("#password", "demo-password");
    await page.click("button[type=submit]");
    await page.locator("nav .nav-link").first().waitFor();
    return page;
  }

  const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;
  const kpi = (page: Page, id: string) => page.locator(`[data-kpi=${id}]`).innerText();

  it("shows a reviewer their own workload and throughput, matching the tables, in English", SLOW, async () => {
    const page = await logIn("reviewer@demo.test");
    await page.locator("nav .nav-link", { hasText: "My workload" }).click();
    // A client-side navigation: the URL changes before the page does.
    await page.locator("h1", { hasText: "My workload" }).waitFor();
    expect(page.url()).toContain("/dashboards/reviewers");
    await expect(kpi(page, "open")).resolves.toBe(String(expected.own.open));
    await expect(kpi(page, "overdue")).resolves.toBe(String(expected.own.overdue));
    await expect(kpi(page, "submitted")).resolves.toBe(String(expected.own.submitted));
    await expect(page.locator("[data-list=samples] > li").count()).resolves.toBeGreaterThan(0);
    await page.locator("#weekly svg.recharts-surface").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-reviewer-own.png`, fullPage: true });

    // The overdue tile opens the queue; nobody else's view is reachable by editing the link.
    await page.locator("a.kpi-link", { has: page.locator("[data-kpi=overdue]") }).click();
    await page.locator("h1", { hasText: "My queue" }).waitFor();
    expect(page.url()).toMatch(/\/queue$/);
    await page.goto(`${app.url}/dashboards/reviewers?reviewer=00000000-0000-4000-8000-000000000000`);
    await expect(page.locator("h1").innerText()).resolves.toBe("My workload");
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("speaks Spanish to the reviewer", SLOW, async () => {
    const page = await logIn("reviewer@demo.test", "es");
    await page.goto(`${app.url}/dashboards/reviewers`);
    await expect(page.locator("h1").innerText()).resolves.toBe("Mi carga de trabajo");
    await expect(kpi(page, "open")).resolves.toBe(expected.own.open.toLocaleString("es"));
    await expect(page.locator("#grading h2").innerText()).resolves.toBe("Notas puestas, frente a las del resto de revisores");
    await page.locator("#weekly svg.recharts-surface").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-reviewer-own-es.png`, fullPage: true });
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("shows a lead the reviewers working on their teams, counted on their teams' conversations only, and opens one", SLOW, async () => {
    const page = await logIn("lead@demo.test");
    await page.goto(`${app.url}/dashboards/reviewers`);
    await expect(page.locator("h1").innerText()).resolves.toBe("Reviewer workload");
    const row = page.locator(`table[data-table=reviewers] tr[data-reviewer="${expected.reviewerName}"]`);
    await expect(row.locator("[data-metric=open]").innerText()).resolves.toBe(String(expected.leadView.open));
    await expect(row.locator("[data-metric=overdue]").innerText()).resolves.toBe(String(expected.leadView.overdue));
    await expect(row.locator("[data-metric=submitted]").innerText()).resolves.toBe(String(expected.leadView.submitted));
    // Sorted overdue first.
    const overdue = (await page.locator("table[data-table=reviewers] [data-metric=overdue]").allInnerTexts()).map(Number);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    await page.locator("#weekly svg.recharts-surface").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-reviewers-lead.png`, fullPage: true });

    const csv = await page.request.get(`${app.url}/dashboards/reviewers.csv`);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Reviewer,Role,Open,Overdue,/);
    const line = lines.find((text) => text.startsWith(`${expected.reviewerName},`));
    expect(line?.split(",").slice(2, 4)).toEqual([String(expected.leadView.open), String(expected.leadView.overdue)]);

    await row.locator("td:first-child a").click();
    await page.locator("h1", { hasText: `${expected.reviewerName}: workload` }).waitFor();
    expect(page.url()).toContain("reviewer=");
    await expect(kpi(page, "open")).resolves.toBe(String(expected.leadView.open));
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("speaks Spanish to the lead and keeps agents out", SLOW, async () => {
    const page = await logIn("lead@demo.test", "es");
    await page.goto(`${app.url}/dashboards/reviewers`);
    await expect(page.locator("h1").innerText()).resolves.toBe("Carga de los revisores");
    const row = page.locator(`table[data-table=reviewers] tr[data-reviewer="${expected.reviewerName}"]`);
    await expect(row.locator("[data-metric=open]").innerText()).resolves.toBe(String(expected.leadView.open));
    await expect(page.locator("#team option").allInnerTexts()).resolves.toEqual(["Todos los equipos", ...expected.leadTeams]);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-reviewers-lead-es.png`, fullPage: true });
    await page.context().close();
    const agent = await logIn("agent@demo.test");
    const response = await agent.goto(`${app.url}/dashboards/reviewers`);
    expect(response?.status()).toBe(403);
    await agent.context().close();
  });
});
