import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { customerHistory, getConversation } from "../../db/queries/conversations";
import { conversationScope, requireUser } from "../auth/guards.server";
import { ChannelBadge, CsatBadge, StatusBadge } from "../components/badges";
import { type ReplyTiming, Transcript } from "../components/Transcript";
import { measureResponseTimes } from "../../scoring/sla";
import { useDates } from "../hooks";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Calidad QA · ${data?.conversation.subject ?? `#${data?.conversation.id ?? ""}`}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const scope = conversationScope(user);
  const db = await getDb();
  const found = await getConversation(db, { id: id.data, scope });
  if (!found) throw new Response("Not found", { status: 404 });
  const history = found.conversation.customerId
    ? await customerHistory(db, { customerId: found.conversation.customerId, excludeId: id.data, scope })
    : [];
  const times = measureResponseTimes(found.messages, { channel: found.conversation.channel, resolvedAt: found.conversation.resolvedAt });
  const replyTimings: Record<number, ReplyTiming> = {};
  for (const reply of times.replies) {
    replyTimings[found.messages[reply.agentMessageIndex].id] = {
      elapsedMs: reply.elapsedMs,
      targetMs: reply.standard.targetMs,
      met: reply.standard.met,
    };
  }
  return { ...found, history, replyTimings };
}

export default function ConversationPage() {
  const { conversation, messages, history, replyTimings } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/conversations" className="muted">
            ← {t("conversation.back")}
          </Link>
          <h1>{conversation.subject || t("conversations.noSubject")}</h1>
          <p>
            <ChannelBadge channel={conversation.channel} /> <StatusBadge status={conversation.status} />{" "}
            {conversation.agentName ? `· ${conversation.agentName}` : ""} {conversation.teamName ? `· ${conversation.teamName}` : ""}
          </p>
        </div>
      </div>
      <div className="detail">
        <section className={`card channel-${conversation.channel}`} aria-label={t("conversation.transcript")}>
          {messages.length === 0 ? (
            <div className="empty">{t("conversation.noMessages")}</div>
          ) : (
            <Transcript messages={messages} customerName={conversation.customerName} replyTimings={replyTimings} />
          )}
        </section>
        <aside>
          <div className="card">
            <div className="card-body">
              <h2>{t("conversation.details")}</h2>
              <dl className="facts">
                <dt>{t("conversations.customer")}</dt>
                <dd>{conversation.customerName ?? "—"}</dd>
                <dt>{t("conversation.contact")}</dt>
                <dd>
                  {[conversation.customerEmail, conversation.customerPhone, conversation.customerHandle].filter(Boolean).join(" · ") || "—"}
                </dd>
                <dt>{t("conversations.language")}</dt>
                <dd>{conversation.language ? t(`languages.${conversation.language}`) : "—"}</dd>
                <dt>{t("conversations.created")}</dt>
                <dd>{dates.dateTime(conversation.createdAt)}</dd>
                <dt>{t("conversation.resolved")}</dt>
                <dd>{conversation.resolvedAt ? dates.dateTime(conversation.resolvedAt) : "—"}</dd>
                <dt>{t("conversations.csat")}</dt>
                <dd>
                  <CsatBadge csat={conversation.csat} />
                </dd>
                <dt>{t("conversation.reopened")}</dt>
                <dd>{conversation.reopenCount}</dd>
                <dt>{t("conversation.tags")}</dt>
                <dd>{conversation.tags.length ? conversation.tags.join(", ") : "—"}</dd>
                <dt>{t("conversation.source")}</dt>
                <dd className="muted">
                  {conversation.source} · {conversation.externalId}
                </dd>
              </dl>
            </div>
          </div>
          <div className="card">
            <div className="card-body">
              <h2>{t("conversation.customerHistory")}</h2>
              {history.length === 0 ? (
                <p className="muted">{t("conversation.noHistory")}</p>
              ) : (
                <ul className="history">
                  {history.map((item) => (
                    <li key={item.id}>
                      <Link to={`/conversations/${item.id}`}>{item.subject || t("conversations.noSubject")}</Link>
                      <div className="muted">
                        <ChannelBadge channel={item.channel} /> {dates.dateTime(item.createdAt)}
                        {item.agentName ? ` · ${item.agentName}` : ""}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </aside>
      </div>
    </>
  );
}
