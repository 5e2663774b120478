import type { SQL } from "drizzle-orm";
import type { Database } from "../client";

/** Runs raw SQL and returns its rows: PGlite answers `{ rows }`, postgres.js an array. */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}
