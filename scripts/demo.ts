import { hashPassword } from "../app/auth/password.server";
import type { DatabaseHandle } from "../db/client";
import { DEMO_PASSWORD, type LoadProgress, loadDemoData } from "../db/seed/load";

/** Loads demo data with a progress line on the terminal; shared by `npm start` and `npm run seed`. */
export async function seedWithProgress(handle: DatabaseHandle, options: { conversations: number; seed: string; endDate: Date }) {
  const started = Date.now();
  let lastPrint = 0;
  const onProgress = (progress: LoadProgress) => {
    const now = Date.now();
    if (now - lastPrint < 1000 && progress.done !== progress.total) return;
    lastPrint = now;
    const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
    process.stdout.write(`\r  ${progress.phase.padEnd(14)} ${String(progress.done).padStart(9)} / ${progress.total} (${percent}%)   `);
  };
  const result = await loadDemoData(handle, { ...options, passwordHash: await hashPassword(DEMO_PASSWORD) }, onProgress);
  process.stdout.write("\n");
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Loaded ${result.conversations} conversations, ${result.messages} messages and ${result.customers} customers in ${seconds.toFixed(1)} s.`,
  );
  return result;
}

export function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
