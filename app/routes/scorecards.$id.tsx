import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db/client";
import {
  discardScorecardDraft,
  getScorecard,
  publishScorecard,
  saveScorecardDraft,
  updateScorecardSettings,
} from "../../db/queries/scorecards";
import { listTeams, teamsExist } from "../../db/queries/users";
import { CHANNELS } from "../../scoring/domain";
import { autoQaLinkIssues } from "../../scoring/autoqa/links";
import { parseScorecardDefinition } from "../../scoring/rubric";
import { requireRole } from "../auth/guards.server";
import { ScorecardBuilder } from "../components/scorecards/ScorecardBuilder";
import { resolveLocale } from "../locale.server";
import { SCORECARD_EDITOR_ROLES } from "../reviews/permissions";
import { toEditable } from "../scorecards/editable";
import { parseFormData } from "../validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Calidad QA · ${data?.scorecard.name ?? "Scorecard"}` }];

function scorecardIdOf(params: LoaderFunctionArgs["params"]): number {
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, SCORECARD_EDITOR_ROLES);
  const db = await getDb();
  const [found, teams] = await Promise.all([getScorecard(db, scorecardIdOf(params)), listTeams(db)]);
  if (!found) throw new Response("Not found", { status: 404 });
  const { scorecard, versions, workingDefinition } = found;
  return {
    scorecard: {
      id: scorecard.id,
      name: scorecard.name,
      description: scorecard.description,
      language: scorecard.language,
      channels: scorecard.channels,
      teamIds: scorecard.teamIds,
      languages: scorecard.languages,
      active: scorecard.active,
      hasDraft: scorecard.draft !== null,
      draftUpdatedAt: scorecard.draftUpdatedAt,
    },
    versions,
    working: toEditable(workingDefinition),
    teams,
  };
}

const definitionField = z
  .string()
  .max(500_000)
  .transform((text, context) => {
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
    } catch {
      // reported below
    }
    context.addIssue({ code: "custom", message: "must be a JSON object" });
    return z.NEVER;
  });

const draftFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(""),
  definition: definitionField,
};

export const scorecardActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), ...draftFields }),
  z.object({ intent: z.literal("publish"), ...draftFields }),
  z.object({ intent: z.literal("discard") }),
  z.object({
    intent: z.literal("applicability"),
    "channels[]": z.array(z.enum(CHANNELS)).default([]),
    "teamIds[]": z.array(z.coerce.number().int().positive()).default([]),
    "languages[]": z.array(z.enum(["es", "en", "other"])).default([]),
    active: z.literal("on").optional(),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, SCORECARD_EDITOR_ROLES);
  const id = scorecardIdOf(params);
  const db = await getDb();
  const parsed = parseFormData(scorecardActionSchema, await request.formData(), resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ ok: false as const, intent: null, errors: parsed.errors, issues: [] }, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "save":
    case "publish": {
      const language = (input.definition as { language?: unknown }).language;
      const saved = await saveScorecardDraft(db, {
        id,
        draft: input.definition,
        name: input.name,
        description: input.description,
        language: language === "es" || language === "en" ? language : undefined,
      });
      if (!saved) throw new Response("Not found", { status: 404 });
      if (input.intent === "save") {
        const check = parseScorecardDefinition(input.definition);
        return { ok: true as const, intent: input.intent, issues: check.success ? autoQaLinkIssues(check.data) : check.issues };
      }
      const published = await publishScorecard(db, { id, publishedBy: user.id });
      if (!published.ok) {
        return data(
          { ok: false as const, intent: input.intent, issues: published.reason === "invalid" ? published.issues : [] },
          { status: 400 },
        );
      }
      return { ok: true as const, intent: input.intent, version: published.version, issues: [] };
    }
    case "discard":
      await discardScorecardDraft(db, id);
      return { ok: true as const, intent: input.intent, issues: [] };
    case "applicability": {
      if (!(await teamsExist(db, input["teamIds[]"])))
        return data({ ok: false as const, intent: input.intent, issues: [] }, { status: 400 });
      await updateScorecardSettings(db, id, {
        channels: input["channels[]"],
        teamIds: input["teamIds[]"],
        languages: input["languages[]"],
        active: input.active === "on",
      });
      return { ok: true as const, intent: input.intent, issues: [] };
    }
  }
}

export default function ScorecardPage() {
  const loaded = useLoaderData<typeof loader>();
  return <ScorecardBuilder key={loaded.scorecard.id} data={loaded} />;
}

export type ScorecardLoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ScorecardAction = typeof action;
