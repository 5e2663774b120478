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

/** How long the customer waited before an agent message, and whether that met the channel's target. */
export interface ReplyTiming {
  elapsedMs: number;
  targetMs: number | null;
  met: boolean | null;
}

export function Transcript({
  messages,
  customerName,
  replyTimings,
}: {
  messages: TranscriptMessage[];
  customerName: string | null;
  /** Keyed by message id. */
  replyTimings: Record<number, ReplyTiming>;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="transcript">
      {messages.map((message) => {
        const author =
          message.authorRole === "customer"
            ? (customerName ?? t("authors.customer"))
            : message.authorRole === "agent"
              ? (message.agentName ?? message.authorName ?? t("authors.agent"))
              : (message.authorName ?? t(`authors.${message.authorRole}`));
        const timing = replyTimings[message.id];
        return (
          <article key={message.id} className={`msg msg-${message.authorRole}`} data-author-role={message.authorRole}>
            <div className="msg-meta">
              <span className="author">{author}</span>
              <time dateTime={new Date(message.sentAt).toISOString()}>{dates.dateTime(message.sentAt)}</time>
              {timing ? (
                <span className={`reply-time${timing.met === false ? " slow" : ""}`}>
                  {t("conversation.responseTime", { duration: formatDuration(timing.elapsedMs) })}
                  {timing.targetMs !== null ? ` · ${t("conversation.target", { duration: formatDuration(timing.targetMs) })}` : ""}
                </span>
              ) : null}
            </div>
            {message.body}
          </article>
        );
      })}
    </div>
  );
}
