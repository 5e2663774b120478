import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Channel } from "../../scoring/domain";
import { useDates } from "../hooks";
import { ChannelBadge } from "./badges";

export interface HistoryItem {
  id: number;
  channel: Channel;
  subject: string | null;
  createdAt: Date | string;
  agentName: string | null;
}

/** The customer's other conversations on every channel (seed 003, rule 3: history across channels). */
export function CustomerHistory({ history }: { history: HistoryItem[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  if (history.length === 0) return <p className="muted">{t("conversation.noHistory")}</p>;
  return (
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
  );
}
