import { rm } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../client";
import { dueConnectors } from "../queries/connectors";
import { finishImport, getImport, listUnfinishedImports } from "../queries/imports";
import { dueRules, runScheduledRule } from "../queries/sampling";
import { getSetting, putSetting } from "../queries/settings";
import { type ScoringProgress, runScoring } from "../scoring/run-scoring";
import type { HttpOptions } from "./connectors/http";
import { runConnectorSync } from "./connectors/sync";
import { type LiveProgress, runFileImport } from "./files/run-import";

/**
 * Imports and syncs run in the app's own process, in the background: the page that started one may close.
 * Their state is in the database (`imports`, `connectors.next_run_at`), so after a restart the scheduler resumes
 * unfinished file imports from their last batch and runs overdue syncs. The registry lives on globalThis so the
 * server script and the Remix build (two copies of this module) share it.
 */
interface JobRegistry {
  imports: Map<number, Promise<unknown>>;
  syncs: Map<number, Promise<unknown>>;
  live: Map<number, LiveProgress>;
  /** The scheduled sampling draws in progress, so one tick does not start a second while the first runs. */
  draws?: Promise<number[]>;
  scoring?: Promise<unknown>;
  scoringProgress?: ScoringProgress;
  timer?: ReturnType<typeof setInterval>;
}

const store = globalThis as typeof globalThis & { __qaJobs?: JobRegistry };
store.__qaJobs ??= { imports: new Map(), syncs: new Map(), live: new Map() };
const registry: JobRegistry = store.__qaJobs;

export function uploadsDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR ?? ".data", "uploads");
}

export function startFileImport(db: Database, importId: number): boolean {
  if (registry.imports.has(importId)) return false;
  const job = runFileImport(db, importId, { onProgress: (progress) => registry.live.set(importId, progress) })
    .then(async (result) => {
      // Uploaded files are only kept while their import may still need them.
      if (result.filePath?.startsWith(uploadsDirectory() + path.sep)) await rm(result.filePath, { force: true });
      startScoring(db);
    })
    .catch((error: unknown) => console.error(`import ${importId} stopped:`, error))
    .finally(() => {
      registry.imports.delete(importId);
      registry.live.delete(importId);
    });
  registry.imports.set(importId, job);
  return true;
}

export function startConnectorSync(db: Database, connectorId: number, http?: HttpOptions): boolean {
  if (registry.syncs.has(connectorId)) return false;
  const job = runConnectorSync(db, connectorId, { http })
    .then(() => startScoring(db))
    .catch((error: unknown) => console.error(`sync of connector ${connectorId} stopped:`, error))
    .finally(() => registry.syncs.delete(connectorId));
  registry.syncs.set(connectorId, job);
  return true;
}

export function isSyncRunning(connectorId: number): boolean {
  return registry.syncs.has(connectorId);
}

/** Progress of an all-or-nothing import, whose counts are not visible in the database until it commits. */
export function liveProgress(importId: number): LiveProgress | undefined {
  return registry.live.get(importId);
}

/** Set while a scoring run is under way, so that a restart picks it up again. */
export const SCORING_JOB_KEY = "scoring_job";

/**
 * Scores every message the current model version has not scored (and the frustration of their conversations),
 * in the background. Progress is in the database (what is left unscored); one run at a time.
 */
export function startScoring(db: Database): boolean {
  if (registry.scoring) return false;
  const job = putSetting(db, SCORING_JOB_KEY, "running")
    .then(() =>
      runScoring(db, {
        onProgress: (progress) => {
          registry.scoringProgress = progress;
        },
      }),
    )
    .then(() => putSetting(db, SCORING_JOB_KEY, "done"))
    .catch((error: unknown) => console.error("scoring stopped:", error))
    .finally(() => {
      registry.scoring = undefined;
      registry.scoringProgress = undefined;
    });
  registry.scoring = job;
  return true;
}

/** The running scoring job's progress, or null when none runs. */
export function scoringProgress(): ScoringProgress | null {
  return registry.scoring ? (registry.scoringProgress ?? null) : null;
}

/** Waits for every running job (tests, shutdown). */
export async function settleJobs(): Promise<void> {
  while (registry.imports.size || registry.syncs.size || registry.scoring) {
    await Promise.all([...registry.imports.values(), ...registry.syncs.values(), registry.scoring]);
  }
}

/** What a restart must pick up: file imports continue from their last batch; syncs cut off are closed (their cursor resumes them). */
export async function resumeAfterRestart(db: Database): Promise<void> {
  for (const run of await listUnfinishedImports(db, ["csv", "jsonl", "sync"])) {
    if (run.kind === "sync") {
      if (!registry.syncs.has(run.connectorId ?? -1)) {
        await finishImport(db, run.id, { status: "failed", failure: "Interrupted by a restart; the next sync continues from the last saved page." });
      }
    } else if ((await getImport(db, run.id))?.filePath) startFileImport(db, run.id);
  }
  if ((await getSetting<string>(db, SCORING_JOB_KEY)) === "running") startScoring(db);
}

/** Starts the syncs whose next run is due. */
export async function runDueSyncs(db: Database, now = new Date()): Promise<number[]> {
  const due = await dueConnectors(db, now);
  return due.filter(({ id }) => startConnectorSync(db, id)).map(({ id }) => id);
}

/**
 * Draws the sampling rules whose next run is due, one after another. The next run is stored with the rule and each
 * sample's period key is unique per rule, so a restart in the middle neither loses a period nor draws one twice.
 */
export function runDueDraws(db: Database, now = new Date()): Promise<number[]> {
  if (registry.draws) return registry.draws;
  const run = (async () => {
    const drawn: number[] = [];
    for (const { id } of await dueRules(db, now)) {
      try {
        const outcome = await runScheduledRule(db, { ruleId: id, now });
        if (outcome) drawn.push(outcome.sampleId);
      } catch (error: unknown) {
        console.error(`scheduled draw of sampling rule ${id} failed:`, error);
      }
    }
    return drawn;
  })().finally(() => {
    registry.draws = undefined;
  });
  registry.draws = run;
  return run;
}

export async function startScheduler(db: Database, { intervalMs = 30_000 }: { intervalMs?: number } = {}): Promise<void> {
  stopScheduler();
  await resumeAfterRestart(db);
  await runDueSyncs(db);
  await runDueDraws(db);
  registry.timer = setInterval(() => {
    runDueSyncs(db).catch((error: unknown) => console.error("scheduler:", error));
    runDueDraws(db).catch((error: unknown) => console.error("scheduler:", error));
  }, intervalMs);
  registry.timer.unref();
}

export function stopScheduler(): void {
  if (registry.timer) clearInterval(registry.timer);
  registry.timer = undefined;
}
