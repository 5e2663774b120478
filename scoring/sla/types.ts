import type { AuthorRole } from "../domain";

export { AUTHOR_ROLES, CHANNELS, type AuthorRole, type Channel } from "../domain";

/** One message as scoring sees it, in conversation order. */
export interface ConversationMessage {
  authorRole: AuthorRole;
  sentAt: Date;
  body: string;
}
