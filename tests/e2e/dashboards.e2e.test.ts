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
const CONVERSATIONS = 2000;
const DAY_MS = 86_400_000;

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What the dashboards must show, computed straight from the facts and raw tables, not from the rollups. */
interface Expected {
  executive: { from: string; to: string; conversations: number; whatsappFirstResponsePct: number; quality: { n: number; mean: number | null } };
  team: { from: string; to: string; redirectsByAgent: Record<string, number> };
}

describe.runIf(availability.run)("the dashboards in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  const expected = {} as Expected;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), "qa-e2e-dashboards-"));
    const handle = await openPglite(path.join(dataDir, "pglite"));
    const today = todayUtc();
    await loadDemoData(handle, { conversations: CONVERSATIONS, seed: "demo", endDate: today, passwordHash: await hashPassword(DEMO_PASSWORD) });

    const executiveFrom = day(new Date(today.getTime() - 29 * DAY_MS));
    const teamFrom = day(new Date(today.getTime() - 89 * DAY_MS));
    const to = day(today);
    const [volume] = await selectRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from conversations where created_at >= ${executiveFrom}::date and created_at < ${to}::date + 1`,
    );
    const [whatsapp] = await selectRows<{ pct: number }>(
      handle.db,
      sql`select 100.0 * count(*) filter (where first_response_met_standard) / count(first_response_met_standard) as pct
          from conversation_facts where channel = 'whatsapp' and created_day between ${executiveFrom}::date and ${to}::date`,
    );
    const [quality] = await selectRows<{ n: number; mean: number | null }>(
      handle.db,
      sql`select count(*)::int as n, avg(r.score)::float8 as mean from reviews r join conversations c on c.id = r.conversation_id
          where r.status = 'submitted' and r.kind = 'standard' and r.calibration_session_id is null and r.score is not null
            and c.created_at >= ${executiveFrom}::date and c.created_at < ${to}::date + 1`,
    );
    const redirects = await selectRows<{ name: string; n: number }>(
      handle.db,
      sql`select a.name, count(distinct m.conversation_id)::int as n
          from agent_message_facts m join agents a on a.id = m.agent_id
          where m.redirect_hits > 0 and m.created_day between ${teamFrom}::date and ${to}::date group by a.name`,
    );
    expected.executive = {
      from: executiveFrom,
      to,
      conversations: volume.n,
      whatsappFirstResponsePct: Number(whatsapp.pct),
      quality: { n: quality.n, mean: quality.mean === null ? null : Number(quality.mean) },
    };
    expected.team = { from: teamFrom, to, redirectsByAgent: Object.fromEntries(redirects.map((row) => [row.name, row.n])) };
    await handle.close();

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

  it("opens the executive overview with every number matching the facts, and WhatsApp against its 30 s target", async () => {
    const page = await logIn("executive@demo.test");
    expect(page.url()).toContain("/dashboards/executive");
    await expect(page.locator("h1").innerText()).resolves.toBe("Executive overview");
    await expect(page.locator("[data-kpi=conversations]").innerText()).resolves.toBe(expected.executive.conversations.toLocaleString("en"));
    const whatsapp = page.locator("table[data-table=channels] tr[data-channel=whatsapp]");
    await expect(whatsapp.locator("td").nth(1).innerText()).resolves.toContain("30 s");
    await expect(whatsapp.locator("[data-metric=firstResponse]").innerText()).resolves.toBe(`${expected.executive.whatsappFirstResponsePct.toFixed(1)}%`);
    // The charts render in the browser only; wait for recharts' SVG.
    await page.locator("#compliance svg.recharts-surface").first().waitFor();
    await page.locator("#trend svg.recharts-surface").first().waitFor();
    // Quality from the reviews of the period's conversations, with the number of reviews behind it.
    expect(expected.executive.quality.n).toBeGreaterThan(1);
    await expect(page.locator("[data-kpi=quality]").innerText()).resolves.toBe(expected.executive.quality.mean?.toFixed(1));
    await page.locator("#quality svg.recharts-surface").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-executive.png`, fullPage: true });

    // Every number drills down to its conversations.
    await whatsapp.locator("[data-metric=firstResponse] a").click();
    await page.waitForURL(/\/conversations\?.*channel=whatsapp.*flag=first_response_breach/);
    await expect(page.locator("#flag").inputValue()).resolves.toBe("first_response_breach");
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThan(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("shows the lead their team: the redirector first to coach, the agent curt on chat and WhatsApp on the heatmap", async () => {
    const page = await logIn("lead@demo.test");
    expect(page.url()).toContain("/dashboards/team");
    const agentRows = page.locator("table[data-table=agents] tbody tr");
    const teamNames = new Set(await page.locator("table[data-table=agents] tbody tr td:nth-child(2)").allInnerTexts());
    expect([...teamNames]).toEqual(["Soporte España"]);
    for (const name of await agentRows.locator("td:first-child").allInnerTexts()) {
      const shown = await page.locator(`table[data-table=agents] tr[data-agent="${name}"] [data-metric=redirects]`).innerText();
      expect(Number(shown), name).toBe(expected.team.redirectsByAgent[name] ?? 0);
    }
    await expect(page.locator("[data-list=coach] > li").first().getAttribute("data-agent")).resolves.toBe("Sergio Navarro");
    await expect(page.locator('[data-list=coach] > li[data-agent="Sergio Navarro"] [data-issue=redirects]').count()).resolves.toBe(1);

    const javier = page.locator('table[data-table=heatmap] tr[data-agent="Javier Ortega"]');
    await expect(javier.locator("td[data-channel=chat]").getAttribute("data-flagged")).resolves.toBe("true");
    await expect(javier.locator("td[data-channel=whatsapp]").getAttribute("data-flagged")).resolves.toBe("true");
    await expect(javier.locator("td[data-channel=email]").getAttribute("data-flagged")).resolves.toBe("false");
    await expect(javier.locator("td[data-channel=chat]").getAttribute("data-warmer")).resolves.toBe("false");
    const outlierAgents = await page.locator("[data-list=outliers] > li").evaluateAll((items) => items.map((item) => item.getAttribute("data-agent")));
    expect(outlierAgents).toContain("Javier Ortega");
    await page.locator("#redirects svg.recharts-surface").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-team-lead.png`, fullPage: true });

    // A heatmap cell opens that agent's conversations on that channel.
    await javier.locator("td[data-channel=chat] a").click();
    await page.waitForURL(/\/conversations\?.*agent=\d+.*channel=chat/);
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThan(0);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("shows an executive every team, with Ryan Cooper in the redirect counts, and exports the table as CSV", async () => {
    const page = await logIn("executive@demo.test");
    await page.goto(`${app.url}/dashboards/team`);
    const ryan = page.locator('table[data-table=agents] tr[data-agent="Ryan Cooper"]');
    await expect(ryan.locator("[data-metric=redirects]").innerText()).resolves.toBe(String(expected.team.redirectsByAgent["Ryan Cooper"]));
    expect(expected.team.redirectsByAgent["Ryan Cooper"]).toBeGreaterThan(10);
    await expect(page.locator('[data-list=coach] > li[data-agent="Ryan Cooper"] [data-issue=redirects]').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-team-all.png`, fullPage: true });

    const download = page.waitForEvent("download");
    await page.locator("#agents a[download]").click();
    expect((await download).suggestedFilename()).toMatch(/^agents-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const response = await page.request.get(`${app.url}/dashboards/export?board=team&table=agents`);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^Agent,Team,Conversations,/);
    const ryanLine = lines.find((line) => line.startsWith("Ryan Cooper,"));
    const redirectsColumn = lines[0].split(",").indexOf("Redirects");
    expect(redirectsColumn).toBeGreaterThan(2);
    expect(ryanLine?.split(",")[redirectsColumn]).toBe(String(expected.team.redirectsByAgent["Ryan Cooper"]));
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it("speaks Spanish and keeps agents and reviewers out", async () => {
    const page = await logIn("executive@demo.test", "es");
    await expect(page.locator("h1").innerText()).resolves.toBe("Resumen ejecutivo");
    await expect(page.locator("[data-kpi=conversations]").innerText()).resolves.toBe(expected.executive.conversations.toLocaleString("es"));
    await page.goto(`${app.url}/dashboards/team`);
    await expect(page.locator("#heatmap h2").innerText()).resolves.toBe("Tono por agente y canal");
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-team-es.png`, fullPage: true });
    await page.context().close();
    for (const email of ["agent@demo.test", "reviewer@demo.test"]) {
      const other = await logIn(email);
      const response = await other.goto(`${app.url}/dashboards/executive`);
      expect(response?.status()).toBe(403);
      await other.context().close();
    }
  });
});
