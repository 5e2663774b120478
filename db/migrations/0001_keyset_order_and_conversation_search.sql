DROP INDEX "messages_body_fts_idx";--> statement-breakpoint
DROP INDEX "conversations_created_idx";--> statement-breakpoint
DROP INDEX "conversations_channel_created_idx";--> statement-breakpoint
DROP INDEX "conversations_agent_created_idx";--> statement-breakpoint
DROP INDEX "conversations_team_created_idx";--> statement-breakpoint
DROP INDEX "conversations_customer_created_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
CREATE INDEX "conversations_search_idx" ON "conversations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "conversations_created_idx" ON "conversations" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_channel_created_idx" ON "conversations" USING btree ("channel","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_agent_created_idx" ON "conversations" USING btree ("agent_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_team_created_idx" ON "conversations" USING btree ("team_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_customer_created_idx" ON "conversations" USING btree ("customer_id","created_at" DESC NULLS FIRST);