import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/auth/password.server";
import * as healthz from "../../app/routes/healthz";
import { openPglite, setDatabaseHandle } from "../../db/client";
import { findUserByEmail } from "../../db/queries/users";
import { buildRequest, runRoute } from "../helpers/routes";

describe("GET /healthz", () => {
  it("answers 200 while the database answers and 503 once it is gone", async () => {
    const handle = await openPglite(null);
    setDatabaseHandle(handle);
    expect((await runRoute(healthz, buildRequest("/healthz"))).response?.status).toBe(200);
    await handle.close();
    expect((await runRoute(healthz, buildRequest("/healthz"))).response?.status).toBe(503);
    setDatabaseHandle(undefined);
  });
});

describe("npm run create-admin", () => {
  it("creates an admin from the command line and refuses a weak password or a taken email", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "qa-cli-"));
    const run = (password: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "scripts/create-admin.ts", "--email", "boss@example.test", "--name", "Boss"], {
        env: { ...process.env, DATA_DIR: dataDir, ADMIN_PASSWORD: password, DATABASE_URL: "" },
        encoding: "utf8",
      });
    const weak = run("short");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("password");
    const created = run("a long enough password");
    expect(created.status, created.stderr).toBe(0);
    const again = run("a long enough password");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already exists");
    const handle = await openPglite(path.join(dataDir, "pglite"));
    const admin = await findUserByEmail(handle.db, "boss@example.test");
    expect(admin?.role).toBe("admin");
    expect(await verifyPassword(admin?.passwordHash ?? "", "a long enough password")).toBe(true);
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
