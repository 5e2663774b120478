import { Link, useFetcher, useNavigate, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HighlightKind } from "../../../scoring/domain";
import {
  EMPTY_REVIEW_CONTENT,
  type Rating,
  type ReviewContent,
  type ScorecardDefinition,
  allCriteria,
  reviewContentSchema,
  rootCauseRequired,
  scalePoints,
  scoreReview,
  submissionIssues,
} from "../../../scoring/rubric";
import { useDates } from "../../hooks";
import type { ReviewAction, ReviewLoaderData } from "../../routes/conversations.$id_.review";
import { CustomerHistory } from "../CustomerHistory";
import { Transcript, type TranscriptEvidence } from "../Transcript";
import { ChannelBadge, StatusBadge } from "../badges";
import { CriterionCard } from "./CriterionCard";
import { HighlightList } from "./HighlightList";
import { ScorePanel } from "./ScorePanel";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { SuggestionBox } from "./SuggestionBox";
import { focusInForm, revealInForm } from "./reveal";
import { formatScore } from "./score";

const AUTOSAVE_DELAY_MS = 700;

/** The text selected inside one message body, as character offsets into that body. */
function selectedSpan(): { messageId: number; start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container instanceof Element ? container : container.parentElement;
  const body = element?.closest("[data-message-body]");
  if (!body) return null;
  const before = document.createRange();
  before.selectNodeContents(body);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { messageId: Number(body.getAttribute("data-message-body")), start, end } : null;
}

/** The review page of a conversation; a calibration item keeps its session in the address. */
function reviewPath(conversationId: number, calibration: ReviewLoaderData["calibration"]): string {
  return `/conversations/${conversationId}/review${calibration ? `?calibration=${calibration.sessionId}` : ""}`;
}

function isTextField(target: EventTarget | null): target is HTMLElement {
  return target instanceof HTMLElement && target.closest('textarea, select, input:not([type="checkbox"]):not([type="radio"])') !== null;
}

export function ReviewWorkspace({ data }: { data: ReviewLoaderData }) {
  const { t } = useTranslation();
  if (!data.version) {
    return (
      <>
        <ReviewHeader data={data} />
        <div className="card">
          <div className="empty">
            <strong>{t("review.noScorecardTitle")}</strong>
            {t("review.noScorecard")}
          </div>
        </div>
      </>
    );
  }
  return <ScorecardWorkspace data={data} version={data.version} />;
}

function ReviewHeader({ data, children }: { data: ReviewLoaderData; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { conversation } = data;
  return (
    <div className="page-header review-header">
      <div>
        <Link to={`/conversations/${conversation.id}`} className="muted">
          ← {t("review.backToConversation")}
        </Link>
        <h1>{conversation.subject || t("conversations.noSubject")}</h1>
        <p>
          <ChannelBadge channel={conversation.channel} /> <StatusBadge status={conversation.status} />
          {conversation.agentName ? ` · ${conversation.agentName}` : ""}
          {conversation.teamName ? ` · ${conversation.teamName}` : ""}
          {conversation.customerName ? ` · ${conversation.customerName}` : ""} · {dates.dateTime(conversation.createdAt)}
        </p>
      </div>
      {children}
    </div>
  );
}

type SaveState = "clean" | "unsaved" | "saving" | "saved" | "error";

function ScorecardWorkspace({ data, version }: { data: ReviewLoaderData; version: NonNullable<ReviewLoaderData["version"]> }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const navigate = useNavigate();
  const submitForm = useSubmit();
  const definition = version.definition as ScorecardDefinition;
  const criteria = useMemo(() => allCriteria(definition), [definition]);
  const submitted = data.review?.status === "submitted";
  const calibration = data.calibration;
  // A submitted calibration rating is final, and a closed session takes none: the form only shows.
  const locked = calibration?.locked === true;
  const lockedRef = useRef(locked);
  lockedRef.current = locked;

  const [content, setContent] = useState<ReviewContent>(() => data.review?.content ?? EMPTY_REVIEW_CONTENT);
  const [focusIndex, setFocusIndex] = useState(() => {
    const firstOpen = criteria.findIndex(({ criterion }) => data.review?.content.ratings[criterion.id] === undefined);
    return firstOpen === -1 ? 0 : firstOpen;
  });
  const [openComments, setOpenComments] = useState<ReadonlySet<string>>(() => new Set());
  const [commentToFocus, setCommentToFocus] = useState<string | null>(null);
  const [selectedMessageId, setSelectedMessageId] = useState<number | null>(null);
  const [tab, setTab] = useState<"transcript" | "history">("transcript");
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [showIssues, setShowIssues] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusHighlightId, setFocusHighlightId] = useState<number | null>(null);
  const commentRefs = useRef(new Map<string, HTMLTextAreaElement>());
  const overallRef = useRef<HTMLTextAreaElement>(null);

  const result = useMemo(() => scoreReview(definition, content.ratings), [definition, content.ratings]);
  const issues = useMemo(() => submissionIssues(definition, content), [definition, content]);
  const issueByCriterion = useMemo(() => {
    const map = new Map<string, (typeof issues)[number]>();
    for (const issue of issues) if (!map.has(issue.criterionId)) map.set(issue.criterionId, issue);
    return map;
  }, [issues]);
  const ratedCount = criteria.filter(({ criterion }) => content.ratings[criterion.id] !== undefined).length;

  // --- Autosave: every change is sent after a short pause, one request at a time, the latest content winning.
  const saver = useFetcher<ReviewAction>({ key: `review-save-${data.conversation.id}` });
  const edits = useRef(0);
  const sentEdits = useRef(0);
  const savedEdits = useRef(0);
  const [lastSavedAt, setLastSavedAt] = useState<Date | null>(data.review ? new Date(data.review.updatedAt) : null);
  const [saveError, setSaveError] = useState(false);

  const update = useCallback((change: (previous: ReviewContent) => ReviewContent) => {
    if (lockedRef.current) return;
    edits.current += 1;
    setContent((previous) => change(previous));
  }, []);

  useEffect(() => {
    if (submitted || saver.state !== "idle" || edits.current === savedEdits.current) return;
    const timer = window.setTimeout(() => {
      if (edits.current === savedEdits.current) return;
      sentEdits.current = edits.current;
      saver.submit({ intent: "save", content: JSON.stringify(reviewContentSchema.parse(content)) }, { method: "post" });
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [content, saver, submitted]);

  useEffect(() => {
    if (saver.state !== "idle" || !saver.data || saver.data.intent !== "save") return;
    if (saver.data.ok) {
      savedEdits.current = sentEdits.current;
      setLastSavedAt(saver.data.savedAt ? new Date(saver.data.savedAt) : new Date());
      setSaveError(false);
    } else {
      setSaveError(true);
    }
  }, [saver.state, saver.data]);

  const dirty = edits.current !== savedEdits.current;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const saveState: SaveState = saveError
    ? "error"
    : saver.state !== "idle"
      ? "saving"
      : dirty
        ? "unsaved"
        : lastSavedAt
          ? "saved"
          : "clean";

  // --- Submit
  const submitter = useFetcher<ReviewAction>({ key: `review-submit-${data.conversation.id}` });
  const submitting = submitter.state !== "idle";
  const submitResult = submitter.data?.intent === "submit" ? submitter.data : null;
  useEffect(() => {
    if (submitter.state === "idle" && submitter.data?.intent === "submit" && submitter.data.ok) {
      savedEdits.current = edits.current;
      setShowIssues(false);
    }
  }, [submitter.state, submitter.data]);

  const submit = () => {
    if (locked) return;
    if (issues.length > 0) {
      setShowIssues(true);
      const firstIndex = criteria.findIndex(({ criterion }) => issueByCriterion.has(criterion.id));
      if (firstIndex >= 0) setFocusIndex(firstIndex);
      return;
    }
    submitter.submit({ intent: "submit", content: JSON.stringify(reviewContentSchema.parse(content)) }, { method: "post" });
  };

  // --- Ratings
  const setRating = (criterionId: string, rating: Rating) => {
    update((previous) => {
      const ratings = { ...previous.ratings, [criterionId]: rating };
      const next = { ...previous, ratings };
      if (!rootCauseRequired(definition, criterionId, next)) {
        const { [criterionId]: _dropped, ...rootCauses } = previous.rootCauses;
        return { ...next, rootCauses };
      }
      return next;
    });
  };

  /** Rates the criterion at `index` and moves on, unless the reviewer now has to say why the rating is negative. */
  const rateAndAdvance = (index: number, rating: Rating) => {
    const criterion = criteria[index]?.criterion;
    if (!criterion) return;
    setRating(criterion.id, rating);
    const needsCauses = rootCauseRequired(definition, criterion.id, {
      ...content,
      ratings: { ...content.ratings, [criterion.id]: rating },
    });
    if (!needsCauses && index < criteria.length - 1) setFocusIndex(index + 1);
  };

  const rateFocused = (pointIndex: number | "na") => {
    const focused = criteria[focusIndex];
    if (!focused) return;
    const { criterion } = focused;
    let rating: Rating;
    if (pointIndex === "na") {
      if (!criterion.naAllowed) return;
      rating = "na";
    } else {
      const point = scalePoints(criterion.scale)[pointIndex];
      if (!point) return;
      rating = point.value;
    }
    rateAndAdvance(focusIndex, rating);
  };

  // --- AutoQA suggestions: model output shown beside the form; accepting one rates the criterion like a key press.
  const acceptSuggestion = (index: number) => {
    const criterion = criteria[index]?.criterion;
    const suggestion = criterion ? data.autoQa[criterion.id] : undefined;
    if (!criterion || suggestion?.status !== "suggested" || suggestion.rating === null) return;
    setFocusIndex(index);
    rateAndAdvance(index, suggestion.rating);
  };
  const [previewEvidence, setPreviewEvidence] = useState<TranscriptEvidence | null>(null);
  const [pinnedEvidence, setPinnedEvidence] = useState<TranscriptEvidence | null>(null);
  const messageNumber = useCallback(
    (messageId: number) => data.messages.findIndex((message) => message.id === messageId) + 1,
    [data.messages],
  );
  const showEvidence = (target: TranscriptEvidence) => {
    setPinnedEvidence(target);
    setTab("transcript");
    document.getElementById(`message-${target.messageId}`)?.scrollIntoView({ block: "nearest" });
  };

  const toggleRootCause = (criterionId: string, cause: string) => {
    update((previous) => {
      const picked = previous.rootCauses[criterionId] ?? [];
      const nextPicked = picked.includes(cause) ? picked.filter((item) => item !== cause) : [...picked, cause];
      return { ...previous, rootCauses: { ...previous.rootCauses, [criterionId]: nextPicked } };
    });
  };

  const setComment = (criterionId: string, comment: string) => {
    update((previous) => ({ ...previous, criterionComments: { ...previous.criterionComments, [criterionId]: comment } }));
  };

  const openComment = (criterionId: string) => {
    setOpenComments((previous) => new Set(previous).add(criterionId));
    setCommentToFocus(criterionId);
  };

  useEffect(() => {
    if (commentToFocus === null) return;
    const field = commentRefs.current.get(commentToFocus);
    if (field) focusInForm(field);
    setCommentToFocus(null);
  }, [commentToFocus]);

  const formRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const id = criteria[focusIndex]?.criterion.id;
    const container = formRef.current;
    const element = id ? container?.querySelector<HTMLElement>(`[data-criterion-id="${CSS.escape(id)}"]`) : null;
    if (container && element) revealInForm(container, element);
  }, [focusIndex, criteria]);

  // --- Messages and highlights
  const highlighter = useFetcher<ReviewAction>({ key: `review-highlight-${data.conversation.id}` });
  useEffect(() => {
    if (highlighter.state === "idle" && highlighter.data?.intent === "highlight" && highlighter.data.ok) {
      setFocusHighlightId(highlighter.data.highlightId);
    }
  }, [highlighter.state, highlighter.data]);

  const selectMessage = (messageId: number) => {
    setSelectedMessageId(messageId);
    setTab("transcript");
    document.getElementById(`message-${messageId}`)?.scrollIntoView({ block: "nearest" });
  };

  const moveMessage = (step: number) => {
    const ids = data.messages.map((message) => message.id);
    const current = selectedMessageId === null ? -1 : ids.indexOf(selectedMessageId);
    const next = current === -1 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, current + step));
    if (ids[next] !== undefined) selectMessage(ids[next]);
  };

  const highlight = (kind: HighlightKind) => {
    const span = selectedSpan();
    const messageId = span?.messageId ?? selectedMessageId;
    if (messageId === null) {
      setNotice(t("highlights.selectFirst"));
      return;
    }
    setNotice(null);
    highlighter.submit(
      { intent: "highlight", messageId, kind, spanStart: span ? span.start : "", spanEnd: span ? span.end : "" },
      { method: "post" },
    );
    window.getSelection()?.removeAllRanges();
    setSelectedMessageId(messageId);
  };

  const saveHighlightNote = (highlightId: number, note: string) =>
    submitForm(
      { intent: "highlightNote", highlightId, note },
      { method: "post", navigate: false, fetcherKey: `highlight-note-${highlightId}` },
    );
  const removeHighlight = (highlightId: number) =>
    submitForm({ intent: "unhighlight", highlightId }, { method: "post", navigate: false, fetcherKey: `highlight-remove-${highlightId}` });

  // --- Keyboard
  const goNext = () => {
    if (data.nextConversationId !== null) navigate(reviewPath(data.nextConversationId, calibration));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (showShortcuts) {
      if (event.key === "Escape" || event.key === "?") {
        event.preventDefault();
        setShowShortcuts(false);
      }
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      submit();
      return;
    }
    if (isTextField(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const focused = criteria[focusIndex]?.criterion;
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
    if (digit) {
      const index = Number(digit[1]) - 1;
      if (event.shiftKey) {
        const cause = focused?.rootCauses?.[index];
        if (focused && cause && rootCauseRequired(definition, focused.id, content)) toggleRootCause(focused.id, cause);
      } else {
        rateFocused(index);
      }
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "j":
      case "ArrowDown":
        setFocusIndex((index) => Math.min(criteria.length - 1, index + 1));
        break;
      case "k":
      case "ArrowUp":
        setFocusIndex((index) => Math.max(0, index - 1));
        break;
      case "n":
        rateFocused("na");
        break;
      case "a":
        acceptSuggestion(focusIndex);
        break;
      case "N":
        goNext();
        break;
      case "c":
        if (focused) openComment(focused.id);
        break;
      case "o":
        if (overallRef.current) focusInForm(overallRef.current);
        break;
      case "m":
        moveMessage(1);
        break;
      case "M":
        moveMessage(-1);
        break;
      case "e":
        highlight("exemplary");
        break;
      case "w":
        highlight("needs_work");
        break;
      case "h":
        setTab((current) => (current === "transcript" ? "history" : "transcript"));
        break;
      case "?":
        setShowShortcuts(true);
        break;
      case "Escape":
        setSelectedMessageId(null);
        setNotice(null);
        setPinnedEvidence(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const bodyOf = (messageId: number) => data.messages.find((message) => message.id === messageId)?.body ?? "";
  const ratings = content.ratings;
  const canChangeScorecard = !submitted && Object.keys(ratings).length === 0 && data.scorecardOptions.length > 1;
  const scorecardChanger = useFetcher<ReviewAction>({ key: `review-scorecard-${data.conversation.id}` });
  let criterionNumber = 0;

  return (
    <div className="review-page">
      <ReviewHeader data={data}>
        <div className="review-header-actions">
          <SaveIndicator state={submitted ? (dirty ? "unsaved" : "clean") : saveState} savedAt={lastSavedAt} />
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setShowShortcuts(true)}>
            <kbd>?</kbd> {t("shortcuts.open")}
          </button>
          {data.nextConversationId !== null ? (
            <Link to={reviewPath(data.nextConversationId, calibration)} className="btn btn-secondary btn-small">
              {t("review.next")} <kbd>⇧N</kbd>
            </Link>
          ) : null}
        </div>
      </ReviewHeader>

      {calibration ? (
        <div className="alert alert-info calibration-banner" role="note">
          <strong>{t("calibration.reviewBanner", { name: calibration.name })}</strong>{" "}
          {calibration.status === "closed"
            ? t("calibration.reviewClosed")
            : submitted
              ? t("calibration.reviewSubmitted")
              : calibration.blind
                ? t("calibration.reviewBlind")
                : t("calibration.reviewOpen")}{" "}
          <Link to={`/calibration/${calibration.sessionId}`}>{t("calibration.backToSession")}</Link>
        </div>
      ) : submitted ? (
        <div className={`alert ${submitResult?.ok ? "alert-success" : "alert-info"}`} role="status">
          {submitResult?.ok
            ? t(submitResult.edited ? "review.justUpdated" : "review.justSubmitted", {
                score: submitResult.score === null ? "—" : formatScore(submitResult.score, i18n.language),
              })
            : t("review.editingSubmitted", { date: data.review?.submittedAt ? dates.dateTime(data.review.submittedAt) : "" })}{" "}
          {data.review ? <Link to={`/reviews/${data.review.id}`}>{t("review.viewSubmitted")}</Link> : null}
        </div>
      ) : null}

      <div className="review-layout">
        <section className={`card review-transcript channel-${data.conversation.channel}`} aria-label={t("conversation.transcript")}>
          <div className="tabs" role="tablist">
            <button type="button" className="tab" role="tab" aria-selected={tab === "transcript"} onClick={() => setTab("transcript")}>
              {t("conversation.transcript")}
            </button>
            <button type="button" className="tab" role="tab" aria-selected={tab === "history"} onClick={() => setTab("history")}>
              {t("review.history", { count: data.history.length })} <kbd>H</kbd>
            </button>
          </div>
          {tab === "history" ? (
            <div className="card-body">
              <CustomerHistory history={data.history} />
            </div>
          ) : (
            <>
              <p className="transcript-hint muted">{t("review.highlightHint")}</p>
              {notice ? (
                <p className="alert alert-info transcript-notice" role="status">
                  {notice}
                </p>
              ) : null}
              <Transcript
                messages={data.messages}
                customerName={data.conversation.customerName}
                replyTimings={data.replyTimings}
                sentiments={data.sentiments}
                highlights={data.highlights}
                evidence={previewEvidence ?? pinnedEvidence}
                selectedMessageId={selectedMessageId}
                onSelectMessage={setSelectedMessageId}
                renderMessageFooter={(message) =>
                  message.id === selectedMessageId ? (
                    <div className="msg-actions">
                      <button
                        type="button"
                        className="btn btn-small hl-button-exemplary"
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => highlight("exemplary")}
                      >
                        {t("highlights.markExemplary")} <kbd>E</kbd>
                      </button>
                      <button
                        type="button"
                        className="btn btn-small hl-button-needs_work"
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={() => highlight("needs_work")}
                      >
                        {t("highlights.markNeedsWork")} <kbd>W</kbd>
                      </button>
                    </div>
                  ) : null
                }
              />
            </>
          )}
        </section>

        <section className="review-form" ref={formRef} aria-label={t("review.scorecard")}>
          <div className="scorecard-bar">
            <div>
              <span className="muted small">{t("review.scorecard")}</span>
              {canChangeScorecard ? (
                <select
                  aria-label={t("review.scorecard")}
                  value={version.id}
                  onChange={(event) => scorecardChanger.submit({ intent: "scorecard", versionId: event.target.value }, { method: "post" })}
                >
                  {data.scorecardOptions.map((option) => (
                    <option key={option.versionId} value={option.versionId}>
                      {option.name} · v{option.version}
                    </option>
                  ))}
                </select>
              ) : (
                <strong className="scorecard-name">
                  {version.name} · v{version.version}
                </strong>
              )}
            </div>
            {data.kind !== "standard" ? <span className="badge badge-warning">{t(`review.kinds.${data.kind}`)}</span> : null}
          </div>

          <ScorePanel result={result} bonusCap={definition.bonusCap} ratedCount={ratedCount} totalCount={criteria.length} />

          {definition.categories.map((category) => (
            <div key={category.id} className="category-block">
              <h2 className="category-title">{category.title}</h2>
              {category.criteria.map((criterion) => {
                criterionNumber += 1;
                const index = criterionNumber - 1;
                return (
                  <CriterionCard
                    key={criterion.id}
                    ref={(element) => {
                      if (element) commentRefs.current.set(criterion.id, element);
                      else commentRefs.current.delete(criterion.id);
                    }}
                    criterion={criterion}
                    number={criterionNumber}
                    rating={ratings[criterion.id]}
                    result={result.criteria.find((item) => item.criterionId === criterion.id)}
                    comment={content.criterionComments[criterion.id] ?? ""}
                    commentOpen={openComments.has(criterion.id)}
                    pickedRootCauses={content.rootCauses[criterion.id] ?? []}
                    rootCausesAsked={rootCauseRequired(definition, criterion.id, content)}
                    issue={showIssues ? issueByCriterion.get(criterion.id) : undefined}
                    focused={index === focusIndex}
                    readOnly={locked}
                    onFocus={() => setFocusIndex(index)}
                    onRate={(rating) => {
                      setFocusIndex(index);
                      setRating(criterion.id, rating);
                    }}
                    onComment={(comment) => setComment(criterion.id, comment)}
                    onToggleComment={() => openComment(criterion.id)}
                    onToggleRootCause={(cause) => toggleRootCause(criterion.id, cause)}
                    suggestion={
                      data.autoQa[criterion.id] ? (
                        <SuggestionBox
                          criterion={criterion}
                          suggestion={data.autoQa[criterion.id]}
                          rating={ratings[criterion.id]}
                          messageNumber={messageNumber}
                          readOnly={false}
                          onAccept={() => acceptSuggestion(index)}
                          onPreview={setPreviewEvidence}
                          onShow={showEvidence}
                        />
                      ) : undefined
                    }
                  />
                );
              })}
            </div>
          ))}

          <div className="card form-card">
            <div className="card-body">
              <label htmlFor="overall-comment" className="form-card-title">
                {t("review.overall")} <kbd>O</kbd>
              </label>
              <textarea
                id="overall-comment"
                ref={overallRef}
                rows={3}
                placeholder={t("review.overallPlaceholder")}
                readOnly={locked}
                value={content.overallComment}
                onChange={(event) => {
                  const overallComment = event.target.value;
                  update((previous) => ({ ...previous, overallComment }));
                }}
              />
            </div>
          </div>

          <div className="card form-card">
            <div className="card-body">
              <h2>
                {t("highlights.title")} <span className="count">{data.highlights.length}</span>
              </h2>
              <HighlightList
                highlights={data.highlights}
                bodyOf={bodyOf}
                readOnly={false}
                focusHighlightId={focusHighlightId}
                onNote={saveHighlightNote}
                onRemove={removeHighlight}
                onShow={selectMessage}
              />
            </div>
          </div>

          <div className="submit-bar">
            {showIssues && issues.length > 0 ? (
              <span className="field-error" role="alert">
                {t("review.fixBeforeSubmit", { count: issueByCriterion.size })}
              </span>
            ) : (
              <span className="muted small">{t("review.submitHint")}</span>
            )}
            {submitted || locked ? null : (
              <DiscardDraft
                hasDraft={data.review !== null || ratedCount > 0}
                onDiscarded={() =>
                  navigate(calibration ? `/calibration/${calibration.sessionId}` : `/conversations/${data.conversation.id}`)
                }
              />
            )}
            {locked ? null : (
              <button type="button" className="btn" onClick={submit} disabled={submitting}>
                {submitting ? t("review.submitting") : submitted ? t("review.update") : t("review.submit")} <kbd>Ctrl ↵</kbd>
              </button>
            )}
          </div>
        </section>
      </div>
      <ShortcutsDialog open={showShortcuts} onClose={() => setShowShortcuts(false)} />
    </div>
  );
}

function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: Date | null }) {
  const { t } = useTranslation();
  const dates = useDates();
  const label =
    state === "saving"
      ? t("review.saving")
      : state === "unsaved"
        ? t("review.unsaved")
        : state === "error"
          ? t("review.saveFailed")
          : state === "saved" && savedAt
            ? t("review.saved", { time: dates.time(savedAt) })
            : "";
  return (
    <span className={`save-indicator save-${state}`} role="status" aria-live="polite">
      {label}
    </span>
  );
}

function DiscardDraft({ hasDraft, onDiscarded }: { hasDraft: boolean; onDiscarded: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ReviewAction>();
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "discard" && fetcher.data.ok) onDiscarded();
  }, [fetcher.state, fetcher.data, onDiscarded]);
  if (!hasDraft) return null;
  return (
    <button
      type="button"
      className="link-button danger"
      onClick={() => {
        if (window.confirm(t("review.discardConfirm"))) fetcher.submit({ intent: "discard" }, { method: "post" });
      }}
    >
      {t("review.discard")}
    </button>
  );
}
