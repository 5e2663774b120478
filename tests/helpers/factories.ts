import { randomUUID } from "node:crypto";
import { hashPassword } from "../../app/auth/password.server";
import type { Database } from "../../db/client";
import { refreshSearchVectors } from "../../db/queries/conversations";
import { createUser } from "../../db/queries/users";
import { agents, conversations, customers, messages, teams } from "../../db/schema";
import type { Channel, Role } from "../../db/schema/enums";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;
const passwordHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
};

export async function makeTeam(db: Database, name = `Team ${randomUUID().slice(0, 6)}`) {
  const [team] = await db.insert(teams).values({ name }).returning();
  return team;
}

export async function makeUser(db: Database, role: Role, options: { teamIds?: number[]; email?: string; locale?: "es" | "en" } = {}) {
  return createUser(db, {
    email: options.email ?? `${role}-${randomUUID().slice(0, 8)}@example.test`,
    name: `${role} user`,
    role,
    locale: options.locale ?? null,
    teamIds: options.teamIds,
    passwordHash: await passwordHash(),
  });
}

export async function makeAgent(db: Database, options: { teamId?: number; userId?: string; name?: string } = {}) {
  const [agent] = await db
    .insert(agents)
    .values({ name: options.name ?? `Agent ${randomUUID().slice(0, 6)}`, teamId: options.teamId, userId: options.userId })
    .returning();
  return agent;
}

export async function makeCustomer(db: Database, name = "Marta Gil") {
  const [customer] = await db.insert(customers).values({ source: "test", externalId: randomUUID(), name, email: "marta@example.test" }).returning();
  return customer;
}

export async function makeConversation(
  db: Database,
  options: {
    agentId?: number;
    teamId?: number;
    customerId?: number;
    channel?: Channel;
    subject?: string;
    createdAt?: Date;
    language?: "es" | "en";
    messages?: { role: "customer" | "agent"; body: string; minutesAfter?: number }[];
  } = {},
) {
  const createdAt = options.createdAt ?? new Date("2026-11-01T09:00:00Z");
  const [conversation] = await db
    .insert(conversations)
    .values({
      source: "test",
      externalId: randomUUID(),
      channel: options.channel ?? "email",
      subject: options.subject ?? "Cobro duplicado",
      language: options.language ?? "es",
      agentId: options.agentId,
      teamId: options.teamId,
      customerId: options.customerId,
      createdAt,
      sampleKey: Math.random(),
      messageCount: options.messages?.length ?? 0,
    })
    .returning();
  if (options.messages?.length) {
    await db.insert(messages).values(
      options.messages.map((message, ordinal) => ({
        conversationId: conversation.id,
        ordinal,
        authorRole: message.role,
        agentId: message.role === "agent" ? options.agentId : undefined,
        customerId: message.role === "customer" ? options.customerId : undefined,
        sentAt: new Date(createdAt.getTime() + (message.minutesAfter ?? ordinal * 5) * 60_000),
        body: message.body,
      })),
    );
  }
  await refreshSearchVectors(db, [conversation.id]);
  return conversation;
}
