import { sql } from "drizzle-orm";
import type { Database } from "../client";

/** One lock for every rollup rebuild, so two writers touching the same day cannot interleave delete and insert. */
const ROLLUP_LOCK_KEY = 73_001;

/**
 * Rebuilds the daily rollups of the given UTC days from conversation_facts, inside the caller's
 * transaction. A day is a few thousand facts even at a million conversations, so the rebuild stays cheap
 * and the rollups are never counters patched in place.
 */
export async function refreshDailyRollups(db: Database, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const dayList = sql.join(
    [...new Set(days)].sort().map((day) => sql`${day}::date`),
    sql`, `,
  );
  await db.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`);
  await db.execute(sql`delete from daily_rollups where day in (${dayList})`);
  await db.execute(sql`${ROLLUP_INSERT} where f.created_day in (${dayList}) group by 1, 2, 3, 4`);
}

/** Rebuilds every day at once: after a bulk backfill, or when a rollup column is added. */
export async function rebuildAllRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`);
    await tx.execute(sql`delete from daily_rollups`);
    await tx.execute(sql`${ROLLUP_INSERT} group by 1, 2, 3, 4`);
  });
}

const TONE = sql.raw("f.agent_message_count > 0");

const ROLLUP_INSERT = sql`
  insert into daily_rollups (
    day, channel, team_id, agent_id, conversations, with_customer_message, unanswered,
    first_response_measured, first_response_within_standard, first_response_world_class_measured, first_response_within_world_class,
    first_response_count, first_response_ms_sum,
    replies_measured, replies_within_standard, replies_world_class_measured, replies_within_world_class, breached_conversations,
    resolution_count, resolution_ms_sum, csat_responses, csat_satisfied, csat_sum, reopened, fcr_candidates, fcr_followed_up,
    agent_messages, redirect_conversations, redirect_hits, forbidden_conversations, forbidden_hits,
    tone_n, greeting_sum, closing_sum, uses_name_sum, empathy_sum, apology_sum, formal_sum, informal_sum,
    exclamation_sum, exclamation_sq, emoji_sum, emoji_sq, log_words_sum, log_words_sq, readability_n, readability_sum, readability_sq,
    customer_messages_scored, customer_negative, agent_messages_scored, agent_negative, frustration_scored, frustrated_conversations
  )
  select
    f.created_day, f.channel, f.team_id, f.agent_id,
    count(*),
    count(*) filter (where f.has_customer_message),
    count(*) filter (where f.has_customer_message and f.unanswered),
    count(f.first_response_met_standard),
    count(*) filter (where f.first_response_met_standard),
    count(f.first_response_met_world_class),
    count(*) filter (where f.first_response_met_world_class),
    count(f.first_response_ms),
    coalesce(sum(f.first_response_ms), 0),
    sum(f.replies_measured),
    sum(f.replies_within_standard),
    sum(f.replies_world_class_measured),
    sum(f.replies_within_world_class),
    count(*) filter (where f.breached_standard),
    count(f.resolution_ms),
    coalesce(sum(f.resolution_ms), 0),
    count(f.csat),
    count(*) filter (where f.csat >= 4),
    coalesce(sum(f.csat), 0),
    count(*) filter (where f.reopen_count > 0),
    count(f.customer_id),
    count(*) filter (where f.customer_id is not null and f.fcr_followed_up),
    sum(f.agent_message_count),
    count(*) filter (where f.redirect_hits > 0),
    sum(f.redirect_hits),
    count(*) filter (where f.forbidden_hits > 0),
    sum(f.forbidden_hits),
    count(*) filter (where ${TONE}),
    count(*) filter (where ${TONE} and f.greeting),
    count(*) filter (where ${TONE} and f.closing),
    count(*) filter (where ${TONE} and f.uses_name),
    count(*) filter (where ${TONE} and f.empathy),
    count(*) filter (where ${TONE} and f.apology),
    count(*) filter (where f.register = 'formal'),
    count(*) filter (where f.register = 'informal'),
    coalesce(sum(coalesce(f.exclamation_rate, 0)) filter (where ${TONE}), 0),
    coalesce(sum(coalesce(f.exclamation_rate, 0) ^ 2) filter (where ${TONE}), 0),
    coalesce(sum(coalesce(f.emoji_per_100_words, 0)) filter (where ${TONE}), 0),
    coalesce(sum(coalesce(f.emoji_per_100_words, 0) ^ 2) filter (where ${TONE}), 0),
    coalesce(sum(ln(1 + coalesce(f.mean_words_per_message, 0))) filter (where ${TONE}), 0),
    coalesce(sum(ln(1 + coalesce(f.mean_words_per_message, 0)) ^ 2) filter (where ${TONE}), 0),
    count(f.readability) filter (where ${TONE}),
    coalesce(sum(f.readability) filter (where ${TONE}), 0),
    coalesce(sum(f.readability ^ 2) filter (where ${TONE}), 0),
    sum(f.customer_messages_scored),
    sum(f.customer_negative),
    sum(f.agent_messages_scored),
    sum(f.agent_negative),
    count(*) filter (where f.frustration_scored),
    count(*) filter (where f.frustrated)
  from conversation_facts f`;
