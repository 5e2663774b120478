import type { CalibrationViewer } from "../../db/queries/calibration";
import type { Role } from "../../scoring/domain";
import { type SessionUser, conversationScope, requireRole } from "../auth/guards.server";

/** Roles that take part in calibration sessions; admins and leads also create and close them. */
export const CALIBRATION_ROLES: readonly Role[] = ["admin", "lead", "reviewer"];
export const CALIBRATION_MANAGER_ROLES: readonly Role[] = ["admin", "lead"];

export function calibrationViewer(user: SessionUser): CalibrationViewer {
  return { userId: user.id, manageAll: user.role === "admin", teamIds: user.role === "lead" ? user.teamIds : [] };
}

export async function requireCalibrationUser(request: Request) {
  const user = await requireRole(request, CALIBRATION_ROLES);
  return {
    user,
    viewer: calibrationViewer(user),
    scope: conversationScope(user),
    mayCreate: CALIBRATION_MANAGER_ROLES.includes(user.role),
  };
}
