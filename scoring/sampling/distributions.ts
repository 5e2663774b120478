/**
 * Quantiles of the normal and Student t distributions, needed for confidence
 * intervals. Written out here to keep scoring/ free of runtime dependencies.
 */

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) {
    series += LANCZOS_COEFFICIENTS[i] / (shifted + i);
  }
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

const CONTINUED_FRACTION_MAX_ITERATIONS = 300;
const CONTINUED_FRACTION_EPSILON = 1e-15;
const TINY = 1e-300;

/** Continued fraction for the incomplete beta function (modified Lentz). */
function incompleteBetaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= CONTINUED_FRACTION_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const evenStep = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + evenStep * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + evenStep / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    const oddStep = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + oddStep * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + oddStep / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < CONTINUED_FRACTION_EPSILON) break;
  }
  return fraction;
}

/** The regularized incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(logFront);
  // The continued fraction converges fast only on this side of the mean.
  if (x < (a + 1) / (a + b + 2)) {
    return (front * incompleteBetaFraction(x, a, b)) / a;
  }
  return 1 - (front * incompleteBetaFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `degreesOfFreedom` (> 0, may be fractional). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

// Acklam's rational approximation, relative error below 1.2e-9.
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW_REGION = 0.02425;

function acklamTail(q: number): number {
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
}

/** The p-quantile of the standard normal distribution, 0 < p < 1. */
export function normalQuantile(p: number): number {
  assertProbability(p);
  if (p < ACKLAM_LOW_REGION) {
    return acklamTail(Math.sqrt(-2 * Math.log(p)));
  }
  if (p > 1 - ACKLAM_LOW_REGION) {
    return -acklamTail(Math.sqrt(-2 * Math.log(1 - p)));
  }
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

// Beyond this many degrees of freedom t and normal quantiles agree to ~1e-7.
const NORMAL_APPROXIMATION_DEGREES_OF_FREEDOM = 1e7;
const BISECTION_ROUNDS = 200;
// Callers ask for the same few quantiles over and over (sample-size searches).
const QUANTILE_CACHE_LIMIT = 4096;
const quantileCache = new Map<string, number>();

/** The p-quantile of Student's t distribution, 0 < p < 1. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  assertProbability(p);
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`degrees of freedom must be positive, got ${degreesOfFreedom}`);
  }
  if (degreesOfFreedom >= NORMAL_APPROXIMATION_DEGREES_OF_FREEDOM) {
    return normalQuantile(p);
  }
  if (p < 0.5) return -studentTQuantile(1 - p, degreesOfFreedom);
  const cacheKey = `${p}|${degreesOfFreedom}`;
  const cached = quantileCache.get(cacheKey);
  if (cached !== undefined) return cached;

  let low = 0;
  let high = Math.max(1, normalQuantile(p));
  while (studentTCdf(high, degreesOfFreedom) < p) {
    low = high;
    high *= 2;
  }
  for (let round = 0; round < BISECTION_ROUNDS && high - low > 1e-12 * high; round++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < p) low = middle;
    else high = middle;
  }
  const quantile = (low + high) / 2;
  if (quantileCache.size >= QUANTILE_CACHE_LIMIT) quantileCache.clear();
  quantileCache.set(cacheKey, quantile);
  return quantile;
}

function assertProbability(p: number): void {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`probability must be in (0, 1), got ${p}`);
  }
}
