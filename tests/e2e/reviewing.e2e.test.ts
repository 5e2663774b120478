import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

/**
 * The keys a reviewer presses on the default scorecard (the same eight criteria in Spanish and
 * English, db/seed/scorecards.ts), and the score docs/scoring.md gives for them:
 *
 *   greeting           3 of 3  → 100 × weight 1 = 100
 *   understood need    4 of 4  → 100 × 2        = 200
 *   no redirect        pass    → 100 × 3        = 300   (critical, not failed)
 *   correct info       4 of 5  →  75 × 3        = 225   (critical, not at its minimum)
 *   brand tone         2 of 5  →  25 × 1        =  25   negative: a root cause is asked (⇧1)
 *   empathy            3 of 4  → 66.67 × 1      =  66.67
 *   response time      N/A     → left out of both sums
 *   closing            3 of 3  → 100 × 1        = 100
 *   score = 1016.67 / 12 = 84.72 → shown as 84.7 (84,7 in Spanish)
 */
const GRADING_KEYS = ["3", "4", "2", "4", "2", "Shift+Digit1", "j", "3", "n", "3"];
const EXPECTED_SCORE = { en: "84.7", es: "84,7" };

const TEXT = {
  en: { queue: "My queue", submitted: "Review submitted: score 84.7.", myReviews: "My reviews", note: "Greets the customer by name" },
  es: {
    queue: "Mi cola",
    submitted: "Evaluación enviada: puntuación 84,7.",
    myReviews: "Mis evaluaciones",
    note: "Saluda al cliente por su nombre",
  },
} as const;

describe.runIf(availability.run)("reviewing in Chromium", () => {
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

  async function logIn(email: string, locale: "en" | "es"): Promise<Page> {
    const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US", viewport: { width: 1440, height: 900 } });
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

  for (const locale of ["en", "es"] as const) {
    it(`grades a conversation from the queue with the keyboard alone, highlights a message and submits (${locale})`, async () => {
      const text = TEXT[locale];
      const page = await logIn("reviewer@demo.test", locale);
      await page.locator("nav .nav-link", { hasText: text.queue }).click();
      await page.locator("[data-testid=open-next]").waitFor();
      const subject = await page.locator("table.data tbody tr").first().locator("a.subject").innerText();

      // From here on, only the keyboard.
      await page.keyboard.press("n");
      await page.waitForURL(/\/conversations\/\d+\/review$/);
      await page.locator(".criterion.focused").waitFor();
      await expect(page.locator("h1").innerText()).resolves.toBe(subject);
      for (const key of GRADING_KEYS) await page.keyboard.press(key);
      await expect(page.locator(".score-value").innerText()).resolves.toContain(EXPECTED_SCORE[locale]);
      await expect(page.locator(".score-side").innerText()).resolves.toMatch(/All criteria rated|Todos los criterios valorados/);

      // Select the first agent message and mark it exemplary, with a note.
      const messages = page.locator("article.msg");
      const firstAgent = await messages.evaluateAll((nodes) =>
        nodes.findIndex((node) => node.getAttribute("data-author-role") === "agent"),
      );
      for (let step = 0; step <= firstAgent; step++) await page.keyboard.press("m");
      await page.keyboard.press("e");
      const note = page.locator(".highlight-note-input");
      await note.waitFor();
      await expect(note.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      await page.keyboard.type(text.note);
      await page.keyboard.press("Enter");
      await expect(messages.nth(firstAgent).getAttribute("class")).resolves.toContain("msg-highlight-exemplary");

      // Select a few words of the customer's first message and mark just them as needing work.
      const customerBody = page.locator("article.msg-customer .msg-body").first();
      const selected = await customerBody.evaluate((body) => {
        const textNode = body.firstChild;
        if (!textNode || textNode.nodeType !== Node.TEXT_NODE) throw new Error("no text to select");
        const range = document.createRange();
        range.setStart(textNode, 0);
        range.setEnd(textNode, Math.min(12, textNode.textContent?.length ?? 0));
        window.getSelection()?.removeAllRanges();
        window.getSelection()?.addRange(range);
        return range.toString();
      });
      await page.keyboard.press("w");
      await expect(page.locator("mark.hl-needs_work").first().innerText()).resolves.toBe(selected);
      // The new highlight's note field takes the focus; Escape leaves it without a note.
      await page.waitForFunction(() => document.activeElement === document.querySelectorAll(".highlight-note-input")[1]);
      await page.keyboard.press("Escape");
      await expect(page.locator(".highlight-item").count()).resolves.toBe(2);

      await page.locator(".save-indicator.save-saved").waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/review-${locale}.png` });
      await page.keyboard.press("?");
      await page.locator(".shortcuts-dialog[open]").waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/review-shortcuts-${locale}.png` });
      await page.keyboard.press("Escape");

      await page.keyboard.press("Control+Enter");
      await expect(page.locator(".alert-success").innerText()).resolves.toContain(text.submitted);
      await expect(page.locator(".score-value").innerText()).resolves.toContain(EXPECTED_SCORE[locale]);
      await page.screenshot({ path: `${SCREENSHOTS}/review-submitted-${locale}.png` });
      await page.context().close();
    });

    it(`shows the agent the new review with its highlight (${locale})`, async () => {
      const text = TEXT[locale];
      const page = await logIn("agent@demo.test", locale);
      await page.locator("nav .nav-link", { hasText: text.myReviews }).click();
      const newest = page.locator("table.data tbody tr").first();
      await expect(newest.locator(".score-badge").innerText()).resolves.toBe(EXPECTED_SCORE[locale]);
      await newest.locator("a.subject").click();
      await page.locator(".highlight-item").first().waitFor();
      await expect(page.locator(".highlight-item").allInnerTexts()).resolves.toEqual([expect.stringContaining(text.note), expect.anything()]);
      await expect(page.locator(".score-value").innerText()).resolves.toContain(EXPECTED_SCORE[locale]);
      await expect(page.locator("mark.hl, .msg-highlight-exemplary").count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: `${SCREENSHOTS}/agent-review-${locale}.png`, fullPage: true });
      await page.context().close();
    });
  }

  it("lets an admin build, publish and apply a scorecard", async () => {
    const page = await logIn("admin@demo.test", "en");
    await page.goto(`${app.url}/scorecards`);
    await page.fill("#new-scorecard-name", "WhatsApp express");
    await page.click("text=Create and edit");
    await page.waitForURL(/\/scorecards\/\d+$/);
    await page.locator(".builder-criterion.open input[id$='-title']").fill("Answered within 30 seconds");
    await page.locator(".builder-criterion.open select[id$='-scale']").selectOption("binary");
    await page.locator(".builder-criterion.open label", { hasText: "Critical" }).click();
    await page.click("text=+ Add criterion");
    await expect(page.locator(".validation-card h2").innerText()).resolves.toBe("1 problem before publishing");
    await page.locator(".builder-criterion.open input[id$='-title']").fill("Used the customer's name");
    await expect(page.locator(".validation-card h2").innerText()).resolves.toBe("Ready to publish");
    await page.click("text=Publish v1");
    await page.locator(".alert-success", { hasText: "Version 1 published" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/scorecard-builder.png` });
    await page.locator(".applicability label", { hasText: "WhatsApp" }).click();
    await page.locator(".applicability button[type=submit]").click();
    await page.locator(".applicability", { hasText: "✓" }).waitFor();
    await page.goto(`${app.url}/scorecards`);
    await expect(page.locator("table.data tbody tr", { hasText: "WhatsApp express" }).innerText()).resolves.toContain("v1");
    await page.context().close();
  });

  it("logged no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
