import { useTranslation } from "react-i18next";
import type { Channel, ConversationStatus } from "../../scoring/domain";

export function ChannelBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <span className="badge">
      <span className="channel-dot" style={{ background: `var(--ch-${channel})` }} aria-hidden="true" />
      {t(`channels.${channel}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`statuses.${status}`)}</span>;
}

export function CsatBadge({ csat }: { csat: number | null }) {
  if (csat === null) return <span className="muted">—</span>;
  const tone = csat >= 4 ? "badge-success" : csat <= 2 ? "badge-danger" : "badge-warning";
  return <span className={`badge ${tone}`}>{csat}/5</span>;
}
