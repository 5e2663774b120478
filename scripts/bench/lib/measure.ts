import os from "node:os";

export interface Timing {
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Runs `fn` a few times after a warm-up and reports the median and 95th percentile wall time. */
export async function measure(name: string, fn: () => Promise<unknown>, { runs = 15, warmup = 3 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { name, medianMs: at(0.5), p95Ms: at(0.95), runs };
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function timingTable(rows: Timing[]): string {
  const lines = ["| query | median ms | p95 ms | runs |", "|---|---:|---:|---:|"];
  for (const row of rows) lines.push(`| ${row.name} | ${row.medianMs.toFixed(1)} | ${row.p95Ms.toFixed(1)} | ${row.runs} |`);
  return lines.join("\n");
}
