import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function chromiumPath(): string | null {
  const candidate = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  return existsSync(candidate) ? candidate : null;
}

/** Skips loudly where no browser exists, except under CI=true where a missing browser is a failure. */
export function browserAvailability(): { run: boolean; reason?: string } {
  if (chromiumPath()) return { run: true };
  const message = `No Chromium at ${process.env.CHROME_PATH ?? "/usr/bin/chromium"}: install it (apt-get install -y chromium) or set CHROME_PATH.`;
  if (process.env.CI === "true") throw new Error(`End-to-end tests need a browser under CI. ${message}`);
  console.warn(`\n!!! SKIPPING END-TO-END TESTS !!! ${message}\n`);
  return { run: false, reason: message };
}

export function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found");
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningApp {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * End-to-end files run in parallel, and the first app to start builds the app: starts take turns (a lock
 * directory) so two builds never write build/ at once; later starts find the build fresh.
 */
async function oneStartAtATime<T>(start: () => Promise<T>): Promise<T> {
  const lock = path.resolve(".cache/e2e-start.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  while (true) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      let heldFor = 0;
      try {
        heldFor = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      // A start that died without releasing the lock: nobody holds it after five minutes.
      if (heldFor > 300_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await start();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

interface StartOptions {
  conversations?: number;
  /** A folder a test prepared (and queried) first; removed on stop like a fresh one. */
  dataDir?: string;
}

/** Starts the built app exactly as `npm start` does, on a fresh embedded database with demo data, or on `dataDir`. */
export function startApp(options: StartOptions = {}): Promise<RunningApp> {
  return oneStartAtATime(() => startAppNow(options));
}

async function startAppNow({ conversations = 400, dataDir: preparedDir }: StartOptions): Promise<RunningApp> {
  const dataDir = preparedDir ?? mkdtempSync(path.join(tmpdir(), "qa-e2e-"));
  const port = await freePort();
  let output = "";
  const { DATABASE_URL: _serverDatabase, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...inherited, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", DEMO_CONVERSATIONS: String(conversations), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200 && output.includes("is running at")) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  if (Date.now() >= deadline) throw new Error(`The app did not become healthy:\n${output}`);
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
