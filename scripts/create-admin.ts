import { stdin, stdout } from "node:process";
import { createInterface } from "node:readline/promises";
import { hashPassword } from "../app/auth/password.server";
import { firstAdminSchema } from "../app/auth/schemas";
import { closeDatabase, getDb } from "../db/client";
import { createUser, findUserByEmail } from "../db/queries/users";
import { parseArgs } from "./args";

// Creates an admin account from the terminal: --email, --name, and the password from ADMIN_PASSWORD or a prompt.
async function main() {
  const args = parseArgs(process.argv.slice(2), { email: "string", name: "string" });
  const prompt = createInterface({ input: stdin, output: stdout });
  const email = String(args.email ?? (await prompt.question("Email: ")));
  const name = String(args.name ?? (await prompt.question("Name: ")));
  const password = process.env.ADMIN_PASSWORD ?? (await prompt.question("Password (10+ characters): "));
  prompt.close();
  const parsed = firstAdminSchema.safeParse({ email, name, password });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  const db = await getDb();
  if (await findUserByEmail(db, parsed.data.email)) throw new Error(`A user with the email ${parsed.data.email} already exists.`);
  await createUser(db, { ...parsed.data, role: "admin", passwordHash: await hashPassword(parsed.data.password) });
  console.log(`Admin ${parsed.data.email} created.`);
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error instanceof Error ? error.message : error);
  })
  .finally(() => closeDatabase());
