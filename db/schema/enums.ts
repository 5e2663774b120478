import { pgEnum } from "drizzle-orm/pg-core";
import { AUTHOR_ROLES, CHANNELS, CONVERSATION_STATUSES, ROLES } from "../../scoring/domain";

export * from "../../scoring/domain";

export const roleEnum = pgEnum("role", ROLES);
export const channelEnum = pgEnum("channel", CHANNELS);
export const authorRoleEnum = pgEnum("author_role", AUTHOR_ROLES);
export const conversationStatusEnum = pgEnum("conversation_status", CONVERSATION_STATUSES);
