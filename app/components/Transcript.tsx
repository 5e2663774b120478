import { useTranslation } from "react-i18next";
import type { AuthorRole } from "../../scoring/domain";
import { formatDuration } from "../format";
import { useDates } from "../hooks";

export interface TranscriptMessage {
  id: number;
  authorRole: AuthorRole;
  authorName: string | null;
  agentName: string | null;
  sentAt: Date | string;
  body: string;
}

/** How long the customer waited for each agent message: from the first unanswered customer message. */
export function replyWaits(messages: TranscriptMessage[]): Map<number, number> {
  const waits = new Map<number, number>();
  let waitingSince: number | null = null;
  for (const message of messages) {
    const at = new Date(message.sentAt).getTime();
    if (message.authorRole === "customer") waitingSince ??= at;
    else if (message.authorRole === "agent" && waitingSince !== null) {
      waits.set(message.id, at - waitingSince);
      waitingSince = null;
    }
  }
  return waits;
}

export function Transcript({ messages, customerName }: { messages: TranscriptMessage[]; customerName: string | null }) {
  const { t } = useTranslation();
  const dates = useDates();
  const waits = replyWaits(messages);
  return (
    <div className="transcript">
      {messages.map((message) => {
        const author =
          message.authorRole === "customer"
            ? (customerName ?? t("authors.customer"))
            : message.authorRole === "agent"
              ? (message.agentName ?? message.authorName ?? t("authors.agent"))
              : (message.authorName ?? t(`authors.${message.authorRole}`));
        const wait = waits.get(message.id);
        return (
          <article key={message.id} className={`msg msg-${message.authorRole}`} data-author-role={message.authorRole}>
            <div className="msg-meta">
              <span className="author">{author}</span>
              <time dateTime={new Date(message.sentAt).toISOString()}>{dates.dateTime(message.sentAt)}</time>
              {wait !== undefined ? (
                <span className="reply-time">{t("conversation.responseTime", { duration: formatDuration(wait) })}</span>
              ) : null}
            </div>
            {message.body}
          </article>
        );
      })}
    </div>
  );
}
