import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { parseEnv } from "../app/env.server";
import { closeDatabase, getDatabaseHandle } from "../db/client";
import { startScheduler, startScoring, stopScheduler } from "../db/ingest/jobs";
import { countStaleFacts } from "../db/facts";
import { DEMO_DATA_KEY, getSetting } from "../db/queries/settings";
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty } from "../db/seed/load";
import { seedWithProgress, todayUtc } from "./demo";

const BUILD_ENTRY = path.resolve("build/server/index.js");
const SOURCE_DIRS = ["app", "db", "scoring", "public"];

function newestSourceChange(): number {
  let newest = 0;
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) visit(dir);
  for (const file of ["vite.config.ts", "package.json"]) newest = Math.max(newest, statSync(file).mtimeMs);
  return newest;
}

/** `npm start` works right after `npm ci`: build once, and again only when the sources changed. */
function ensureBuild() {
  if (existsSync(BUILD_ENTRY) && statSync(BUILD_ENTRY).mtimeMs >= newestSourceChange()) return;
  console.log("Building the app (first start or changed sources)…");
  // VITEST is set when the end-to-end tests start the app; the Remix plugin must not think it runs under vitest.
  const { VITEST: _underVitest, ...buildEnv } = process.env;
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", env: { ...buildEnv, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
}

async function main() {
  const env = parseEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" });
  process.env.NODE_ENV = env.NODE_ENV;
  if (!env.DATABASE_URL && !process.env.INSECURE_COOKIES) {
    // The embedded default is a local demo over plain HTTP: Secure cookies would never be sent back.
    process.env.INSECURE_COOKIES = "1";
  }
  ensureBuild();

  const handle = await getDatabaseHandle();
  console.log(`Database: ${handle.driver} (${handle.location}), migrations applied.`);
  const demoState = await getSetting<boolean | string>(handle.db, DEMO_DATA_KEY);
  if (demoState === "loading") {
    throw new Error(`An earlier demo-data load was interrupted. Delete ${handle.location} and start again.`);
  }
  const embedded = handle.driver === "pglite";
  if (embedded && process.env.DEMO_DATA !== "0" && (await isDatabaseEmpty(handle))) {
    console.log("Empty embedded database: loading demo data (set DEMO_DATA=0 to start empty)…");
    await seedWithProgress(handle, { conversations: Number(process.env.DEMO_CONVERSATIONS ?? 2000), seed: "demo", endDate: todayUtc() });
  }

  // Background imports and scheduled connector syncs run in this process; their state is in the database.
  await startScheduler(handle.db);
  const stale = await countStaleFacts(handle.db);
  if (stale > 0) {
    // A database from before the facts tables, or a recompute cut short by a restart: finish it in the background.
    console.log(`Computing the facts of ${stale} conversations in the background (dashboards fill in as it goes)…`);
    const { recomputeStaleFactsInBackground } = await import("../app/dashboards/recompute.server");
    recomputeStaleFactsInBackground(handle.db)
      .then((done) => console.log(`Facts up to date (${done} conversations computed).`))
      .catch((error: unknown) => console.error("Computing facts failed:", error));
  }

  const build = (await import(pathToFileURL(BUILD_ENTRY).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.socket.remoteAddress ?? "unknown" }) }));

  const server = app.listen(env.PORT, env.HOST, async () => {
    const url = `http://localhost:${env.PORT}`;
    console.log(`\nCalidad QA is running at ${url}`);
    if ((await getSetting<boolean | string>(handle.db, DEMO_DATA_KEY)) === true) {
      console.log(`Demo logins (password "${DEMO_PASSWORD}"):`);
      for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(10)} ${user.email}`);
    } else if (await isDatabaseEmpty(handle)) {
      console.log(`No users yet: open ${url}/setup to create the first admin (or run npm run create-admin).`);
    }
    // Sentiment and frustration of messages not scored yet (the demo data on a first start), after the server is up.
    startScoring(handle.db);
  });

  // PGlite keeps the process alive and must be closed cleanly, or its folder may be left locked.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down…`);
    stopScheduler();
    server.close();
    server.closeAllConnections();
    closeDatabase()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
