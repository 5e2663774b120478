import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

describe.runIf(availability.run)("frustrated customers in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await page.goto(`${app.url}/login`);
    await page.fill("#email", email);
    await page.fill("#password", "demo-password");
    await page.click("button[type=submit]");
    await page.locator("nav .nav-link").first().waitFor();
    return page;
  }

  it("lists the demo conversations the background scoring flagged, with reasons, and opens one for review", async () => {
    const page = await logIn("reviewer@demo.test");
    await page.locator("nav .nav-link", { hasText: "Frustrated customers" }).click();
    await page.waitForURL(/\/frustrated$/);
    // The demo data is scored in the background after the server starts: wait for the first flags.
    const rows = page.locator("[data-testid=frustrated-list] tbody tr");
    const deadline = Date.now() + 120_000;
    while ((await rows.count()) === 0 && Date.now() < deadline) {
      await page.waitForTimeout(2000);
      await page.reload();
    }
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().locator(".badge-reason").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}/frustrated-list.png`, fullPage: true });

    const conversationId = await rows.first().getAttribute("data-conversation-id");
    await rows.first().locator("[data-testid=review-frustrated]").click();
    await page.waitForURL(new RegExp(`/conversations/${conversationId}/review$`));
    await page.locator("[data-testid=sentiment-timeline]").waitFor();
    expect(await page.locator("article.msg[data-sentiment=negative]").count()).toBeGreaterThan(0);
    const tag = page.locator("article.msg[data-author-role=customer] .sentiment-tag").first();
    expect(await tag.getAttribute("title")).toMatch(/%.*predicted by the sentiment model/);
    await page.screenshot({ path: `${SCREENSHOTS}/frustrated-review.png`, fullPage: true });
    expect(consoleErrors).toEqual([]);
  }, 240_000);

  it("shows the shipped model and its version on the admin's sentiment settings", async () => {
    const page = await logIn("admin@demo.test");
    await page.locator("nav .nav-link", { hasText: "Sentiment settings" }).click();
    await page.waitForURL(/\/admin\/scoring$/);
    expect(await page.locator("[data-testid=model-id]").innerText()).toBe("calidad-sentiment-es-en");
    // The server build must find the shipped model folder, not fall back to a hub id.
    const shipped = JSON.parse(readFileSync("scoring/sentiment/models/calidad-sentiment-es-en/config.json", "utf8")) as {
      calidad: { version: string };
    };
    expect(await page.locator("[data-testid=model-version]").innerText()).toBe(shipped.calidad.version);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
