import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { listAgentsForFilter } from "../../db/queries/conversations";
import { listFrustratedConversations } from "../../db/queries/predictions";
import { listTeams } from "../../db/queries/users";
import { CHANNELS } from "../../scoring/domain";
import { conversationScope, requireUser } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { useDates } from "../hooks";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Frustrated customers" }];

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

// A malformed filter is ignored rather than failing the page, as on the conversations list.
const filtersSchema = z.object({
  channel: z.enum(CHANNELS).optional().catch(undefined),
  team: optionalId,
  agent: optionalId,
  from: optionalDate,
  to: optionalDate,
});

function dayAfter(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

interface StoredReason {
  kind: string;
  contribution: number;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = conversationScope(user);
  const params = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const filters = {
    channel: params.channel,
    teamId: params.team,
    agentId: params.agent,
    from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    to: params.to ? dayAfter(params.to) : undefined,
  };
  const [rows, teams, agents] = await Promise.all([
    listFrustratedConversations(db, { scope, filters, limit: 100 }),
    scope.kind === "agent" ? [] : listTeams(db),
    scope.kind === "agent" ? [] : listAgentsForFilter(db, scope),
  ]);
  return {
    conversations: rows.map(({ reasons, ...row }) => ({
      ...row,
      // Only what raises the score is a reason to look; "ends satisfied" lowers it.
      reasons: (reasons as StoredReason[]).filter((reason) => reason.contribution > 0).map((reason) => reason.kind),
    })),
    teams: scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams,
    agents,
    isAgent: user.role === "agent",
  };
}

export default function FrustratedCustomers() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("frustrated.title")}</h1>
          <p>{t("frustrated.intro")}</p>
        </div>
      </div>
      <div className="card">
        <Form method="get" className="filters" aria-label={t("frustrated.filter")}>
          <div className="field">
            <label htmlFor="channel">{t("conversations.channel")}</label>
            <select id="channel" name="channel" defaultValue={searchParams.get("channel") ?? ""}>
              <option value="">{t("frustrated.allChannels")}</option>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`channels.${channel}`)}
                </option>
              ))}
            </select>
          </div>
          {data.isAgent ? null : (
            <>
              <div className="field">
                <label htmlFor="team">{t("conversations.team")}</label>
                <select id="team" name="team" defaultValue={searchParams.get("team") ?? ""}>
                  <option value="">{t("frustrated.allTeams")}</option>
                  {data.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="agent">{t("conversations.agent")}</label>
                <select id="agent" name="agent" defaultValue={searchParams.get("agent") ?? ""}>
                  <option value="">{t("frustrated.allAgents")}</option>
                  {data.agents.map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {agent.name}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="from">{t("frustrated.from")}</label>
            <input id="from" name="from" type="date" defaultValue={searchParams.get("from") ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">{t("frustrated.to")}</label>
            <input id="to" name="to" type="date" defaultValue={searchParams.get("to") ?? ""} />
          </div>
          <div className="field">
            <button type="submit" className="btn">
              {t("frustrated.filter")}
            </button>
          </div>
        </Form>
        {data.conversations.length === 0 ? (
          <div className="empty">{t("frustrated.empty")}</div>
        ) : (
          <table className="data" data-testid="frustrated-list">
            <thead>
              <tr>
                <th>{t("conversations.subject")}</th>
                <th>{t("frustrated.customer")}</th>
                <th>{t("conversations.agent")}</th>
                <th>{t("frustrated.score")}</th>
                <th>{t("frustrated.reasons")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.conversations.map((conversation) => (
                <tr key={conversation.id} data-conversation-id={conversation.id}>
                  <td>
                    <Link to={`/conversations/${conversation.id}`}>{conversation.subject || t("conversations.noSubject")}</Link>
                    <div className="muted">
                      <ChannelBadge channel={conversation.channel} /> {dates.dateTime(conversation.createdAt)}
                    </div>
                  </td>
                  <td>{conversation.customerName ?? t("common.none")}</td>
                  <td>
                    {conversation.agentName ?? t("common.none")}
                    {conversation.teamName ? <div className="muted">{conversation.teamName}</div> : null}
                  </td>
                  <td>{Math.round(conversation.score * 100)}%</td>
                  <td className="reasons">
                    {conversation.reasons.map((kind) => (
                      <span key={kind} className="badge badge-reason" data-reason={kind}>
                        {t(`frustrated.reasonKinds.${kind}`, { defaultValue: kind })}
                      </span>
                    ))}
                  </td>
                  <td>
                    <Link to={`/conversations/${conversation.id}/review`} className="btn btn-small" data-testid="review-frustrated">
                      {t("frustrated.review")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
