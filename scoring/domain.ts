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

export const REVIEW_KINDS = ["standard", "self", "peer"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_STATUSES = ["draft", "submitted"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const HIGHLIGHT_KINDS = ["exemplary", "needs_work"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

export const ASSIGNMENT_STATUSES = ["pending", "in_progress", "completed", "skipped"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
