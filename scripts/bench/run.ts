import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * `npm run bench [-- NAME…]`: runs every benchmark file in scripts/bench/ (or the named ones), one process each,
 * so a new benchmark is just a new file here. Options after the names (`--messages 1000`) are passed on to each.
 */
const folder = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const firstFlag = args.findIndex((arg) => arg.startsWith("--"));
const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const files = readdirSync(folder)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts" && !file.endsWith(".test.ts"))
  .filter((file) => names.length === 0 || names.includes(path.basename(file, ".ts")))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${names.join(", ")}.`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n=== bench: ${path.basename(file, ".ts")} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(folder, file), ...flags], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
