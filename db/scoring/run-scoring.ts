import type { Language } from "../../scoring/tone";
import { DEFAULT_FRUSTRATION_THRESHOLD, scoreFrustration } from "../../scoring/frustration";
import { type ClassifyOptions, classifyWithFrustration, sentimentModelInfo } from "../../scoring/sentiment/classifier";
import { refreshSentimentFacts } from "../facts/sentiment";
import type { Database } from "../client";
import {
  type ModelKey,
  assignMessagePredictions,
  conversationsForFrustration,
  countMessagesToScore,
  deleteUnusedPredictions,
  findPredictionsByHash,
  getFrustrationThreshold,
  listMessagesToScore,
  saveFrustration,
  savePredictions,
  textHash,
} from "../queries/predictions";

export interface ScoringProgress {
  model: ModelKey;
  /** Messages waiting when the run started. */
  total: number;
  done: number;
  /** Distinct texts the model actually read (the rest reused a stored prediction). */
  classified: number;
  conversations: number;
}

export interface ScoringOptions {
  batchSize?: number;
  classifyOptions?: ClassifyOptions;
  onProgress?: (progress: ScoringProgress) => void;
}

export function currentModel(classifyOptions: ClassifyOptions = {}): ModelKey {
  return sentimentModelInfo(classifyOptions.settings);
}

function frustrationLanguage(language: string | null): Language {
  return language === "en" ? "en" : "es";
}

/** Recomputes and stores the frustration of these conversations from their messages and stored predictions. */
export async function recomputeFrustration(db: Database, model: ModelKey, conversationIds: number[]): Promise<void> {
  const threshold = await getFrustrationThreshold(db, DEFAULT_FRUSTRATION_THRESHOLD);
  const rows = (await conversationsForFrustration(db, conversationIds)).map((conversation) => {
    const assessment = scoreFrustration(
      {
        channel: conversation.channel,
        language: frustrationLanguage(conversation.language),
        subject: conversation.subject,
        messages: conversation.messages,
      },
      { previousContacts: conversation.previousContacts, settings: { threshold } },
    );
    return {
      conversationId: conversation.id,
      score: assessment.score,
      flagged: assessment.flagged,
      threshold,
      reasons: assessment.reasons,
    };
  });
  await saveFrustration(db, model, rows);
}

/**
 * Scores every message without a prediction of the current model version, batch by batch, and recomputes the
 * frustration of the conversations each batch touched. Each batch commits on its own, so a run cut off resumes
 * where it stopped (the next run only sees what is still unscored). A text already scored by this version (a
 * repeated greeting, a template reply) is never sent to the model again.
 */
export async function runScoring(db: Database, options: ScoringOptions = {}): Promise<ScoringProgress> {
  const batchSize = options.batchSize ?? 512;
  const model = currentModel(options.classifyOptions);
  const progress: ScoringProgress = { model, total: await countMessagesToScore(db, model), done: 0, classified: 0, conversations: 0 };
  options.onProgress?.({ ...progress });
  let afterId = 0;
  for (;;) {
    const batch = await listMessagesToScore(db, { model, afterId, limit: batchSize });
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const hashes = batch.map((message) => textHash(message.body));
    const known = await findPredictionsByHash(db, model, hashes);
    const newTexts = new Map<string, string>();
    batch.forEach((message, index) => {
      if (!known.has(hashes[index]) && !newTexts.has(hashes[index])) newTexts.set(hashes[index], message.body);
    });
    const results = await classifyWithFrustration([...newTexts.values()], options.classifyOptions);
    const touched = [...new Set(batch.map((message) => message.conversationId))];
    await db.transaction(async (tx) => {
      const saved = await savePredictions(
        tx,
        model,
        [...newTexts.keys()].map((hash, index) => ({ textHash: hash, sentiment: results[index] })),
      );
      for (const [hash, id] of known) saved.set(hash, id);
      await assignMessagePredictions(
        tx,
        batch.map((message, index) => ({ messageId: message.id, predictionId: saved.get(hashes[index]) as number })),
      );
      await recomputeFrustration(tx, model, touched);
      await refreshSentimentFacts(tx, touched);
    });
    progress.done += batch.length;
    progress.classified += newTexts.size;
    progress.conversations += touched.length;
    options.onProgress?.({ ...progress });
  }
  await deleteUnusedPredictions(db, model);
  return progress;
}
