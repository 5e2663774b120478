import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sentiment/cli.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, SENTIMENT_MODEL: "", ALLOW_REMOTE_MODELS: "", SENTIMENT_DTYPE: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm run sentiment (the CLI)", () => {
  it("writes one result line per input line, in order", async () => {
    const input = [
      { text: "Thank you so much, it works perfectly now!" },
      { text: "¿A qué hora abrís mañana?" },
      { text: "Llevo un mes sin servicio y nadie me ayuda, estoy harto", id: 7 },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n");
    const { code, stdout, stderr } = await runCli(["-"], `${input}\n\n`);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.label)).toEqual(["positive", "neutral", "negative"]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["label", "score", "scores"]);
      expect(Object.keys(line.scores).sort()).toEqual(["negative", "neutral", "positive"]);
      expect(line.score).toBe(line.scores[line.label]);
    }
  });

  it("stops at a bad line and names it", async () => {
    const { code, stdout, stderr } = await runCli(["-"], '{"text": "hola"}\n{"text": 5}\n{"text": "adiós"}\n');
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 2: "text" must be a string/);
    expect(stdout.trim().split("\n")).toHaveLength(1);
  });

  it("rejects a line that is not JSON", async () => {
    const { code, stderr } = await runCli(["-"], "just text\n");
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 1: not valid JSON/);
  });
});
