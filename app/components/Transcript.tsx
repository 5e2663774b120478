import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AuthorRole, HighlightKind } from "../../scoring/domain";
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

export type SentimentLabel = "negative" | "neutral" | "positive";

/** The sentiment model's prediction for one message (prediction rows, never a person's judgement). */
export interface TranscriptSentiment {
  label: SentimentLabel;
  score: number;
  scores: Partial<Record<SentimentLabel, number>>;
}

/** P(positive) − P(negative), −1…1. */
export function sentimentValence(sentiment: TranscriptSentiment): number {
  return (sentiment.scores.positive ?? 0) - (sentiment.scores.negative ?? 0);
}

/** The customer's messages as points on a small line, left to right in transcript order. */
export function SentimentTimeline({ messages, sentiments }: { messages: TranscriptMessage[]; sentiments: Record<number, TranscriptSentiment> }) {
  const { t } = useTranslation();
  const points = messages
    .filter((message) => message.authorRole === "customer" && sentiments[message.id])
    .map((message) => ({ id: message.id, sentiment: sentiments[message.id] }));
  if (points.length === 0) return null;
  const width = 240;
  const height = 40;
  const step = points.length > 1 ? (width - 16) / (points.length - 1) : 0;
  const xy = points.map((point, index) => ({
    ...point,
    x: 8 + index * step + (points.length === 1 ? (width - 16) / 2 : 0),
    y: height / 2 - (sentimentValence(point.sentiment) * (height - 12)) / 2,
  }));
  return (
    <figure className="sentiment-timeline" data-testid="sentiment-timeline">
      <figcaption className="muted">{t("sentiment.timeline")}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t("sentiment.timeline")}>
        <line x1={0} x2={width} y1={height / 2} y2={height / 2} className="timeline-axis" />
        <polyline points={xy.map((p) => `${p.x},${p.y}`).join(" ")} className="timeline-line" />
        {xy.map((p) => (
          <a key={p.id} href={`#message-${p.id}`}>
            <circle cx={p.x} cy={p.y} r={4} className={`timeline-dot sentiment-${p.sentiment.label}`}>
              <title>{`${t(`sentiment.labels.${p.sentiment.label}`)} ${Math.round(p.sentiment.score * 100)}%`}</title>
            </circle>
          </a>
        ))}
      </svg>
    </figure>
  );
}

/** How long the customer waited before an agent message, and whether that met the channel's target. */
export interface ReplyTiming {
  elapsedMs: number;
  targetMs: number | null;
  met: boolean | null;
}

/** A reviewer's mark on a message: the whole message (no span) or the characters [spanStart, spanEnd). */
export interface TranscriptHighlight {
  id: number;
  messageId: number;
  kind: HighlightKind;
  spanStart: number | null;
  spanEnd: number | null;
  note: string;
}

/**
 * Model evidence shown on the transcript (an AutoQA suggestion's phrase, or a whole message): never a
 * reviewer's highlight, and never saved.
 */
export interface TranscriptEvidence {
  messageId: number;
  start: number | null;
  end: number | null;
}

/**
 * The body split at highlight boundaries (and at the evidence span, if any); each piece knows the span
 * highlight covering it and whether it is evidence.
 */
export function highlightSegments(
  body: string,
  highlights: TranscriptHighlight[],
  evidence: { start: number; end: number } | null = null,
): { text: string; highlight: TranscriptHighlight | null; evidence: boolean }[] {
  const spans = highlights.filter((h) => h.spanStart !== null && h.spanEnd !== null && h.spanEnd <= body.length);
  const evidenceSpan = evidence !== null && evidence.end <= body.length && evidence.end > evidence.start ? evidence : null;
  if (spans.length === 0 && evidenceSpan === null) return [{ text: body, highlight: null, evidence: false }];
  const boundaries = [0, body.length, ...spans.flatMap((h) => [h.spanStart as number, h.spanEnd as number])];
  if (evidenceSpan) boundaries.push(evidenceSpan.start, evidenceSpan.end);
  const cuts = [...new Set(boundaries)].sort((a, b) => a - b);
  const segments: { text: string; highlight: TranscriptHighlight | null; evidence: boolean }[] = [];
  for (let index = 0; index < cuts.length - 1; index++) {
    const [start, end] = [cuts[index], cuts[index + 1]];
    // The latest highlight wins where two overlap.
    const covering = spans.filter((h) => (h.spanStart as number) <= start && (h.spanEnd as number) >= end).at(-1) ?? null;
    const inEvidence = evidenceSpan !== null && evidenceSpan.start <= start && evidenceSpan.end >= end;
    segments.push({ text: body.slice(start, end), highlight: covering, evidence: inEvidence });
  }
  return segments;
}

export function Transcript({
  messages,
  customerName,
  replyTimings,
  highlights = [],
  selectedMessageId = null,
  onSelectMessage,
  renderMessageFooter,
  sentiments = {},
  evidence = null,
}: {
  messages: TranscriptMessage[];
  /** Keyed by message id; messages the model has not scored yet have none. */
  sentiments?: Record<number, TranscriptSentiment>;
  customerName: string | null;
  /** Keyed by message id. */
  replyTimings: Record<number, ReplyTiming>;
  highlights?: TranscriptHighlight[];
  /** Review mode: one message can be selected (to highlight it) by click or keyboard. */
  selectedMessageId?: number | null;
  onSelectMessage?: (messageId: number) => void;
  renderMessageFooter?: (message: TranscriptMessage) => ReactNode;
  /** AutoQA evidence to point at: the message is marked, and the span within it when there is one. */
  evidence?: TranscriptEvidence | null;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const selectable = onSelectMessage !== undefined;
  return (
    <div className={`transcript${selectable ? " selectable" : ""}`}>
      <SentimentTimeline messages={messages} sentiments={sentiments} />
      {messages.map((message) => {
        const author =
          message.authorRole === "customer"
            ? (customerName ?? t("authors.customer"))
            : message.authorRole === "agent"
              ? (message.agentName ?? message.authorName ?? t("authors.agent"))
              : (message.authorName ?? t(`authors.${message.authorRole}`));
        const timing = replyTimings[message.id];
        const own = highlights.filter((h) => h.messageId === message.id);
        const whole = own.filter((h) => h.spanStart === null).at(-1);
        const sentiment = sentiments[message.id];
        const classes = [
          "msg",
          `msg-${message.authorRole}`,
          sentiment ? `msg-sentiment-${sentiment.label}` : "",
          whole ? `msg-highlight-${whole.kind}` : "",
          selectedMessageId === message.id ? "msg-selected" : "",
          evidence?.messageId === message.id ? "msg-evidence" : "",
        ].filter(Boolean);
        const evidenceSpan =
          evidence?.messageId === message.id && evidence.start !== null && evidence.end !== null
            ? { start: evidence.start, end: evidence.end }
            : null;
        return (
          <article
            key={message.id}
            id={`message-${message.id}`}
            className={classes.join(" ")}
            data-author-role={message.authorRole}
            data-message-id={message.id}
            data-sentiment={sentiment?.label}
            aria-current={selectedMessageId === message.id ? "true" : undefined}
            onMouseUp={selectable ? () => onSelectMessage(message.id) : undefined}
          >
            <div className="msg-meta">
              <span className="author">{author}</span>
              <time dateTime={new Date(message.sentAt).toISOString()}>{dates.dateTime(message.sentAt)}</time>
              {timing ? (
                <span className={`reply-time${timing.met === false ? " slow" : ""}`}>
                  {t("conversation.responseTime", { duration: formatDuration(timing.elapsedMs) })}
                  {timing.targetMs !== null ? ` · ${t("conversation.target", { duration: formatDuration(timing.targetMs) })}` : ""}
                </span>
              ) : null}
              {sentiment ? (
                <span
                  className={`sentiment-tag sentiment-${sentiment.label}`}
                  title={t("sentiment.hover", {
                    label: t(`sentiment.labels.${sentiment.label}`),
                    percent: Math.round(sentiment.score * 100),
                    negative: Math.round((sentiment.scores.negative ?? 0) * 100),
                    neutral: Math.round((sentiment.scores.neutral ?? 0) * 100),
                    positive: Math.round((sentiment.scores.positive ?? 0) * 100),
                  })}
                >
                  {t(`sentiment.labels.${sentiment.label}`)}
                </span>
              ) : null}
              {whole ? <span className={`hl-tag hl-tag-${whole.kind}`}>{t(`highlights.${whole.kind}`)}</span> : null}
            </div>
            <div className="msg-body" data-message-body={message.id}>
              {highlightSegments(message.body, own, evidenceSpan).map((segment, index) => {
                const text = segment.evidence ? (
                  <mark key="evidence" className="autoqa-mark" data-testid="autoqa-mark">
                    {segment.text}
                  </mark>
                ) : (
                  segment.text
                );
                return segment.highlight ? (
                  <mark
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and rebuilt on every render
                    key={index}
                    className={`hl hl-${segment.highlight.kind}`}
                    title={segment.highlight.note || t(`highlights.${segment.highlight.kind}`)}
                  >
                    {text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and rebuilt on every render
                  <Fragment key={index}>{text}</Fragment>
                );
              })}
            </div>
            {renderMessageFooter?.(message)}
          </article>
        );
      })}
    </div>
  );
}
