import { pgEnum } from "drizzle-orm/pg-core";

export const ROLES = ["admin", "reviewer", "lead", "executive", "agent"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("role", ROLES);

export const CHANNELS = [
  "email",
  "chat",
  "phone",
  "whatsapp",
  "facebook",
  "instagram",
  "twitter",
  "sms",
  "web_form",
] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelEnum = pgEnum("channel", CHANNELS);

export const AUTHOR_ROLES = ["customer", "agent", "bot", "system", "note"] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];
export const authorRoleEnum = pgEnum("author_role", AUTHOR_ROLES);

export const CONVERSATION_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const conversationStatusEnum = pgEnum("conversation_status", CONVERSATION_STATUSES);

export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const REVIEW_KINDS = ["standard", "self", "peer"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const reviewKindEnum = pgEnum("review_kind", REVIEW_KINDS);

export const REVIEW_STATUSES = ["draft", "submitted"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const reviewStatusEnum = pgEnum("review_status", REVIEW_STATUSES);

export const HIGHLIGHT_KINDS = ["exemplary", "needs_work"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];
export const highlightKindEnum = pgEnum("highlight_kind", HIGHLIGHT_KINDS);

export const ASSIGNMENT_STATUSES = ["pending", "in_progress", "completed", "skipped"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const assignmentStatusEnum = pgEnum("assignment_status", ASSIGNMENT_STATUSES);
