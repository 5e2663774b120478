/**
 * Seeded randomness for sampling: a string hash (cyrb128), a fast PRNG (sfc32),
 * and the two hash-to-[0,1) functions the database relies on: `seedOffset`
 * (where a stratum's draw starts) and `sampleKeyFor` (a conversation's stored key).
 *
 * These outputs are part of the data contract: stored sample keys and
 * reproduced draws depend on them, so the algorithms must never change
 * silently (golden values are pinned in random.test.ts).
 */

/** A seed is identified by its text: the number 7 and the string "7" are the same seed. */
export type Seed = string | number;

/** Returns a float uniform in [0, 1). */
export type RandomGenerator = () => number;

const TWO_POW_32 = 2 ** 32;
const TWO_POW_53 = 2 ** 53;

/** cyrb128 by bryc (public domain): four 32-bit words from a string. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Hashes labelled parts to a double uniform in [0, 1) with 53 random bits, so
 * the value survives a round trip through PostgreSQL `double precision` exactly.
 * The parts are JSON-encoded so that ("a|b", "c") and ("a", "b|c") differ.
 */
export function hashToUnitInterval(domain: string, ...parts: readonly string[]): number {
  const [high, low] = cyrb128(JSON.stringify([domain, ...parts]));
  return ((high >>> 11) * TWO_POW_32 + low) / TWO_POW_53;
}

/** sfc32 (Small Fast Chaotic, from PractRand), 32 bits of resolution per call. */
function sfc32(seedA: number, seedB: number, seedC: number, seedD: number) {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = seedC | 0;
  let d = seedD | 0;
  return (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / TWO_POW_32;
  };
}

// sfc32's first outputs are still correlated with a low-entropy seed.
const WARM_UP_ROUNDS = 15;

/** A reproducible generator: the same seed always yields the same sequence. */
export function createRandom(seed: Seed): RandomGenerator {
  const [a, b, c, d] = cyrb128(JSON.stringify(["random", String(seed)]));
  const next = sfc32(a, b, c, d);
  for (let i = 0; i < WARM_UP_ROUNDS; i++) next();
  return next;
}

/**
 * Where in the circle of sample keys a stratum's draw starts for a given seed.
 * Each stratum gets its own offset so that strata do not share a starting point.
 */
export function seedOffset(seed: Seed, stratumKey: string): number {
  return hashToUnitInterval("seed-offset", String(seed), stratumKey);
}

/**
 * A deterministic sample key for a conversation from its source system and
 * external id (demo data and imports). It behaves as a uniform random number
 * unrelated to anything a reviewer could see, which is what makes draws fair.
 */
export function sampleKeyFor(source: string, externalId: string): number {
  return hashToUnitInterval("sample-key", source, externalId);
}

/** An integer uniform in [0, maxExclusive). */
export function uniformInt(random: RandomGenerator, maxExclusive: number): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1) {
    throw new RangeError(`maxExclusive must be a positive integer, got ${maxExclusive}`);
  }
  return Math.floor(random() * maxExclusive);
}

/** A float uniform in [min, max). */
export function uniformBetween(random: RandomGenerator, min: number, max: number): number {
  return min + (max - min) * random();
}

/** A standard normal deviate (Box–Muller), for simulations and demo data. */
export function standardNormal(random: RandomGenerator): number {
  // 1 - u keeps the logarithm finite because random() may return 0.
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/** A shuffled copy (Fisher–Yates); the input is left untouched. */
export function shuffle<T>(items: readonly T[], random: RandomGenerator): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = uniformInt(random, i + 1);
    const held = result[i];
    result[i] = result[j];
    result[j] = held;
  }
  return result;
}
