import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNELS } from "../../../scoring/domain";
import { AUTOQA_FEATURES, autoQaFeatureOf } from "../../../scoring/autoqa/features";
import { autoQaLinkIssues } from "../../../scoring/autoqa/links";
import { type ScaleKind, type ValidationIssue, parseScorecardDefinition } from "../../../scoring/rubric";
import { useDates } from "../../hooks";
import type { ScorecardAction, ScorecardLoaderData } from "../../routes/scorecards.$id";
import {
  type EditableCriterion,
  type EditableDefinition,
  defaultScale,
  newCategory,
  newCriterion,
  toDefinitionInput,
} from "../../scorecards/editable";

const SCALE_KINDS: ScaleKind[] = ["binary", "three-point", "four-point", "five-point", "custom"];

function move<T>(items: T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return items;
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** `categories[1].criteria[0].weight` → "Category 2 › Criterion 1 › weight". */
function usePathLabel() {
  const { t } = useTranslation();
  return (path: string) =>
    path
      .replace(/^categories\[(\d+)\]/, (_, index) => t("builder.categoryN", { n: Number(index) + 1 }))
      .replace(/\.criteria\[(\d+)\]/, (_, index) => ` › ${t("builder.criterionN", { n: Number(index) + 1 })}`)
      .replace(/\.([A-Za-z]+)/g, " › $1");
}

export function ScorecardBuilder({ data }: { data: ScorecardLoaderData }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const pathLabel = usePathLabel();
  const [name, setName] = useState(data.scorecard.name);
  const [description, setDescription] = useState(data.scorecard.description);
  const [definition, setDefinition] = useState<EditableDefinition>(data.working);
  const [dirty, setDirty] = useState(false);
  const [expanded, setExpanded] = useState<string | null>(data.working.categories[0]?.criteria[0]?.uid ?? null);
  const saver = useFetcher<ScorecardAction>({ key: `scorecard-${data.scorecard.id}` });
  const scorecardT = i18n.getFixedT(definition.language === "es" || definition.language === "en" ? definition.language : i18n.language);

  const liveIssues: ValidationIssue[] = useMemo(() => {
    const result = parseScorecardDefinition(toDefinitionInput(definition));
    return result.success ? autoQaLinkIssues(result.data) : result.issues;
  }, [definition]);
  const issueAt = (path: string) =>
    liveIssues.find((issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`));

  const change = (mutate: (draft: EditableDefinition) => void) => {
    setDefinition((previous) => {
      const draft = structuredClone(previous);
      mutate(draft);
      return draft;
    });
    setDirty(true);
  };
  const changeCriterion = (categoryIndex: number, criterionIndex: number, mutate: (criterion: EditableCriterion) => void) =>
    change((draft) => mutate(draft.categories[categoryIndex].criteria[criterionIndex]));

  const send = (intent: "save" | "publish") =>
    saver.submit({ intent, name, description, definition: JSON.stringify(toDefinitionInput(definition)) }, { method: "post" });

  useEffect(() => {
    if (saver.state !== "idle" || !saver.data) return;
    if (saver.data.ok && (saver.data.intent === "save" || saver.data.intent === "publish")) setDirty(false);
    if (saver.data.ok && saver.data.intent === "discard") {
      setDefinition(data.working);
      setDirty(false);
    }
  }, [saver.state, saver.data, data.working]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        send("save");
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const latest = data.versions[0] ?? null;
  const busy = saver.state !== "idle";
  const result = saver.state === "idle" ? saver.data : undefined;
  const serverIssues = result && !result.ok ? result.issues : [];
  let criterionNumber = 0;

  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/scorecards" className="muted">
            ← {t("scorecards.back")}
          </Link>
          <h1>{name || t("scorecards.untitled")}</h1>
          <p>
            {latest ? (
              <span className="badge badge-success">{t("builder.published", { version: latest.version })}</span>
            ) : (
              <span className="badge badge-warning">{t("scorecards.neverPublished")}</span>
            )}{" "}
            {dirty ? (
              <span className="badge badge-warning">{t("review.unsaved")}</span>
            ) : data.scorecard.hasDraft ? (
              <span className="badge">
                {t("builder.draftSaved", { date: data.scorecard.draftUpdatedAt ? dates.dateTime(data.scorecard.draftUpdatedAt) : "" })}
              </span>
            ) : null}
          </p>
        </div>
        <div className="actions">
          {data.scorecard.hasDraft && latest ? (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                if (window.confirm(t("builder.discardConfirm"))) saver.submit({ intent: "discard" }, { method: "post" });
              }}
            >
              {t("builder.discard")}
            </button>
          ) : null}
          <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => send("save")}>
            {t("builder.save")} <kbd>Ctrl S</kbd>
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || liveIssues.length > 0 || !(dirty || data.scorecard.hasDraft || latest === null)}
            title={dirty || data.scorecard.hasDraft || latest === null ? undefined : t("builder.nothingToPublish")}
            onClick={() => send("publish")}
          >
            {t("builder.publish", { version: (latest?.version ?? 0) + 1 })}
          </button>
        </div>
      </div>

      {result?.ok && result.intent === "publish" && "version" in result ? (
        <div className="alert alert-success" role="status">
          {t("builder.publishedNow", { version: result.version })}
        </div>
      ) : null}
      {result?.ok && result.intent === "save" ? (
        <div className="alert alert-info" role="status">
          {t("builder.savedNow")}
        </div>
      ) : null}

      <div className="builder-layout">
        <div className="builder-main">
          <div className="card">
            <div className="card-body builder-grid">
              <div className="field span-2">
                <label htmlFor="scorecard-name">{t("scorecards.name")}</label>
                <input
                  id="scorecard-name"
                  type="text"
                  value={name}
                  maxLength={120}
                  onChange={(event) => {
                    setName(event.target.value);
                    setDirty(true);
                  }}
                />
              </div>
              <div className="field">
                <label htmlFor="scorecard-language">{t("scorecards.language")}</label>
                <select
                  id="scorecard-language"
                  value={definition.language ?? ""}
                  onChange={(event) => {
                    const language = event.target.value;
                    change((draft) => {
                      draft.language = language || undefined;
                    });
                  }}
                >
                  <option value="es">{t("languages.es")}</option>
                  <option value="en">{t("languages.en")}</option>
                </select>
              </div>
              <div className="field span-3">
                <label htmlFor="scorecard-description">{t("builder.description")}</label>
                <input
                  id="scorecard-description"
                  type="text"
                  value={description}
                  maxLength={2000}
                  onChange={(event) => {
                    setDescription(event.target.value);
                    setDirty(true);
                  }}
                />
              </div>
              <div className="field">
                <label htmlFor="bonus-cap">{t("builder.bonusCap")}</label>
                <input
                  id="bonus-cap"
                  type="number"
                  min={100}
                  step={1}
                  value={Number.isFinite(definition.bonusCap) ? definition.bonusCap : ""}
                  onChange={(event) => {
                    const value = event.target.valueAsNumber;
                    change((draft) => {
                      draft.bonusCap = value;
                    });
                  }}
                />
                <span className="hint">{t("builder.bonusCapHelp")}</span>
              </div>
              <div className="field">
                <label htmlFor="negative-rule">{t("builder.negativeRule")}</label>
                <select
                  id="negative-rule"
                  value={definition.negativeRating.rule}
                  onChange={(event) => {
                    const rule = event.target.value;
                    change((draft) => {
                      draft.negativeRating =
                        rule === "below-score"
                          ? { rule: "below-score", score: 80 }
                          : rule === "at-minimum"
                            ? { rule: "at-minimum" }
                            : { rule: "below-midpoint" };
                    });
                  }}
                >
                  <option value="below-midpoint">{t("builder.rules.below-midpoint")}</option>
                  <option value="at-minimum">{t("builder.rules.at-minimum")}</option>
                  <option value="below-score">{t("builder.rules.below-score")}</option>
                </select>
              </div>
              {definition.negativeRating.rule === "below-score" ? (
                <div className="field">
                  <label htmlFor="negative-score">{t("builder.negativeScore")}</label>
                  <input
                    id="negative-score"
                    type="number"
                    min={1}
                    max={100}
                    value={definition.negativeRating.score}
                    onChange={(event) => {
                      const score = event.target.valueAsNumber;
                      change((draft) => {
                        draft.negativeRating = { rule: "below-score", score };
                      });
                    }}
                  />
                </div>
              ) : null}
            </div>
          </div>

          {definition.categories.map((category, categoryIndex) => (
            <section
              key={category.uid}
              className="card builder-category"
              aria-label={category.title || t("builder.categoryN", { n: categoryIndex + 1 })}
            >
              <div className="builder-category-head">
                <div className="field grow">
                  <label htmlFor={`category-${categoryIndex}-title`}>{t("builder.categoryN", { n: categoryIndex + 1 })}</label>
                  <input
                    id={`category-${categoryIndex}-title`}
                    type="text"
                    value={category.title}
                    placeholder={t("builder.categoryTitle")}
                    onChange={(event) => {
                      const title = event.target.value;
                      change((draft) => {
                        draft.categories[categoryIndex].title = title;
                      });
                    }}
                  />
                  <FieldIssue issue={issueAt(`categories[${categoryIndex}].title`)} />
                </div>
                <div className="field id-field">
                  <label htmlFor={`category-${categoryIndex}-id`}>{t("builder.id")}</label>
                  <input
                    id={`category-${categoryIndex}-id`}
                    type="text"
                    value={category.id}
                    onChange={(event) => {
                      const id = event.target.value;
                      change((draft) => {
                        draft.categories[categoryIndex].id = id;
                      });
                    }}
                  />
                  <FieldIssue issue={issueAt(`categories[${categoryIndex}].id`)} />
                </div>
                <div className="row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t("builder.moveUp")}
                    onClick={() =>
                      change((draft) => {
                        draft.categories = move(draft.categories, categoryIndex, categoryIndex - 1);
                      })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t("builder.moveDown")}
                    onClick={() =>
                      change((draft) => {
                        draft.categories = move(draft.categories, categoryIndex, categoryIndex + 1);
                      })
                    }
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button danger"
                    aria-label={t("builder.removeCategory")}
                    onClick={() =>
                      change((draft) => {
                        draft.categories.splice(categoryIndex, 1);
                      })
                    }
                  >
                    ✕
                  </button>
                </div>
              </div>
              <ol className="builder-criteria">
                {category.criteria.map((criterion, criterionIndex) => {
                  criterionNumber += 1;
                  const open = expanded === criterion.uid;
                  const path = `categories[${categoryIndex}].criteria[${criterionIndex}]`;
                  const problem = issueAt(path);
                  return (
                    <li key={criterion.uid} className={`builder-criterion${open ? " open" : ""}${problem ? " has-issue" : ""}`}>
                      <button
                        type="button"
                        className="builder-criterion-summary"
                        aria-expanded={open}
                        onClick={() => setExpanded(open ? null : criterion.uid)}
                      >
                        <span className="criterion-number">{criterionNumber}</span>
                        <span className="summary-title">
                          {criterion.title || <em className="muted">{t("builder.untitledCriterion")}</em>}
                        </span>
                        <span className="summary-flags">
                          <span className="flag">{t(`builder.scales.${criterion.scale.kind}`)}</span>
                          {criterion.weight !== 1 ? <span className="flag">{t("review.weight", { weight: criterion.weight })}</span> : null}
                          {criterion.critical ? <span className="flag flag-critical">{t("review.critical")}</span> : null}
                          {criterion.bonus ? <span className="flag flag-bonus">{t("review.bonusFlag")}</span> : null}
                          {criterion.naAllowed ? <span className="flag">{t("review.na")}</span> : null}
                          {criterion.autoQaFeature ? (
                            <span className="flag flag-autoqa">
                              {t("autoqa.badge")}:{" "}
                              {t(`autoqa.features.${criterion.autoQaFeature}`, { defaultValue: criterion.autoQaFeature })}
                            </span>
                          ) : null}
                          {problem ? <span className="flag flag-critical">!</span> : null}
                        </span>
                        <span className="chevron" aria-hidden="true">
                          {open ? "▾" : "▸"}
                        </span>
                      </button>
                      {open ? (
                        <CriterionEditor
                          criterion={criterion}
                          path={path}
                          issueAt={issueAt}
                          scaleFor={(kind) => defaultScale(kind, scorecardT)}
                          onChange={(mutate) => changeCriterion(categoryIndex, criterionIndex, mutate)}
                          onMove={(step) =>
                            change((draft) => {
                              const list = draft.categories[categoryIndex].criteria;
                              draft.categories[categoryIndex].criteria = move(list, criterionIndex, criterionIndex + step);
                            })
                          }
                          onRemove={() =>
                            change((draft) => {
                              draft.categories[categoryIndex].criteria.splice(criterionIndex, 1);
                            })
                          }
                        />
                      ) : null}
                    </li>
                  );
                })}
              </ol>
              <FieldIssue issue={liveIssues.find((issue) => issue.path === `categories[${categoryIndex}].criteria`)} />
              <button
                type="button"
                className="btn btn-secondary btn-small add-button"
                onClick={() => {
                  const added = newCriterion(scorecardT, definition);
                  change((draft) => {
                    draft.categories[categoryIndex].criteria.push(added);
                  });
                  setExpanded(added.uid);
                }}
              >
                + {t("builder.addCriterion")}
              </button>
            </section>
          ))}
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              const added = newCategory(scorecardT, definition);
              change((draft) => {
                draft.categories.push(added);
              });
              setExpanded(added.criteria[0].uid);
            }}
          >
            + {t("builder.addCategory")}
          </button>
        </div>

        <aside className="builder-aside">
          <div className={`card validation-card${liveIssues.length ? " has-issues" : ""}`}>
            <div className="card-body">
              <h2>{liveIssues.length ? t("builder.problems", { count: liveIssues.length }) : t("builder.ready")}</h2>
              {liveIssues.length ? (
                <ul className="issue-list">
                  {[...liveIssues, ...serverIssues.filter((issue) => !liveIssues.some((live) => live.path === issue.path))].map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>
                      <strong>{pathLabel(issue.path) || t("builder.scorecard")}</strong>: {issue.message}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">{t("builder.readyHelp")}</p>
              )}
            </div>
          </div>
          <Applicability data={data} />
          <div className="card">
            <div className="card-body">
              <h2>{t("builder.versions")}</h2>
              {data.versions.length === 0 ? (
                <p className="muted small">{t("builder.noVersions")}</p>
              ) : (
                <ul className="version-list">
                  {data.versions.map((version) => (
                    <li key={version.id}>
                      <span className="badge">v{version.version}</span> {dates.dateTime(version.publishedAt)}
                      {version.publishedByName ? <span className="muted"> · {version.publishedByName}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
              <p className="muted small">{t("builder.versionsHelp")}</p>
            </div>
          </div>
        </aside>
      </div>
    </>
  );
}

function FieldIssue({ issue }: { issue: ValidationIssue | undefined }) {
  return issue ? <span className="field-error">{issue.message}</span> : null;
}

function CriterionEditor({
  criterion,
  path,
  issueAt,
  scaleFor,
  onChange,
  onMove,
  onRemove,
}: {
  criterion: EditableCriterion;
  path: string;
  issueAt: (path: string) => ValidationIssue | undefined;
  scaleFor: (kind: ScaleKind) => EditableCriterion["scale"];
  onChange: (mutate: (criterion: EditableCriterion) => void) => void;
  onMove: (step: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const idPrefix = path.replace(/[^a-z0-9]+/gi, "-");
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (criterion.title === "") titleRef.current?.focus();
  }, [criterion.title]);
  const { scale } = criterion;
  return (
    <div className="criterion-editor">
      <div className="builder-grid">
        <div className="field span-2">
          <label htmlFor={`${idPrefix}-title`}>{t("builder.criterionTitle")}</label>
          <input
            ref={titleRef}
            id={`${idPrefix}-title`}
            type="text"
            value={criterion.title}
            onChange={(event) => {
              const title = event.target.value;
              onChange((draft) => {
                draft.title = title;
              });
            }}
          />
          <FieldIssue issue={issueAt(`${path}.title`)} />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-id`}>{t("builder.id")}</label>
          <input
            id={`${idPrefix}-id`}
            type="text"
            value={criterion.id}
            onChange={(event) => {
              const id = event.target.value;
              onChange((draft) => {
                draft.id = id;
              });
            }}
          />
          <FieldIssue issue={issueAt(`${path}.id`)} />
        </div>
        <div className="field span-3">
          <label htmlFor={`${idPrefix}-guidance`}>{t("builder.guidance")}</label>
          <textarea
            id={`${idPrefix}-guidance`}
            rows={2}
            value={criterion.description}
            placeholder={t("builder.guidancePlaceholder")}
            onChange={(event) => {
              const description = event.target.value;
              onChange((draft) => {
                draft.description = description;
              });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-scale`}>{t("builder.scale")}</label>
          <select
            id={`${idPrefix}-scale`}
            value={scale.kind}
            onChange={(event) => {
              const kind = event.target.value as ScaleKind;
              onChange((draft) => {
                draft.scale = scaleFor(kind);
              });
            }}
          >
            {SCALE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`builder.scales.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-weight`}>{t("builder.weight")}</label>
          <input
            id={`${idPrefix}-weight`}
            type="number"
            min={0}
            step="any"
            value={Number.isFinite(criterion.weight) ? criterion.weight : ""}
            onChange={(event) => {
              const weight = event.target.valueAsNumber;
              onChange((draft) => {
                draft.weight = weight;
              });
            }}
          />
          <FieldIssue issue={issueAt(`${path}.weight`)} />
        </div>
        <div className="field checks">
          {(["critical", "naAllowed", "bonus"] as const).map((flag) => (
            <label key={flag} className="check-inline">
              <input
                type="checkbox"
                checked={criterion[flag]}
                onChange={(event) => {
                  const checked = event.target.checked;
                  onChange((draft) => {
                    draft[flag] = checked;
                  });
                }}
              />
              {t(`builder.flags.${flag}`)}
            </label>
          ))}
          <FieldIssue issue={issueAt(`${path}.bonus`)} />
        </div>
        <div className="field span-3">
          <label htmlFor={`${idPrefix}-autoqa`}>{t("builder.autoQaFeature")}</label>
          <select
            id={`${idPrefix}-autoqa`}
            value={criterion.autoQaFeature ?? ""}
            onChange={(event) => {
              const feature = event.target.value;
              onChange((draft) => {
                if (feature === "") delete draft.autoQaFeature;
                else draft.autoQaFeature = feature;
              });
            }}
          >
            <option value="">{t("builder.autoQaNone")}</option>
            {criterion.autoQaFeature && autoQaFeatureOf(criterion.autoQaFeature) !== criterion.autoQaFeature ? (
              <option value={criterion.autoQaFeature}>
                {autoQaFeatureOf(criterion.autoQaFeature)
                  ? t(`autoqa.features.${autoQaFeatureOf(criterion.autoQaFeature)}`)
                  : criterion.autoQaFeature}
              </option>
            ) : null}
            {AUTOQA_FEATURES.map((feature) => (
              <option key={feature} value={feature}>
                {t(`autoqa.features.${feature}`)}
              </option>
            ))}
          </select>
          <span className="hint">{t("builder.autoQaHelp")}</span>
          <FieldIssue issue={issueAt(`${path}.autoQaFeature`)} />
        </div>
      </div>

      <div className="scale-editor">
        <span className="label">{t("builder.points")}</span>
        {scale.kind === "binary" ? (
          <div className="scale-points-edit">
            {(["failLabel", "passLabel"] as const).map((field, index) => (
              <label key={field} className="point-edit">
                <span className="point-value">{index}</span>
                <input
                  type="text"
                  aria-label={t(`builder.${field}`)}
                  value={scale[field]}
                  onChange={(event) => {
                    const label = event.target.value;
                    onChange((draft) => {
                      if (draft.scale.kind === "binary") draft.scale[field] = label;
                    });
                  }}
                />
              </label>
            ))}
          </div>
        ) : scale.kind === "custom" ? (
          <div className="scale-points-edit">
            {scale.points.map((point, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: points are edited in place by position
              <div key={index} className="point-edit">
                <input
                  type="number"
                  className="point-value-input"
                  aria-label={t("builder.pointValue")}
                  value={Number.isFinite(point.value) ? point.value : ""}
                  step="any"
                  onChange={(event) => {
                    const value = event.target.valueAsNumber;
                    onChange((draft) => {
                      if (draft.scale.kind === "custom") draft.scale.points[index].value = value;
                    });
                  }}
                />
                <input
                  type="text"
                  aria-label={t("builder.pointLabel")}
                  value={point.label}
                  onChange={(event) => {
                    const label = event.target.value;
                    onChange((draft) => {
                      if (draft.scale.kind === "custom") draft.scale.points[index].label = label;
                    });
                  }}
                />
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={t("builder.removePoint")}
                  onClick={() =>
                    onChange((draft) => {
                      if (draft.scale.kind === "custom") draft.scale.points.splice(index, 1);
                    })
                  }
                >
                  ✕
                </button>
              </div>
            ))}
            <button
              type="button"
              className="link-button small"
              onClick={() =>
                onChange((draft) => {
                  if (draft.scale.kind !== "custom") return;
                  const highest = Math.max(0, ...draft.scale.points.map((point) => point.value));
                  draft.scale.points.push({ value: highest + 1, label: "" });
                })
              }
            >
              + {t("builder.addPoint")}
            </button>
          </div>
        ) : (
          <div className="scale-points-edit">
            {scale.labels.map((label, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed number of labels, lowest first
              <label key={index} className="point-edit">
                <span className="point-value">{index + 1}</span>
                <input
                  type="text"
                  aria-label={t("builder.pointLabelN", { n: index + 1 })}
                  value={label}
                  onChange={(event) => {
                    const value = event.target.value;
                    onChange((draft) => {
                      if (draft.scale.kind !== "binary" && draft.scale.kind !== "custom") draft.scale.labels[index] = value;
                    });
                  }}
                />
              </label>
            ))}
          </div>
        )}
        <FieldIssue issue={issueAt(`${path}.scale`)} />
      </div>

      <div className="field">
        <label htmlFor={`${idPrefix}-causes`}>{t("builder.rootCauses")}</label>
        <textarea
          id={`${idPrefix}-causes`}
          rows={3}
          value={criterion.rootCauses.join("\n")}
          placeholder={t("builder.rootCausesPlaceholder")}
          onChange={(event) => {
            const causes = event.target.value.split("\n");
            onChange((draft) => {
              draft.rootCauses = causes;
            });
          }}
        />
        <span className="hint">{t("builder.rootCausesHelp")}</span>
        <FieldIssue issue={issueAt(`${path}.rootCauses`)} />
      </div>

      <div className="criterion-editor-actions">
        <button type="button" className="link-button small" onClick={() => onMove(-1)}>
          ↑ {t("builder.moveUp")}
        </button>
        <button type="button" className="link-button small" onClick={() => onMove(1)}>
          ↓ {t("builder.moveDown")}
        </button>
        <button type="button" className="link-button small danger" onClick={onRemove}>
          {t("builder.removeCriterion")}
        </button>
      </div>
    </div>
  );
}

function Applicability({ data }: { data: ScorecardLoaderData }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ScorecardAction>({ key: `scorecard-applicability-${data.scorecard.id}` });
  const { scorecard, teams } = data;
  const saved = fetcher.state === "idle" && fetcher.data?.intent === "applicability" && fetcher.data.ok;
  return (
    <div className="card">
      <div className="card-body">
        <h2>{t("builder.appliesTo")}</h2>
        <p className="muted small">{t("builder.appliesToHelp")}</p>
        <fetcher.Form method="post" className="applicability">
          <input type="hidden" name="intent" value="applicability" />
          <fieldset>
            <legend>{t("conversations.language")}</legend>
            {(["es", "en", "other"] as const).map((language) => (
              <label key={language} className="check-inline">
                <input type="checkbox" name="languages[]" value={language} defaultChecked={scorecard.languages.includes(language)} />
                {t(`languages.${language}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("conversations.team")}</legend>
            {teams.map((team) => (
              <label key={team.id} className="check-inline">
                <input type="checkbox" name="teamIds[]" value={team.id} defaultChecked={scorecard.teamIds.includes(team.id)} />
                {team.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("conversations.channel")}</legend>
            {CHANNELS.map((channel) => (
              <label key={channel} className="check-inline">
                <input type="checkbox" name="channels[]" value={channel} defaultChecked={scorecard.channels.includes(channel)} />
                {t(`channels.${channel}`)}
              </label>
            ))}
          </fieldset>
          <label className="check-inline">
            <input type="checkbox" name="active" defaultChecked={scorecard.active} />
            {t("builder.active")}
          </label>
          <div className="actions">
            <button type="submit" className="btn btn-secondary btn-small" disabled={fetcher.state !== "idle"}>
              {t("users.save")}
            </button>
            {saved ? <span className="muted small">✓ {t("users.updated")}</span> : null}
          </div>
        </fetcher.Form>
      </div>
    </div>
  );
}
