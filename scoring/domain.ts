/** The domain words (DESIGN.md) as constants, free of drizzle so scoring/ and the browser bundle can use them. */

export const ROLES = ["admin", "reviewer", "lead", "executive", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["email", "chat", "phone", "whatsapp", "facebook", "instagram", "twitter", "sms", "web_form"] as const;
export type Channel = (typeof CHANNELS)[number];

export const AUTHOR_ROLES = ["customer", "agent", "bot", "system", "note"] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

export const CONVERSATION_STATUSES = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];
