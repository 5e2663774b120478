import type { Database } from "../../db/client";
import { countStaleFacts, refreshStaleFacts } from "../../db/facts";

/** Up to this many stale conversations are recomputed before the admin's save returns; more go to the background. */
export const INLINE_RECOMPUTE_LIMIT = 5000;

const store = globalThis as typeof globalThis & { __qaFactsRecompute?: Promise<number> };

/**
 * Recomputes stale facts (after the response-time settings changed, or on a database loaded before the
 * facts existed) in the background, one run at a time per process. Another call while one runs joins it.
 */
export function recomputeStaleFactsInBackground(db: Database): Promise<number> {
  if (!store.__qaFactsRecompute) {
    store.__qaFactsRecompute = refreshStaleFacts(db).finally(() => {
      store.__qaFactsRecompute = undefined;
    });
  }
  return store.__qaFactsRecompute;
}

export function isRecomputing(): boolean {
  return store.__qaFactsRecompute !== undefined;
}

/** After a settings change: small databases are recomputed before answering, large ones in the background. */
export async function recomputeAfterSettingsChange(db: Database): Promise<{ stale: number; inline: boolean }> {
  const stale = await countStaleFacts(db);
  if (stale <= INLINE_RECOMPUTE_LIMIT) {
    await recomputeStaleFactsInBackground(db);
    return { stale, inline: true };
  }
  recomputeStaleFactsInBackground(db).catch((error: unknown) => console.error("Recomputing facts failed:", error));
  return { stale, inline: false };
}
