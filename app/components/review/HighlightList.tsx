import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { HighlightKind } from "../../../scoring/domain";
import { focusInForm } from "./reveal";

export interface ListedHighlight {
  id: number;
  messageId: number;
  kind: HighlightKind;
  spanStart: number | null;
  spanEnd: number | null;
  quote: string | null;
  note: string;
}

function excerpt(text: string, length = 110): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The reviewer's highlights with their notes; notes save when the field loses focus or on Enter. */
export function HighlightList({
  highlights,
  bodyOf,
  readOnly,
  focusHighlightId,
  onNote,
  onRemove,
  onShow,
}: {
  highlights: ListedHighlight[];
  bodyOf: (messageId: number) => string;
  readOnly: boolean;
  /** The highlight just made: its note field gets the focus. */
  focusHighlightId: number | null;
  onNote: (id: number, note: string) => void;
  onRemove: (id: number) => void;
  onShow: (messageId: number) => void;
}) {
  const { t } = useTranslation();
  const focusRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusHighlightId !== null && focusRef.current) focusInForm(focusRef.current);
  }, [focusHighlightId]);
  if (highlights.length === 0) return <p className="muted small">{readOnly ? t("highlights.noneReadOnly") : t("highlights.none")}</p>;
  return (
    <ul className="highlight-list">
      {highlights.map((highlight) => (
        <li key={highlight.id} className={`highlight-item hl-item-${highlight.kind}`} data-highlight-id={highlight.id}>
          <div className="highlight-head">
            <span className={`hl-tag hl-tag-${highlight.kind}`}>{t(`highlights.${highlight.kind}`)}</span>
            <button type="button" className="link-button muted" onClick={() => onShow(highlight.messageId)}>
              {highlight.quote ? t("highlights.span") : t("highlights.wholeMessage")}
            </button>
            {readOnly ? null : (
              <button type="button" className="link-button danger" onClick={() => onRemove(highlight.id)}>
                {t("highlights.remove")}
              </button>
            )}
          </div>
          <blockquote>“{excerpt(highlight.quote ?? bodyOf(highlight.messageId))}”</blockquote>
          {readOnly ? (
            highlight.note ? (
              <p className="highlight-note">{highlight.note}</p>
            ) : null
          ) : (
            <input
              ref={highlight.id === focusHighlightId ? focusRef : undefined}
              type="text"
              className="highlight-note-input"
              aria-label={t("highlights.note")}
              placeholder={t("highlights.notePlaceholder")}
              defaultValue={highlight.note}
              maxLength={2000}
              onBlur={(event) => {
                if (event.target.value.trim() !== highlight.note) onNote(highlight.id, event.target.value);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter") event.currentTarget.blur();
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
