import { closeDatabase, getDatabaseHandle } from "../db/client";
import { DEMO_USERS, DatabaseNotEmptyError } from "../db/seed/load";
import { parseArgs } from "./args";
import { seedWithProgress, todayUtc } from "./demo";

const USAGE = "npm run seed -- [--conversations N] [--seed S] [--end-date YYYY-MM-DD]";

async function main() {
  const args = parseArgs(process.argv.slice(2), { conversations: "string", seed: "string", "end-date": "string" });
  const conversations = Number(args.conversations ?? 2000);
  if (!Number.isInteger(conversations) || conversations < 1) throw new Error(`--conversations must be a positive integer. Usage: ${USAGE}`);
  const endDate = args["end-date"] ? new Date(`${args["end-date"]}T00:00:00Z`) : todayUtc();
  if (Number.isNaN(endDate.getTime())) throw new Error(`--end-date must look like 2026-11-22. Usage: ${USAGE}`);
  const handle = await getDatabaseHandle();
  console.log(`Seeding ${handle.location} with ${conversations} conversations (seed "${args.seed ?? "demo"}")…`);
  await seedWithProgress(handle, { conversations, seed: String(args.seed ?? "demo"), endDate });
  console.log(`Demo logins (password demo-password): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error instanceof DatabaseNotEmptyError || error instanceof Error ? error.message : error);
  })
  .finally(() => closeDatabase());
