import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

describe.runIf(availability.run)("sampling in Chromium", () => {
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

  async function logIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill("#email", email);
    await page.fill("#password", "demo-password");
    await page.click("button[type=submit]");
    await page.locator("nav .nav-link").first().waitFor();
    return page;
  }

  it("a lead creates a rule, sees the margin of error, draws and assigns; the reviewer finds the conversations in the queue", async () => {
    const lead = await logIn("lead@demo.test");
    await lead.locator("nav .nav-link", { hasText: "Sampling" }).click();
    await lead.waitForURL(/\/sampling$/);
    await lead.fill("input[name=name]", "Weekly team QA");
    await lead.click("button:has-text('Create rule')");
    await lead.waitForURL(/\/sampling\/rules\/\d+$/);

    await lead.fill("input[name=lastDays]", "");
    await lead.selectOption("select[name=sizeKind]", "total");
    await lead.fill("input[name=sizeValue]", "3");
    await lead.locator("label.checkbox", { hasText: "(QA reviewer)" }).locator("input").check();
    await lead.click("button:has-text('Save new version')");
    await expect(lead.locator("[role=status]").innerText()).resolves.toContain("Saved as a new version");
    await lead.locator(".page-header p", { hasText: "Version 2" }).waitFor();
    await lead.locator("section[aria-labelledby=precision-title]", { hasText: "3 would be drawn" }).waitFor();
    const precision = await lead.locator("section[aria-labelledby=precision-title]").innerText();
    expect(precision).toMatch(/3 would be drawn/);
    expect(precision).toMatch(/reviews per agent → ±\d+\.\d points|not enough reviews/);
    expect(precision).toMatch(/assumed SD|SD \d+\.\d from \d+ past reviews/);
    await lead.screenshot({ path: `${SCREENSHOTS}/sampling-rule.png`, fullPage: true });

    await lead.click("button:has-text('Draw now')");
    await lead.waitForURL(/\/sampling\/samples\/\d+$/);
    const stats = lead.locator("dl.stats dd");
    await expect(stats.nth(0).innerText()).resolves.toBe("3");
    await expect(stats.nth(1).innerText()).resolves.toBe("3");
    const subjects = await lead.locator("table.data tbody tr a.subject").allInnerTexts();
    expect(subjects).toHaveLength(3);
    await lead.screenshot({ path: `${SCREENSHOTS}/sampling-sample.png`, fullPage: true });
    await lead.context().close();

    const reviewer = await logIn("reviewer@demo.test");
    await reviewer.locator("nav .nav-link", { hasText: "My queue" }).click();
    await reviewer.waitForURL(/\/queue$/);
    const queue = await reviewer.locator("table.data tbody tr a.subject").allInnerTexts();
    for (const subject of subjects) expect(queue).toContain(subject);
    await reviewer.context().close();
  });
});
