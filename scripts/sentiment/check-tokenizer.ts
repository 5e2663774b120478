/**
 * Checks that Transformers.js tokenizes exactly like the Python encoder used in training.
 *   npx tsx scripts/sentiment/check-tokenizer.ts MODEL_DIR EXPECTED.json
 * EXPECTED.json: [{"text": ..., "ids": [...]}] written by `train.py --dump-token-ids`.
 * Exits 1 and prints the first differences when any text differs.
 */
import { readFileSync } from "node:fs";
import { AutoTokenizer } from "@huggingface/transformers";

type Expected = { text: string; ids: number[] };

async function main() {
  const [modelDir, expectedPath] = process.argv.slice(2);
  if (!modelDir || !expectedPath) {
    console.error("usage: check-tokenizer.ts MODEL_DIR EXPECTED.json");
    process.exit(2);
  }
  const tokenizer = await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true });
  const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected[];
  let differences = 0;
  for (const { text, ids } of expected) {
    const encoded = tokenizer(text, { truncation: true, return_tensor: false });
    const actual = (encoded.input_ids as number[]).map(Number);
    if (actual.length !== ids.length || actual.some((id, i) => id !== ids[i])) {
      differences += 1;
      if (differences <= 10) {
        console.log(JSON.stringify({ text, python: ids, transformersJs: actual }));
      }
    }
  }
  console.log(`${expected.length} texts, ${differences} differ`);
  process.exit(differences === 0 ? 0 : 1);
}

main();
