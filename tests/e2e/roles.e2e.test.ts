import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

describe.runIf(availability.run)("the app in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logIn(email: string, locale: "en" | "es" = "en"): Promise<Page> {
    const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US", viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill("#email", email);
    await page.fill("#password", "demo-password");
    await page.click("button[type=submit]");
    await page.locator("nav .nav-link").first().waitFor();
    return page;
  }

  async function navLinks(page: Page): Promise<string[]> {
    return page.locator("nav .nav-link").allInnerTexts();
  }

  it("prints the URL and the demo logins at start", () => {
    expect(app.output()).toContain("is running at");
    expect(app.output()).toContain("agent@demo.test");
  });

  it("shows the demo banner and the demo logins on the login page", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    expect(page.url()).toContain("/login");
    await expect(page.locator(".demo-banner").innerText()).resolves.toContain("demo-password");
    await page.screenshot({ path: `${SCREENSHOTS}/login.png` });
    await page.close();
  });

  it("rejects a wrong password with a clear message", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill("#email", "reviewer@demo.test");
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    await expect(page.locator("[role=alert]").innerText()).resolves.toMatch(/do not match|no coinciden/);
    await page.close();
  });

  it("admin sees every conversation and manages users", async () => {
    const page = await logIn("admin@demo.test");
    expect(await navLinks(page)).toEqual([
      "Overview",
      "Team performance",
      "Reviewer workload",
      "Conversations",
      "My queue",
      "Reviews",
      "Scorecards",
      "Sampling",
      "Calibration",
      "Frustrated customers",
      "Users",
      "Imports",
      "Connectors",
      "API tokens",
      "Sentiment settings",
      "Response targets",
    ]);
    const teams = new Set(await page.locator("table.data tbody tr td:first-child .muted").allInnerTexts());
    expect(teams.size).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENSHOTS}/conversations-admin.png`, fullPage: false });
    await page.goto(`${app.url}/admin/users`);
    await expect(page.locator("h1").innerText()).resolves.toBe("Users");
    await expect(page.locator("table.data tbody tr").count()).resolves.toBe(5);
    await page.screenshot({ path: `${SCREENSHOTS}/users.png` });
    await page.context().close();
  });

  for (const [role, links] of [
    ["reviewer", ["My workload", "Conversations", "My queue", "Reviews", "Calibration", "Frustrated customers"]],
    ["executive", ["Overview", "Team performance", "Reviewer workload", "Conversations", "Reviews", "Frustrated customers"]],
  ] as const) {
    it(`${role} browses all conversations but not user management`, async () => {
      const page = await logIn(`${role}@demo.test`);
      expect(await navLinks(page)).toEqual(links);
      const response = await page.goto(`${app.url}/admin/users`);
      expect(response?.status()).toBe(403);
      await page.context().close();
    });
  }

  it("lead sees only their team's conversations", async () => {
    const page = await logIn("lead@demo.test");
    await page.goto(`${app.url}/conversations`);
    const teams = new Set(await page.locator("table.data tbody tr td:first-child .muted").allInnerTexts());
    expect([...teams]).toEqual(["Soporte España"]);
    await page.context().close();
  });

  it("agent sees only their own conversations, in Spanish when the browser asks for it", async () => {
    const page = await logIn("agent@demo.test", "es");
    expect(await navLinks(page)).toEqual(["Mis conversaciones", "Mis evaluaciones"]);
    await expect(page.locator("h1").innerText()).resolves.toBe("Mis conversaciones");
    const rows = page.locator("table.data tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await rows.first().locator("a").click();
    await page.locator(".page-header p", { hasText: "Javier Ortega" }).waitFor();
    await page.context().close();
  });

  it("opens a conversation with its transcript, reply times and the customer's history", async () => {
    const page = await logIn("reviewer@demo.test");
    await page.locator("table.data tbody tr a").first().click();
    await page.locator("article.msg").first().waitFor();
    expect(await page.locator("article.msg").count()).toBeGreaterThan(1);
    await expect(page.locator("article.msg-customer").first().isVisible()).resolves.toBe(true);
    await expect(page.locator("aside h2").allInnerTexts()).resolves.toContain("Customer history on every channel");
    await page.screenshot({ path: `${SCREENSHOTS}/conversation.png`, fullPage: true });
    await page.context().close();
  });

  it("switches the interface to Spanish and remembers it", async () => {
    const page = await logIn("executive@demo.test");
    await page.goto(`${app.url}/conversations`);
    await page.click(".lang-switch button[value=es]");
    await page.locator("h1", { hasText: "Conversaciones" }).waitFor();
    await page.reload();
    await expect(page.locator("h1").innerText()).resolves.toBe("Conversaciones");
    await page.fill("#q", "factura");
    await page.click(".filters button[type=submit]");
    await page.waitForURL(/q=factura/);
    await page.locator("table.data tbody tr").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/conversations-es-search.png` });
    await page.context().close();
  });
});
