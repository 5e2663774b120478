import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AllocationMethod, SampleSize } from "./allocation";
import { type CandidateStratum, type DrawCandidate, drawStratified, planStratifiedDraw, stratumKeyOf } from "./draw";
import { hajekMean } from "./estimate";
import { createRandom, sampleKeyFor, standardNormal } from "./random";
import { allocateOverBuckets, type BucketedStratum, bucketKeyOf, type SpreadMode } from "./spread";

fc.configureGlobal({ seed: 20261123 });

const DAYS = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"];
const CHANNELS = ["email", "chat", "phone"];

/** Cells of agent × channel × day with the given populations (zeros allowed, as on quiet days). */
function cellsOf(populations: number[][][]): BucketedStratum[] {
  const cells: BucketedStratum[] = [];
  populations.forEach((byChannel, agent) => {
    byChannel.forEach((byDay, channel) => {
      byDay.forEach((population, day) => {
        cells.push({
          key: stratumKeyOf({ agent: `a${agent}`, channel: CHANNELS[channel], day: DAYS[day] }),
          group: `a${agent}`,
          bucket: DAYS[day],
          population,
        });
      });
    });
  });
  return cells;
}

const populationsArbitrary = fc.array(
  fc.array(fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 6 }), fc.nat({ max: 80 })), { minLength: 7, maxLength: 7 }), {
    minLength: 1,
    maxLength: 3,
  }),
  { minLength: 1, maxLength: 4 },
);
const methodArbitrary = fc.constantFrom<AllocationMethod>("proportional", "equal", "neyman");
const modeArbitrary = fc.constantFrom<SpreadMode>("equal", "proportional");

/**
 * Each bucket's real-valued share of a group total, written independently of the code under test: proportional
 * to its conversations, or the same level λ for every bucket capped by what it has (λ found by bisection).
 */
function idealShares(total: number, populations: readonly number[], mode: SpreadMode): number[] {
  const sum = populations.reduce((a, b) => a + b, 0);
  if (sum === 0) return populations.map(() => 0);
  if (mode === "proportional") return populations.map((population) => (total * population) / sum);
  let low = 0;
  let high = Math.max(...populations);
  for (let step = 0; step < 200; step++) {
    const level = (low + high) / 2;
    const filled = populations.reduce((acc, population) => acc + Math.min(population, level), 0);
    if (filled < total) low = level;
    else high = level;
  }
  return populations.map((population) => Math.min(population, (low + high) / 2));
}

function bucketTotals(cells: readonly BucketedStratum[], sizes: readonly number[], group?: string) {
  const populations = DAYS.map(() => 0);
  const drawn = DAYS.map(() => 0);
  cells.forEach((cell, index) => {
    if (group !== undefined && cell.group !== group) return;
    const day = DAYS.indexOf(cell.bucket);
    populations[day] += cell.population;
    drawn[day] += sizes[index];
  });
  return { populations, drawn };
}

describe("allocateOverBuckets", () => {
  it("gives every day its exact share of a total, rounded up or down, and adds up exactly", () => {
    fc.assert(
      fc.property(
        populationsArbitrary,
        fc.nat({ max: 400 }),
        methodArbitrary,
        modeArbitrary,
        fc.string(),
        (populations, total, method, mode, seed) => {
          const cells = cellsOf(populations);
          const { cells: allocated, buckets } = allocateOverBuckets(cells, {
            size: { kind: "total", total },
            method,
            spread: mode,
            tieBreakSeed: seed,
          });
          const sizes = allocated.map((cell) => cell.sampleSize);
          const { populations: perDay, drawn } = bucketTotals(cells, sizes);
          const population = perDay.reduce((a, b) => a + b, 0);
          expect(drawn.reduce((a, b) => a + b, 0)).toBe(Math.min(total, population));
          const ideal = idealShares(Math.min(total, population), perDay, mode);
          drawn.forEach((count, day) => {
            expect(Math.abs(count - ideal[day])).toBeLessThan(1 + 1e-6);
          });
          allocated.forEach((cell, index) => {
            expect(cell.key).toBe(cells[index].key);
            expect(cell.bucket).toBe(cells[index].bucket);
            expect(cell.sampleSize).toBeLessThanOrEqual(cells[index].population);
            expect(cell.sampleSize).toBeGreaterThanOrEqual(0);
          });
          // The per-bucket summary agrees with the cells.
          for (const bucket of buckets) expect(bucket.sampleSize).toBe(drawn[DAYS.indexOf(bucket.bucket)]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("spreads each agent's own reviews over the days for a per-agent size", () => {
    fc.assert(
      fc.property(
        populationsArbitrary,
        fc.integer({ min: 1, max: 40 }),
        methodArbitrary,
        modeArbitrary,
        (populations, perGroup, method, mode) => {
          const cells = cellsOf(populations);
          const { cells: allocated } = allocateOverBuckets(cells, {
            size: { kind: "perGroup", perGroup },
            method,
            spread: mode,
            tieBreakSeed: "2026-W47",
          });
          const sizes = allocated.map((cell) => cell.sampleSize);
          populations.forEach((_, agent) => {
            const { populations: perDay, drawn } = bucketTotals(cells, sizes, `a${agent}`);
            const population = perDay.reduce((a, b) => a + b, 0);
            const groupTotal = Math.min(perGroup, population);
            expect(drawn.reduce((a, b) => a + b, 0)).toBe(groupTotal);
            const ideal = idealShares(groupTotal, perDay, mode);
            drawn.forEach((count, day) => {
              expect(Math.abs(count - ideal[day])).toBeLessThan(1 + 1e-6);
            });
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("splits a percentage of the whole period, not of each day", () => {
    const cells = cellsOf([[[10, 10, 10, 10, 10, 100, 0]]]);
    const { buckets } = allocateOverBuckets(cells, {
      size: { kind: "percentage", percent: 10 },
      method: "proportional",
      spread: "equal",
      tieBreakSeed: "s",
    });
    // 10% of 150 = 15 reviews: 6 days with conversations, 15 = 2·6 + 3, capped days never over their size.
    expect(buckets.map((bucket) => bucket.sampleSize).reduce((a, b) => a + b, 0)).toBe(15);
    for (const bucket of buckets) expect([0, 2, 3]).toContain(bucket.sampleSize);
    expect(buckets.find((bucket) => bucket.bucket === "2026-11-22")?.sampleSize).toBe(0);
  });

  it("fills a quiet day and gives its surplus to the others in equal mode", () => {
    const cells = cellsOf([[[1, 50, 50, 50, 50, 50, 50]]]);
    const { buckets } = allocateOverBuckets(cells, {
      size: { kind: "total", total: 19 },
      method: "proportional",
      spread: "equal",
      tieBreakSeed: "s",
    });
    expect(buckets.map((bucket) => bucket.sampleSize)).toEqual([1, 3, 3, 3, 3, 3, 3]);
  });

  it("applies the rule's method inside each day", () => {
    const cells = cellsOf([
      [
        [30, 30, 30, 30, 30, 30, 30],
        [10, 10, 10, 10, 10, 10, 10],
      ],
    ]);
    const { cells: allocated } = allocateOverBuckets(cells, {
      size: { kind: "total", total: 56 },
      method: "proportional",
      spread: "equal",
      tieBreakSeed: "s",
    });
    // 8 a day, 6 from email (30) and 2 from chat (10).
    for (const cell of allocated) expect(cell.sampleSize).toBe(cell.key.includes("channel=email") ? 6 : 2);
  });

  it("rejects a cell without a bucket and duplicate keys", () => {
    const options = { size: { kind: "total" as const, total: 1 }, method: "proportional" as const, spread: "equal" as const };
    expect(() => allocateOverBuckets([{ key: "a", population: 1, bucket: "" }], options)).toThrow(RangeError);
    expect(() =>
      allocateOverBuckets(
        [
          { key: "a", population: 1, bucket: "x" },
          { key: "a", population: 1, bucket: "y" },
        ],
        options,
      ),
    ).toThrow(RangeError);
    expect(() =>
      planStratifiedDraw([{ key: "a", population: 3 }], { seed: "s", size: { kind: "total", total: 1 }, method: "equal", spread: "equal" }),
    ).toThrow(RangeError);
  });
});

interface Conversation extends DrawCandidate {
  agent: string;
  channel: string;
  day: string;
  score: number;
}

/** A week of conversations for a few agents, busier early in the week, with scores that drift by day. */
function week(dataSeed: string, agents = 4): Conversation[] {
  const random = createRandom(dataSeed);
  const conversations: Conversation[] = [];
  for (let agent = 0; agent < agents; agent++) {
    for (const channel of ["email", "chat"]) {
      DAYS.forEach((day, dayIndex) => {
        const count = Math.max(0, Math.round((40 - dayIndex * 5) * (0.5 + random())));
        for (let index = 0; index < count; index++) {
          const id = `${dataSeed}:${agent}:${channel}:${day}:${index}`;
          conversations.push({
            id,
            sampleKey: sampleKeyFor("test", id),
            flagged: random() < 0.1,
            agent: `a${agent}`,
            channel,
            day,
            score: 60 + dayIndex * 5 + 8 * standardNormal(random),
          });
        }
      });
    }
  }
  return conversations;
}

/** Cells the way the database groups them: agent × channel × the day the conversation was created. */
function cellsOfConversations(conversations: readonly Conversation[]): CandidateStratum[] {
  const cells = new Map<string, CandidateStratum & { candidates: DrawCandidate[] }>();
  for (const conversation of conversations) {
    const key = stratumKeyOf({ agent: conversation.agent, channel: conversation.channel, day: conversation.day });
    const cell = cells.get(key) ?? { key, group: conversation.agent, bucket: conversation.day, candidates: [] };
    cell.candidates.push(conversation);
    cells.set(key, cell);
  }
  return [...cells.values()];
}

describe("drawStratified spread over days", () => {
  const conversations = week("week-1");
  const byId = new Map(conversations.map((conversation) => [conversation.id, conversation]));
  const cells = cellsOfConversations(conversations);

  const sizes: SampleSize[] = [
    { kind: "total", total: 70 },
    { kind: "perGroup", perGroup: 10 },
    { kind: "percentage", percent: 5 },
  ];

  it("gives the same ids for the same seed, never a conversation twice, each from its own day", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(...sizes),
        methodArbitrary,
        modeArbitrary,
        fc.boolean(),
        (seed, size, method, mode, oversample) => {
          const options = { seed, size, method, spread: mode, oversampling: oversample ? { factor: 3 } : undefined };
          const first = drawStratified(cells, options);
          expect(drawStratified(cells, options)).toEqual(first);
          const ids = first.conversations.map((conversation) => conversation.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const drawn of first.conversations) {
            const conversation = byId.get(drawn.id);
            expect(drawn.stratumKey).toBe(
              stratumKeyOf({ agent: conversation?.agent ?? "", channel: conversation?.channel ?? "", day: conversation?.day ?? "" }),
            );
          }
          // The drawn count per day is what the plan allocated to the day.
          for (const bucket of first.plan.buckets ?? []) {
            const drawnThatDay = first.conversations.filter(
              (drawn) =>
                byId.get(drawn.id)?.day === bucket.bucket && (bucket.group === "all" || byId.get(drawn.id)?.agent === bucket.group),
            ).length;
            expect(drawnThatDay).toBe(bucket.sampleSize);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("draws the same number every day in equal mode, where a plain draw clusters by chance", () => {
    const perDay = (ids: readonly string[]) => DAYS.map((day) => ids.filter((id) => byId.get(id)?.day === day).length);
    const spread = drawStratified(cells, { seed: "2026-W47", size: { kind: "total", total: 70 }, method: "proportional", spread: "equal" });
    expect(perDay(spread.conversations.map((conversation) => conversation.id))).toEqual([10, 10, 10, 10, 10, 10, 10]);
    const plainCells = cellsOfConversations(conversations.map((conversation) => ({ ...conversation, day: "all" })));
    const plain = drawStratified(plainCells, { seed: "2026-W47", size: { kind: "total", total: 70 }, method: "proportional" });
    const plainPerDay = perDay(plain.conversations.map((conversation) => conversation.id));
    expect(plainPerDay.reduce((a, b) => a + b, 0)).toBe(70);
    expect(Math.max(...plainPerDay) - Math.min(...plainPerDay)).toBeGreaterThan(1);
  });

  it("keeps weighted estimates unbiased when equal days oversample the quiet end of the week", () => {
    const trueMean = conversations.reduce((sum, conversation) => sum + conversation.score, 0) / conversations.length;
    const simulations = 200;
    let weightedSum = 0;
    let plainSum = 0;
    for (let simulation = 0; simulation < simulations; simulation++) {
      const { conversations: drawn } = drawStratified(cells, {
        seed: `unbiased-${simulation}`,
        size: { kind: "total", total: 140 },
        method: "proportional",
        spread: "equal",
      });
      const values = drawn.map((conversation) => ({
        value: byId.get(conversation.id)?.score ?? Number.NaN,
        weight: conversation.designWeight,
      }));
      weightedSum += hajekMean(values);
      plainSum += values.reduce((sum, value) => sum + value.value, 0) / values.length;
    }
    // Later days score higher and are oversampled, so the plain mean is too high; weights correct it.
    expect(Math.abs(weightedSum / simulations - trueMean)).toBeLessThan(0.5);
    expect(plainSum / simulations - trueMean).toBeGreaterThan(2);
  });
});

describe("bucketKeyOf", () => {
  it("uses the local calendar day of the rule's timezone", () => {
    const lateEvening = new Date("2026-11-22T23:30:00Z");
    expect(bucketKeyOf(lateEvening, "day", "UTC")).toBe("2026-11-22");
    expect(bucketKeyOf(lateEvening, "day", "Europe/Madrid")).toBe("2026-11-23");
    expect(bucketKeyOf(lateEvening, "day", "America/Mexico_City")).toBe("2026-11-22");
  });

  it("uses ISO weeks, which can belong to the neighbouring year", () => {
    expect(bucketKeyOf(new Date("2026-11-23T10:00:00Z"), "week", "UTC")).toBe("2026-W48");
    expect(bucketKeyOf(new Date("2026-11-22T10:00:00Z"), "week", "UTC")).toBe("2026-W47");
    expect(bucketKeyOf(new Date("2027-01-01T10:00:00Z"), "week", "UTC")).toBe("2026-W53");
    expect(bucketKeyOf(new Date("2024-12-30T10:00:00Z"), "week", "UTC")).toBe("2025-W01");
    expect(bucketKeyOf(new Date("2026-11-22T23:30:00Z"), "week", "Europe/Madrid")).toBe("2026-W48");
  });
});
