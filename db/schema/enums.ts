import { pgEnum } from "drizzle-orm/pg-core";
import {
  ASSIGNMENT_STATUSES,
  AUTHOR_ROLES,
  CHANNELS,
  CONVERSATION_STATUSES,
  HIGHLIGHT_KINDS,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  ROLES,
} from "../../scoring/domain";

export * from "../../scoring/domain";

export const roleEnum = pgEnum("role", ROLES);
export const channelEnum = pgEnum("channel", CHANNELS);
export const authorRoleEnum = pgEnum("author_role", AUTHOR_ROLES);
export const conversationStatusEnum = pgEnum("conversation_status", CONVERSATION_STATUSES);
export const reviewKindEnum = pgEnum("review_kind", REVIEW_KINDS);
export const reviewStatusEnum = pgEnum("review_status", REVIEW_STATUSES);
export const highlightKindEnum = pgEnum("highlight_kind", HIGHLIGHT_KINDS);
export const assignmentStatusEnum = pgEnum("assignment_status", ASSIGNMENT_STATUSES);

export const CONNECTOR_KINDS = ["zendesk", "freshdesk", "intercom"] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
export const connectorKindEnum = pgEnum("connector_kind", CONNECTOR_KINDS);

export const IMPORT_KINDS = ["csv", "jsonl", "sync"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importKindEnum = pgEnum("import_kind", IMPORT_KINDS);

export const IMPORT_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const importStatusEnum = pgEnum("import_status", IMPORT_STATUSES);
