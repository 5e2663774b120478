import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { selectRows } from "../queries/rows";
import { refreshDailyRollups } from "./rollups";

/**
 * Copies what the sentiment model said about these conversations into their facts: scored and negative
 * customer and agent messages (the prediction each message shows now), and the frustration flag. Returns
 * the UTC days whose rollups now need rebuilding; inside the caller's transaction.
 */
export async function applySentimentFacts(db: Database, conversationIds: readonly number[]): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const ids = sql.join(
    [...new Set(conversationIds)].map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await selectRows<{ created_day: string }>(
    db,
    sql`
    update conversation_facts f set
      customer_messages_scored = coalesce(s.customer_scored, 0),
      customer_negative = coalesce(s.customer_negative, 0),
      agent_messages_scored = coalesce(s.agent_scored, 0),
      agent_negative = coalesce(s.agent_negative, 0),
      frustration_scored = cf.conversation_id is not null,
      frustrated = coalesce(cf.flagged, false)
    from conversation_facts target
    left join (
      select m.conversation_id,
        count(*) filter (where m.author_role = 'customer') as customer_scored,
        count(*) filter (where m.author_role = 'customer' and p.label = 'negative') as customer_negative,
        count(*) filter (where m.author_role = 'agent') as agent_scored,
        count(*) filter (where m.author_role = 'agent' and p.label = 'negative') as agent_negative
      from messages m
      join message_sentiments ms on ms.message_id = m.id
      join sentiment_predictions p on p.id = ms.prediction_id
      where m.conversation_id in (${ids})
      group by m.conversation_id
    ) s on s.conversation_id = target.conversation_id
    left join conversation_frustration cf on cf.conversation_id = target.conversation_id
    where target.conversation_id in (${ids}) and f.conversation_id = target.conversation_id
    returning f.created_day::text as created_day`,
  );
  return [...new Set(rows.map((row) => String(row.created_day).slice(0, 10)))];
}

/** After the scoring job wrote predictions and frustration for these conversations: their facts and rollups. */
export async function refreshSentimentFacts(db: Database, conversationIds: readonly number[]): Promise<void> {
  await db.transaction(async (tx) => {
    await refreshDailyRollups(tx, await applySentimentFacts(tx, conversationIds));
  });
}
