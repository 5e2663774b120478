import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import type { Database } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { Locale, Role } from "../../scoring/domain";

// Lucia stays behind this module so that it can be swapped without touching routes.
function createLucia(db: Database, secureCookies: boolean) {
  return new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: "qa_session",
      attributes: { secure: secureCookies, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      locale: attributes.locale,
      active: attributes.active,
    }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module "lucia" {
  interface Register {
    Lucia: AppLucia;
    DatabaseUserAttributes: { email: string; name: string; role: Role; locale: Locale | null; active: boolean };
  }
}

const instances = new WeakMap<Database, AppLucia>();

export function luciaFor(db: Database): AppLucia {
  let instance = instances.get(db);
  if (!instance) {
    const secure = process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
    instance = createLucia(db, secure);
    instances.set(db, instance);
  }
  return instance;
}
