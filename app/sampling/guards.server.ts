import type { Role } from "../../scoring/domain";
import { type SessionUser, conversationScope, requireRole } from "../auth/guards.server";

export const SAMPLING_ROLES: readonly Role[] = ["admin", "lead"];

export async function requireSamplingUser(request: Request) {
  const user = await requireRole(request, SAMPLING_ROLES);
  return { user, scope: conversationScope(user) };
}

/** Leads own rules through one of their teams; admins may also make rules across teams (null). */
export function mayUseTeam(user: SessionUser, teamId: number | null | undefined): boolean {
  if (user.role === "admin") return true;
  return teamId !== null && teamId !== undefined && user.teamIds.includes(teamId);
}
