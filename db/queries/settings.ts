import { eq } from "drizzle-orm";
import type { Database } from "../client";
import { settings } from "../schema";

export async function getSetting<T>(db: Database, key: string): Promise<T | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? (row.value as T) : null;
}

export async function putSetting(db: Database, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

export const DEMO_DATA_KEY = "demo_data";

export async function isDemoDatabase(db: Database): Promise<boolean> {
  return (await getSetting<boolean>(db, DEMO_DATA_KEY)) === true;
}
