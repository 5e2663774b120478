import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { agents, loginAttempts, teamMembers, teams, users } from "../schema";
import type { Locale, Role } from "../schema/enums";

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  locale?: Locale | null;
  passwordHash: string;
  teamIds?: number[];
}

export async function createUser(db: Database, input: NewUser) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        id: randomUUID(),
        email: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        role: input.role,
        locale: input.locale ?? null,
        passwordHash: input.passwordHash,
      })
      .returning();
    if (input.teamIds?.length) {
      await tx.insert(teamMembers).values(input.teamIds.map((teamId) => ({ teamId, userId: user.id })));
    }
    return user;
  });
}

export async function findUserByEmail(db: Database, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ?? null;
}

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row.n);
}

/** What the guards need beyond the session: the user's teams and, for agents, their agent record. */
export async function loadUserScope(db: Database, userId: string) {
  const [memberships, [agent]] = await Promise.all([
    db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId)),
    db.select({ id: agents.id }).from(agents).where(eq(agents.userId, userId)),
  ]);
  return { teamIds: memberships.map((m) => m.teamId), agentId: agent?.id ?? null };
}

export async function listUsersWithTeams(db: Database) {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      active: users.active,
      createdAt: users.createdAt,
      teamIds: sql<number[]>`coalesce(array_agg(${teamMembers.teamId}) filter (where ${teamMembers.teamId} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(teamMembers, eq(teamMembers.userId, users.id))
    .groupBy(users.id)
    .orderBy(asc(users.name));
  return rows.map((row) => ({ ...row, teamIds: row.teamIds.map(Number) }));
}

export async function updateUser(
  db: Database,
  userId: string,
  changes: { role?: Role; active?: boolean; locale?: Locale | null; teamIds?: number[]; name?: string },
) {
  await db.transaction(async (tx) => {
    const { teamIds, ...columns } = changes;
    if (Object.keys(columns).length > 0) await tx.update(users).set(columns).where(eq(users.id, userId));
    if (teamIds) {
      await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
      if (teamIds.length) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId })));
    }
  });
}

export async function createTeam(db: Database, name: string) {
  const [team] = await db.insert(teams).values({ name: name.trim() }).onConflictDoNothing().returning();
  return team ?? null;
}

/** Agents with the login they are linked to, for linking agent-role users to the person reviewed. */
export async function listAgentsWithLogins(db: Database) {
  return db
    .select({ id: agents.id, name: agents.name, email: agents.email, userId: agents.userId })
    .from(agents)
    .orderBy(asc(agents.name));
}

/** Links a login to an agent record (or unlinks it with null); one agent per login. */
export async function linkUserToAgent(db: Database, userId: string, agentId: number | null) {
  await db.transaction(async (tx) => {
    await tx.update(agents).set({ userId: null }).where(eq(agents.userId, userId));
    if (agentId !== null) await tx.update(agents).set({ userId }).where(eq(agents.id, agentId));
  });
}

export async function listTeams(db: Database) {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
}

export async function teamsExist(db: Database, teamIds: number[]): Promise<boolean> {
  if (teamIds.length === 0) return true;
  const [row] = await db.select({ n: count() }).from(teams).where(inArray(teams.id, teamIds));
  return Number(row.n) === new Set(teamIds).size;
}

export async function recordLoginAttempt(db: Database, attempt: { email: string; ip: string; succeeded: boolean }) {
  await db.insert(loginAttempts).values({ id: randomUUID(), ...attempt, email: attempt.email.trim().toLowerCase() });
}

export async function countRecentFailures(db: Database, { email, ip, since }: { email: string; ip: string; since: Date }) {
  const [byEmail, byIp] = await Promise.all([
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(
        and(eq(loginAttempts.email, email.trim().toLowerCase()), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)),
      ),
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since))),
  ]);
  return { email: Number(byEmail[0].n), ip: Number(byIp[0].n) };
}
