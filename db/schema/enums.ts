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

export const CONNECTOR_KINDS = ["zendesk", "freshdesk", "intercom"] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
export const connectorKindEnum = pgEnum("connector_kind", CONNECTOR_KINDS);

export const IMPORT_KINDS = ["csv", "jsonl", "sync"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const importKindEnum = pgEnum("import_kind", IMPORT_KINDS);

export const IMPORT_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const importStatusEnum = pgEnum("import_status", IMPORT_STATUSES);
