import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CandidateStratum,
  type DrawCandidate,
  drawFromStratum,
  drawKeyFor,
  drawStratified,
  planStratifiedDraw,
  type SampleCandidate,
  stratumKeyOf,
} from "./draw";
import { createRandom, sampleKeyFor, seedOffset } from "./random";

fc.configureGlobal({ seed: 20240107 });

/** What the two SQL queries return, written the way SQL states it. */
function sqlReference(candidates: readonly SampleCandidate[], n: number, offset: number): string[] {
  const byKeyThenId = (a: SampleCandidate, b: SampleCandidate) => a.sampleKey - b.sampleKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const atOrAfter = candidates
    .filter((c) => c.sampleKey >= offset)
    .sort(byKeyThenId)
    .slice(0, n);
  const rest = n - atOrAfter.length;
  const before = candidates
    .filter((c) => c.sampleKey < offset)
    .sort(byKeyThenId)
    .slice(0, rest);
  return [...atOrAfter, ...before].map((c) => c.id);
}

const unitDouble = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
// Repeated keys are rare in the database but must still be ordered like SQL orders them.
const sampleKeyArbitrary = fc.oneof(unitDouble, fc.constantFrom(0, 0.25, 0.5, 0.75));
const candidatesArbitrary = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), sampleKey: sampleKeyArbitrary }), {
  selector: (candidate) => candidate.id,
  maxLength: 60,
});

interface TeamShape {
  agents: number;
  channels: readonly string[];
  conversationsPerStratum: (agent: number, channel: number) => number;
}

/** A team's conversations, with sample keys and flags derived from the given seed. */
function buildStrata(shape: TeamShape, dataSeed: string): CandidateStratum[] {
  const random = createRandom(dataSeed);
  const strata: CandidateStratum[] = [];
  for (let agent = 0; agent < shape.agents; agent++) {
    shape.channels.forEach((channel, channelIndex) => {
      const key = stratumKeyOf({ agent: `a${agent}`, channel });
      const candidates: DrawCandidate[] = Array.from({ length: shape.conversationsPerStratum(agent, channelIndex) }, (_, index) => {
        const id = `${dataSeed}:a${agent}:${channel}:${index}`;
        return { id, sampleKey: sampleKeyFor("test", id), flagged: random() < 0.15 };
      });
      strata.push({ key, group: `a${agent}`, candidates });
    });
  }
  return strata;
}

const team: TeamShape = {
  agents: 6,
  channels: ["email", "chat", "phone"],
  conversationsPerStratum: (agent, channel) => 5 + ((agent * 37 + channel * 11) % 60),
};

describe("drawFromStratum", () => {
  const candidates: SampleCandidate[] = [
    { id: "c", sampleKey: 0.9 },
    { id: "a", sampleKey: 0.1 },
    { id: "b", sampleKey: 0.5 },
  ];

  it("takes the keys at or after the offset, then wraps around", () => {
    expect(drawFromStratum(candidates, 2, 0.4)).toEqual(["b", "c"]);
    expect(drawFromStratum(candidates, 3, 0.4)).toEqual(["b", "c", "a"]);
    expect(drawFromStratum(candidates, 1, 0.5)).toEqual(["b"]);
    expect(drawFromStratum(candidates, 2, 0.95)).toEqual(["a", "b"]);
  });

  it("returns everyone when n exceeds the stratum, and nothing when n is 0", () => {
    expect(drawFromStratum(candidates, 10, 0)).toEqual(["a", "b", "c"]);
    expect(drawFromStratum(candidates, 0, 0.3)).toEqual([]);
    expect(drawFromStratum([], 5, 0.3)).toEqual([]);
  });

  it("breaks ties in the sample key by id", () => {
    const tied = [
      { id: "z", sampleKey: 0.5 },
      { id: "m", sampleKey: 0.5 },
      { id: "q", sampleKey: 0.2 },
    ];
    expect(drawFromStratum(tied, 3, 0.3)).toEqual(["m", "z", "q"]);
  });

  it("rejects invalid input", () => {
    expect(() => drawFromStratum(candidates, 1, 1)).toThrow(RangeError);
    expect(() => drawFromStratum(candidates, -1, 0.2)).toThrow(RangeError);
    expect(() => drawFromStratum([{ id: "x", sampleKey: 1.2 }], 1, 0.2)).toThrow(RangeError);
    expect(() =>
      drawFromStratum(
        [
          { id: "x", sampleKey: 0.1 },
          { id: "x", sampleKey: 0.2 },
        ],
        1,
        0.2,
      ),
    ).toThrow(RangeError);
  });

  it("returns exactly what the two SQL queries return", () => {
    fc.assert(
      fc.property(candidatesArbitrary, fc.nat({ max: 70 }), unitDouble, (pool, n, offset) => {
        expect(drawFromStratum(pool, n, offset)).toEqual(sqlReference(pool, n, offset));
      }),
    );
  });

  it("extends a smaller draw when n grows, so topping up keeps earlier picks", () => {
    fc.assert(
      fc.property(candidatesArbitrary, fc.nat({ max: 60 }), unitDouble, (pool, n, offset) => {
        const smaller = drawFromStratum(pool, n, offset);
        const larger = drawFromStratum(pool, n + 1, offset);
        expect(larger.slice(0, smaller.length)).toEqual(smaller);
      }),
    );
  });

  it("does not depend on the order candidates arrive in", () => {
    fc.assert(
      fc.property(candidatesArbitrary, fc.nat({ max: 60 }), unitDouble, (pool, n, offset) => {
        expect(drawFromStratum([...pool].reverse(), n, offset)).toEqual(drawFromStratum(pool, n, offset));
      }),
    );
  });
});

describe("stratumKeyOf and drawKeyFor", () => {
  it("builds the same key whatever the order of the dimensions", () => {
    expect(stratumKeyOf({ channel: "email", agent: "42" })).toBe("agent=42|channel=email");
    expect(stratumKeyOf({ agent: "42", channel: "email" })).toBe("agent=42|channel=email");
  });

  it("encodes separators inside values", () => {
    expect(stratumKeyOf({ agent: "a|b=c#d" })).toBe("agent=a%7Cb%3Dc%23d");
  });

  it("names the parts of an oversampled stratum", () => {
    expect(drawKeyFor("agent=1", null)).toBe("agent=1");
    expect(drawKeyFor("agent=1", true)).toBe("agent=1#flagged");
    expect(drawKeyFor("agent=1", false)).toBe("agent=1#unflagged");
  });
});

describe("drawStratified", () => {
  const strata = buildStrata(team, "team-1");
  const population = strata.reduce((sum, stratum) => sum + stratum.candidates.length, 0);

  it("gives the same ids in the same order for the same seed", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: population }),
        fc.constantFrom("proportional" as const, "equal" as const, "neyman" as const),
        fc.boolean(),
        (seed, total, method, oversample) => {
          const options = {
            seed,
            method,
            size: { kind: "total" as const, total },
            oversampling: oversample ? { factor: 3 } : undefined,
          };
          expect(drawStratified(strata, options)).toEqual(drawStratified(strata, options));
        },
      ),
      { numRuns: 25 },
    );
  });

  it("gives different samples for different seeds", () => {
    const single = buildStrata({ agents: 1, channels: ["chat"], conversationsPerStratum: () => 2000 }, "big");
    const draw = (seed: string) =>
      drawStratified(single, {
        seed,
        method: "proportional",
        size: { kind: "total", total: 100 },
      }).conversations.map((conversation) => conversation.id);
    const overlaps: number[] = [];
    for (let pair = 0; pair < 30; pair++) {
      const first = new Set(draw(`seed-${pair}-a`));
      overlaps.push(draw(`seed-${pair}-b`).filter((id) => first.has(id)).length);
    }
    // Two independent samples of 100 out of 2000 share n²/N = 5 conversations on average.
    const meanOverlap = overlaps.reduce((sum, overlap) => sum + overlap, 0) / overlaps.length;
    expect(Math.max(...overlaps)).toBeLessThan(100);
    expect(meanOverlap).toBeLessThan(15);
  });

  it("never draws a conversation twice and never draws an excluded one", () => {
    const allIds = strata.flatMap((stratum) => stratum.candidates.map((candidate) => candidate.id));
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: population }),
        fc.subarray(allIds, { maxLength: 120 }),
        fc.boolean(),
        (seed, total, excludedIds, oversample) => {
          const { conversations, plan } = drawStratified(strata, {
            seed,
            method: "proportional",
            size: { kind: "total", total },
            excludedIds,
            oversampling: oversample ? { factor: 4 } : undefined,
          });
          const drawnIds = conversations.map((conversation) => conversation.id);
          expect(new Set(drawnIds).size).toBe(drawnIds.length);
          const excluded = new Set(excludedIds);
          expect(drawnIds.filter((id) => excluded.has(id))).toEqual([]);
          expect(drawnIds).toHaveLength(Math.min(total, population - excludedIds.length));
          const eligible = plan.allocation.reduce((sum, stratum) => sum + stratum.population, 0);
          expect(eligible).toBe(population - excludedIds.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("draws from each stratum exactly what the allocation says, in proportion to its size", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: population }), (seed, total) => {
        const { conversations, plan } = drawStratified(strata, {
          seed,
          method: "proportional",
          size: { kind: "total", total },
          minimumPerStratum: 0,
        });
        for (const stratum of plan.allocation) {
          const drawn = conversations.filter((c) => c.stratumKey === stratum.key).length;
          expect(drawn).toBe(stratum.sampleSize);
          expect(Math.abs(drawn - (total * stratum.population) / population)).toBeLessThan(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("records inclusion probabilities and weights that add up to each part's size", () => {
    const { conversations, plan } = drawStratified(strata, {
      seed: "weights",
      method: "equal",
      size: { kind: "perGroup", perGroup: 20 },
      oversampling: { factor: 3 },
    });
    for (const part of plan.parts) {
      const drawn = conversations.filter((c) => c.drawKey === part.drawKey);
      expect(drawn).toHaveLength(part.sampleSize);
      if (drawn.length === 0) continue;
      for (const conversation of drawn) {
        expect(conversation.inclusionProbability).toBeCloseTo(part.sampleSize / part.population, 12);
        expect(conversation.designWeight * conversation.inclusionProbability).toBeCloseTo(1, 12);
        if (part.flagged !== null) expect(conversation.flagged).toBe(part.flagged);
      }
      const weightSum = drawn.reduce((sum, c) => sum + c.designWeight, 0);
      expect(weightSum).toBeCloseTo(part.population, 9);
    }
    for (let agent = 0; agent < team.agents; agent++) {
      const perAgent = conversations.filter((c) => c.stratumKey.startsWith(`agent=a${agent}|`));
      expect(perAgent).toHaveLength(20);
    }
  });

  it("shares its plan with the database draw: sizes from counts, offsets from the seed", () => {
    const excludedIds = strata.flatMap((stratum) => stratum.candidates.slice(0, 2).map((c) => c.id));
    const excluded = new Set(excludedIds);
    const options = {
      seed: "2024-05",
      method: "neyman" as const,
      size: { kind: "percentage" as const, percent: 10 },
      oversampling: { factor: 2 },
    };
    const { plan } = drawStratified(strata, { ...options, excludedIds });
    const counted = strata.map((stratum) => {
      const eligible = stratum.candidates.filter((c) => !excluded.has(c.id));
      return {
        key: stratum.key,
        group: stratum.group,
        population: eligible.length,
        flaggedPopulation: eligible.filter((c) => c.flagged).length,
      };
    });
    expect(planStratifiedDraw(counted, options)).toEqual(plan);
    for (const part of plan.parts) expect(part.offset).toBe(seedOffset("2024-05", part.drawKey));
  });

  it("oversamples flagged conversations by about the factor", () => {
    const big = buildStrata({ agents: 1, channels: ["chat"], conversationsPerStratum: () => 1000 }, "o");
    const { conversations } = drawStratified(big, {
      seed: "oversample",
      method: "proportional",
      size: { kind: "total", total: 100 },
      oversampling: { factor: 4 },
    });
    const flaggedShareInPopulation = big[0].candidates.filter((c) => c.flagged).length / big[0].candidates.length;
    const flaggedShareInSample = conversations.filter((c) => c.flagged).length / conversations.length;
    const odds = (share: number) => share / (1 - share);
    expect(odds(flaggedShareInSample) / odds(flaggedShareInPopulation)).toBeCloseTo(4, 0);
  });

  it("refuses a conversation listed in two strata", () => {
    const duplicated: CandidateStratum[] = [
      { key: "a", candidates: [{ id: "x", sampleKey: 0.1 }] },
      { key: "b", candidates: [{ id: "x", sampleKey: 0.1 }] },
    ];
    expect(() => drawStratified(duplicated, { seed: 1, method: "equal", size: { kind: "total", total: 1 } })).toThrow(RangeError);
  });
});
