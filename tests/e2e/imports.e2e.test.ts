import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, browserAvailability, launchBrowser, startApp } from "./server";

const availability = browserAvailability();
const SCREENSHOTS = "tests/e2e/screenshots";

const CSV = [
  "conversacion;canal;asunto;agente;email_agente;cliente;rol;fecha;mensaje",
  "E2E-1;whatsapp;Pedido E2E perdido;Nuria Vidal;nuria.vidal@acme.test;Carla Soto;cliente;05/03/2026 10:15;Hola, mi pedido no ha llegado",
  "E2E-1;whatsapp;;;;;agente;05/03/2026 10:18;<p>Lo reviso <b>ahora mismo</b></p>",
  "E2E-2;email;Otra consulta E2E;Nuria Vidal;nuria.vidal@acme.test;Iván Gómez;cliente;ayer por la tarde;Quiero cambiar la dirección",
].join("\n");

describe.runIf(availability.run)("imports in Chromium", () => {
  let app: RunningApp;
  let browser: Browser;
  let csvPath: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    csvPath = path.join(mkdtempSync(path.join(tmpdir(), "qa-e2e-csv-")), "export.csv");
    writeFileSync(csvPath, `\uFEFF${CSV}`);
    [app, browser] = await Promise.all([startApp({ conversations: 60 }), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function logInAsAdmin(): Promise<Page> {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/login`);
    await page.fill("#email", "admin@demo.test");
    await page.fill("#password", "demo-password");
    await page.click("button[type=submit]");
    await page.locator("nav .nav-link").first().waitFor();
    return page;
  }

  it("an admin uploads a CSV with a bad row, sees the counts and the error report, and finds the imported conversation", async () => {
    const page = await logInAsAdmin();
    await page.getByRole("link", { name: "Imports" }).click();
    await page.locator("h1", { hasText: "Imports" }).waitFor();
    await page.setInputFiles("#file", csvPath);
    await page.fill("#timeZone", "Europe/Madrid");
    await page.click("button[type=submit]:has-text('Start import')");
    await page.waitForURL(/started=/);
    const row = page.locator("#import-history tbody tr").first();
    await row.locator("td", { hasText: "export.csv" }).waitFor();
    await page.waitForFunction(() => document.querySelector("#import-history tbody tr")?.getAttribute("data-status") === "succeeded", null, {
      timeout: 30_000,
    });
    await expect(row.locator(".created").innerText()).resolves.toBe("1");
    await expect(row.locator(".rejected").innerText()).resolves.toBe("1");
    await expect(row.locator(".error-count").innerText()).resolves.toBe("1");
    await page.screenshot({ path: `${SCREENSHOTS}/imports.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), row.locator("a.error-report").click()]);
    const report = readFileSync((await download.path())!, "utf8");
    expect(report).toContain("line,conversation_id,field,reason");
    expect(report).toContain('4,E2E-2,sent_at,"""ayer por la tarde"" is not a date');

    await page.goto(`${app.url}/conversations?q=${encodeURIComponent("Pedido E2E perdido")}`);
    const found = page.locator("table.data tbody tr", { hasText: "Pedido E2E perdido" });
    await found.waitFor();
    await expect(found.innerText()).resolves.toContain("Nuria Vidal");
    await found.locator("a").first().click();
    await page.locator("article.msg").first().waitFor();
    await expect(page.locator("article.msg").allInnerTexts()).resolves.toEqual([expect.stringContaining("mi pedido no ha llegado"), expect.stringContaining("Lo reviso ahora mismo")]);
    await page.context().close();
  });

  it("offers the sample files and shows the connectors and API token pages", async () => {
    const page = await logInAsAdmin();
    await page.goto(`${app.url}/admin/imports`);
    const sample = await page.request.get(`${app.url}${await page.locator("a[href='/samples/conversations.csv']").getAttribute("href")}`);
    expect(sample.status()).toBe(200);
    expect(await sample.text()).toContain("conversation_id,channel");
    await page.goto(`${app.url}/admin/connectors`);
    await page.locator("h1", { hasText: "Connectors" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/connectors.png`, fullPage: true });
    await page.goto(`${app.url}/admin/api-tokens`);
    await page.fill("#token-name", "CRM");
    await page.click("button[type=submit]:has-text('Create token')");
    const token = await page.locator("[data-testid=new-token]").innerText();
    expect(token).toMatch(/^qa_/);
    await page.screenshot({ path: `${SCREENSHOTS}/api-tokens.png`, fullPage: true });
    const response = await page.request.get(`${app.url}/api/v1/conversations/csv/E2E-1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ externalId: "E2E-1", channel: "whatsapp", messageCount: 2 });
    await page.context().close();
  });
});
