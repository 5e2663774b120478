import { type SQL, eq, inArray, sql } from "drizzle-orm";
import { agents, conversations } from "../schema";

/** Which conversations a user may see; the guards build it and every query takes it explicitly. */
export type ConversationScope =
  | { kind: "all" }
  | { kind: "teams"; teamIds: number[] }
  | { kind: "agent"; agentId: number | null };

export function conversationScopeCondition(scope: ConversationScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "teams":
      return scope.teamIds.length ? inArray(conversations.teamId, scope.teamIds) : sql`false`;
    case "agent":
      return scope.agentId === null ? sql`false` : eq(conversations.agentId, scope.agentId);
  }
}

export function agentScopeCondition(scope: ConversationScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "teams":
      return scope.teamIds.length ? inArray(agents.teamId, scope.teamIds) : sql`false`;
    case "agent":
      return scope.agentId === null ? sql`false` : eq(agents.id, scope.agentId);
  }
}
