import { type ScorecardDefinition, allCriteria, scalePoints } from "../../scoring/rubric";

export type AuditChange =
  | { kind: "rating"; criterion: string; before: string; after: string }
  | { kind: "score"; before: number | null; after: number | null }
  | { kind: "comment"; criterion: string | null }
  | { kind: "rootCauses"; criterion: string }
  | { kind: "highlights"; before: number; after: number };

interface Snapshot {
  ratings?: Record<string, number | "na">;
  criterionComments?: Record<string, string>;
  rootCauses?: Record<string, string[]>;
  overallComment?: string;
  score?: number | null;
  highlights?: unknown[];
}

function asSnapshot(value: unknown): Snapshot {
  return typeof value === "object" && value !== null ? (value as Snapshot) : {};
}

/** What an edit of a submitted review changed, in the scorecard's words, for the review's history. */
export function auditChanges(definition: ScorecardDefinition, beforeValue: unknown, afterValue: unknown): AuditChange[] {
  const before = asSnapshot(beforeValue);
  const after = asSnapshot(afterValue);
  const changes: AuditChange[] = [];
  if (before.highlights || after.highlights) {
    return [{ kind: "highlights", before: before.highlights?.length ?? 0, after: after.highlights?.length ?? 0 }];
  }
  for (const { criterion } of allCriteria(definition)) {
    const label = (rating: number | "na" | undefined) =>
      rating === undefined
        ? "—"
        : rating === "na"
          ? "N/A"
          : (scalePoints(criterion.scale).find((point) => point.value === rating)?.label ?? String(rating));
    const [was, is] = [before.ratings?.[criterion.id], after.ratings?.[criterion.id]];
    if (was !== is) changes.push({ kind: "rating", criterion: criterion.title, before: label(was), after: label(is) });
    if ((before.criterionComments?.[criterion.id] ?? "") !== (after.criterionComments?.[criterion.id] ?? "")) {
      changes.push({ kind: "comment", criterion: criterion.title });
    }
    const causes = (snapshot: Snapshot) => [...(snapshot.rootCauses?.[criterion.id] ?? [])].sort().join("\n");
    if (causes(before) !== causes(after)) changes.push({ kind: "rootCauses", criterion: criterion.title });
  }
  if ((before.overallComment ?? "") !== (after.overallComment ?? "")) changes.push({ kind: "comment", criterion: null });
  if ((before.score ?? null) !== (after.score ?? null))
    changes.push({ kind: "score", before: before.score ?? null, after: after.score ?? null });
  return changes;
}
