import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { CONVERSATION_FLAGS, decodeCursor, encodeCursor, listAgentsForFilter, listConversations } from "../../db/queries/conversations";
import { listTeams } from "../../db/queries/users";
import { CHANNELS } from "../../scoring/domain";
import { conversationScope, requireUser } from "../auth/guards.server";
import { ChannelBadge, CsatBadge, StatusBadge } from "../components/badges";
import { formatDuration } from "../format";
import { useDates } from "../hooks";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Conversations" }];

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

// Filters arrive as query parameters; a malformed one is ignored rather than failing the page.
const filtersSchema = z.object({
  channel: z.enum(CHANNELS).optional().catch(undefined),
  team: optionalId,
  agent: optionalId,
  language: z.enum(["es", "en", "other"]).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  q: z.string().trim().max(200).optional().catch(undefined),
  flag: z.enum(CONVERSATION_FLAGS).optional().catch(undefined),
  cursor: z.string().max(100).optional().catch(undefined),
});

function dayAfter(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
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
    language: params.language,
    from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    to: params.to ? dayAfter(params.to) : undefined,
    text: params.q || undefined,
    flag: params.flag,
  };
  const [page, teams, agents] = await Promise.all([
    listConversations(db, { scope, filters, cursor: decodeCursor(params.cursor ?? null) }),
    scope.kind === "agent" ? [] : listTeams(db),
    scope.kind === "agent" ? [] : listAgentsForFilter(db, scope),
  ]);
  const visibleTeams = scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams;
  const filtered = Object.values({ ...params, cursor: undefined }).some((value) => value !== undefined && value !== "");
  return {
    conversations: page.conversations,
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    teams: visibleTeams,
    agents,
    filtered,
    isAgent: user.role === "agent",
  };
}

export default function Conversations() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const dates = useDates();
  const nextParams = new URLSearchParams(searchParams);
  if (data.nextCursor) nextParams.set("cursor", data.nextCursor);
  const firstParams = new URLSearchParams(searchParams);
  firstParams.delete("cursor");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{data.isAgent ? t("nav.myConversations") : t("conversations.title")}</h1>
          <p>{t("conversations.showing", { count: data.conversations.length })}</p>
        </div>
      </div>
      <div className="card">
        <Form method="get" className="filters" aria-label={t("conversations.filters")}>
          <div className="field field-wide">
            <label htmlFor="q">{t("conversations.search")}</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={searchParams.get("q") ?? ""}
              placeholder={t("conversations.searchPlaceholder")}
            />
          </div>
          <div className="field">
            <label htmlFor="channel">{t("conversations.channel")}</label>
            <select id="channel" name="channel" defaultValue={searchParams.get("channel") ?? ""}>
              <option value="">{t("conversations.any")}</option>
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
                  <option value="">{t("conversations.any")}</option>
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
                  <option value="">{t("conversations.any")}</option>
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
            <label htmlFor="language">{t("conversations.language")}</label>
            <select id="language" name="language" defaultValue={searchParams.get("language") ?? ""}>
              <option value="">{t("conversations.any")}</option>
              {(["es", "en", "other"] as const).map((language) => (
                <option key={language} value={language}>
                  {t(`languages.${language}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="flag">{t("conversations.flag")}</label>
            <select id="flag" name="flag" defaultValue={searchParams.get("flag") ?? ""}>
              <option value="">{t("conversations.any")}</option>
              {CONVERSATION_FLAGS.map((flag) => (
                <option key={flag} value={flag}>
                  {t(`conversations.flags.${flag}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="from">{t("conversations.from")}</label>
            <input id="from" name="from" type="date" defaultValue={searchParams.get("from") ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="to">{t("conversations.to")}</label>
            <input id="to" name="to" type="date" defaultValue={searchParams.get("to") ?? ""} />
          </div>
          <div className="actions">
            <button type="submit" className="btn">
              {t("conversations.apply")}
            </button>
            <Link to="/conversations" className="btn btn-secondary">
              {t("conversations.clear")}
            </Link>
          </div>
        </Form>
      </div>
      <div className="card">
        {data.conversations.length === 0 ? (
          <div className="empty">
            <strong>{data.filtered ? t("conversations.empty") : t("conversations.emptyNothingYet")}</strong>
          </div>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("conversations.subject")}</th>
                  <th>{t("conversations.channel")}</th>
                  <th>{t("conversations.customer")}</th>
                  {data.isAgent ? null : <th>{t("conversations.agent")}</th>}
                  <th>{t("conversations.status")}</th>
                  <th>{t("conversations.firstResponse")}</th>
                  <th className="num">{t("conversations.messages")}</th>
                  <th>{t("conversations.csat")}</th>
                  <th>{t("conversations.created")}</th>
                </tr>
              </thead>
              <tbody>
                {data.conversations.map((conversation) => (
                  <tr key={conversation.id}>
                    <td className="subject-cell">
                      <Link to={`/conversations/${conversation.id}`} className="subject">
                        {conversation.subject || t("conversations.noSubject")}
                      </Link>
                      <div className="muted">{conversation.teamName ?? ""}</div>
                    </td>
                    <td>
                      <ChannelBadge channel={conversation.channel} />
                    </td>
                    <td>{conversation.customerName ?? "—"}</td>
                    {data.isAgent ? null : <td>{conversation.agentName ?? "—"}</td>}
                    <td>
                      <StatusBadge status={conversation.status} />
                    </td>
                    <td>
                      {conversation.firstResponseAt ? (
                        formatDuration(new Date(conversation.firstResponseAt).getTime() - new Date(conversation.createdAt).getTime())
                      ) : (
                        <span className="badge badge-danger">{t("conversations.unanswered")}</span>
                      )}
                    </td>
                    <td className="num">{conversation.messageCount}</td>
                    <td>
                      <CsatBadge csat={conversation.csat} />
                    </td>
                    <td className="muted nowrap">{dates.dateTime(conversation.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="pager">
          {searchParams.get("cursor") ? <Link to={`?${firstParams}`}>← {t("conversations.first")}</Link> : <span />}
          {data.nextCursor ? (
            <Link to={`?${nextParams}`} rel="next">
              {t("conversations.next")} →
            </Link>
          ) : (
            <span />
          )}
        </div>
      </div>
    </>
  );
}
