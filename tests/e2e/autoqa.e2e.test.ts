import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

const TEXT = {
  en: { queue: "My queue", accepted: "Accepted", submitted: "Review submitted", title: "AutoQA acceptance" },
  es: { queue: "Mi cola", accepted: "Aceptada", submitted: "Evaluación enviada", title: "Aceptación de AutoQA" },
} as const;

/**
 * The demo scorecards link six criteria to AutoQA features (db/seed/scorecards.ts). A reviewer opens the
 * next conversation in the queue, sees a suggestion with its evidence, marks the evidence on the transcript
 * by hovering it, accepts with A, completes and submits the review with the keyboard; the acceptance page
 * then counts one more accepted suggestion for that criterion.
 */
describe.runIf(availability.run)("AutoQA suggestions in Chromium", () => {
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

  /** Decided and accepted suggestions per criterion id, summed over the scorecards (as the admin sees them). */
  async function acceptance(locale: "en" | "es"): Promise<Record<string, { decided: number; accepted: number }>> {
    const page = await logIn("admin@demo.test", locale);
    await page.goto(`${app.url}/scorecards`);
    await page.locator("[data-testid=autoqa-link]").click();
    await page.locator("h1", { hasText: TEXT[locale].title }).waitFor();
    const rows = await page.locator("[data-testid=autoqa-criteria] tbody tr").evaluateAll((nodes) =>
      nodes.map((node) => ({
        criterionId: node.getAttribute("data-criterion-id") ?? "",
        decided: Number(node.querySelector("[data-col=decided]")?.textContent ?? "0"),
        accepted: Number(node.querySelector("[data-col=accepted]")?.getAttribute("data-count") ?? "0"),
      })),
    );
    await page.screenshot({ path: `${SCREENSHOTS}/autoqa-acceptance-${locale}.png`, fullPage: true });
    await page.context().close();
    const totals: Record<string, { decided: number; accepted: number }> = {};
    for (const row of rows) {
      totals[row.criterionId] ??= { decided: 0, accepted: 0 };
      totals[row.criterionId].decided += row.decided;
      totals[row.criterionId].accepted += row.accepted;
    }
    return totals;
  }

  const focused = (page: Page): Locator => page.locator(".criterion.focused");

  for (const locale of ["en", "es"] as const) {
    it(`shows a suggestion with evidence, accepts it with A, and the acceptance page counts it (${locale})`, async () => {
      const text = TEXT[locale];
      const before = await acceptance(locale);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining(["greeting", "resolved-without-redirect", "brand-tone", "empathy", "response-time", "closing"]),
      );

      const page = await logIn("reviewer@demo.test", locale);
      await page.locator("nav .nav-link", { hasText: text.queue }).click();
      await page.locator("[data-testid=open-next]").waitFor();
      await page.keyboard.press("n");
      await page.waitForURL(/\/conversations\/\d+\/review$/);
      await focused(page).waitFor();

      // The first criterion with a suggestion: move there with j.
      const cards = page.locator(".criterion");
      const count = await cards.count();
      const firstSuggested = await cards.evaluateAll((nodes) =>
        nodes.findIndex((node) => node.querySelector("[data-testid=autoqa-suggestion][data-state=pending]") !== null),
      );
      expect(firstSuggested).toBeGreaterThanOrEqual(0);
      const focusIndex = await cards.evaluateAll((nodes) => nodes.findIndex((node) => node.classList.contains("focused")));
      for (let step = focusIndex; step < firstSuggested; step++) await page.keyboard.press("j");
      const card = focused(page);
      const criterionId = await card.getAttribute("data-criterion-id");
      const suggestion = card.locator("[data-testid=autoqa-suggestion]");
      const suggestedLabel = (await suggestion.locator(".autoqa-rating").innerText()).trim();

      // Hovering a piece of evidence marks its message (and its phrase) on the transcript.
      const evidence = suggestion.locator("[data-testid=autoqa-evidence]").first();
      await expect(evidence.count()).resolves.toBe(1);
      await evidence.hover();
      await page.locator("article.msg.msg-evidence").waitFor();
      const quote = await evidence.locator("q").count();
      if (quote > 0) {
        await expect(page.locator("mark.autoqa-mark").first().innerText()).resolves.toBe(await evidence.locator("q").innerText());
      }
      await page.screenshot({ path: `${SCREENSHOTS}/autoqa-suggestion-${locale}.png` });
      await page.mouse.move(0, 0);

      // A accepts: the suggested point is selected, the suggestion says so.
      await page.keyboard.press("a");
      const accepted = page.locator(`.criterion[data-criterion-id="${criterionId}"]`);
      await expect(accepted.locator(".scale-point.selected").innerText()).resolves.toContain(suggestedLabel);
      await expect(accepted.locator("[data-testid=autoqa-suggestion]").getAttribute("data-state")).resolves.toBe("accepted");
      await expect(accepted.locator(".autoqa-state").innerText()).resolves.toContain(text.accepted);
      if ((await accepted.locator(".root-causes").count()) > 0) {
        await page.keyboard.press("Shift+Digit1");
        await page.keyboard.press("j");
      }

      // Complete the review with the keyboard: the top point where nothing is suggested, a root cause where asked.
      for (let guard = 0; guard < count * 2; guard++) {
        const rated = await cards.evaluateAll((nodes) => nodes.map((node) => node.querySelector(".scale-point.selected") !== null));
        if (rated.every(Boolean)) break;
        const index = rated.indexOf(false);
        const current = await cards.evaluateAll((nodes) => nodes.findIndex((node) => node.classList.contains("focused")));
        for (let step = current; step < index; step++) await page.keyboard.press("j");
        for (let step = current; step > index; step--) await page.keyboard.press("k");
        const points = await cards.nth(index).locator(".scale-point:not(.scale-na)").count();
        await page.keyboard.press(String(points));
        if ((await cards.nth(index).locator(".root-causes").count()) > 0) await page.keyboard.press("Shift+Digit1");
      }
      await page.locator(".save-indicator.save-saved").waitFor();
      await page.keyboard.press("Control+Enter");
      await expect(page.locator(".alert-success").innerText()).resolves.toContain(text.submitted);
      await page.context().close();

      const after = await acceptance(locale);
      const id = criterionId ?? "";
      expect(after[id].decided).toBe(before[id].decided + 1);
      expect(after[id].accepted).toBe(before[id].accepted + 1);
    });
  }

  it("logged no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
