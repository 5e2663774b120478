/**
 * Quantiles of the standard normal and Student's t distributions, written out so that the
 * confidence intervals need no statistics dependency. Degrees of freedom may be fractional
 * because weighted samples use an effective sample size.
 */

function horner(coefficientsHighestFirst: readonly number[], x: number): number {
  return coefficientsHighestFirst.reduce((accumulator, coefficient) => accumulator * x + coefficient, 0);
}

// Wichura (1988), Algorithm AS 241 (PPND16): about 16 significant digits.
const centralNumerator = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513,
  133.14166789178438, 3.3871328727963665,
];
const centralDenominator = [
  5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579,
  42.31333070160091, 1,
];
const nearTailNumerator = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const nearTailDenominator = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1,
];
const farTailNumerator = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487,
  1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const farTailDenominator = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133, 0.014875361290850615,
  0.1369298809227358, 0.599832206555888, 1,
];

function assertProbability(probability: number): void {
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`probability must be strictly between 0 and 1, got ${probability}`);
  }
}

/** The value z with P(Z ≤ z) = probability for a standard normal Z. */
export function normalQuantile(probability: number): number {
  assertProbability(probability);
  const q = probability - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(centralNumerator, r)) / horner(centralDenominator, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? probability : 1 - probability));
  let magnitude: number;
  if (r <= 5) {
    r -= 1.6;
    magnitude = horner(nearTailNumerator, r) / horner(nearTailDenominator, r);
  } else {
    r -= 5;
    magnitude = horner(farTailNumerator, r) / horner(farTailDenominator, r);
  }
  return q < 0 ? -magnitude : magnitude;
}

// Lanczos approximation, g = 7, n = 9: relative error around 1e-15.
const lanczosCoefficients = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) {
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let series = lanczosCoefficients[0];
  for (let index = 1; index < lanczosCoefficients.length; index++) {
    series += lanczosCoefficients[index] / (shifted + index);
  }
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

const tiny = 1e-300;

// Continued fraction for the incomplete beta function (modified Lentz), valid for x < (a + 1) / (a + b + 2).
function incompleteBetaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m <= 10_000; m++) {
    const twoM = 2 * m;
    const evenStep = (m * (b - m) * x) / ((a + twoM - 1) * (a + twoM));
    d = 1 + evenStep * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + evenStep / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    fraction *= d * c;
    const oddStep = (-(a + m) * (a + b + m) * x) / ((a + twoM) * (a + twoM + 1));
    d = 1 + oddStep * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + oddStep / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return fraction;
}

/** The regularised incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) {
    return (front * incompleteBetaFraction(x, a, b)) / a;
  }
  return 1 - (front * incompleteBetaFraction(1 - x, b, a)) / b;
}

function assertDegreesOfFreedom(degreesOfFreedom: number): void {
  if (!(degreesOfFreedom > 0)) {
    throw new RangeError(`degrees of freedom must be > 0, got ${degreesOfFreedom}`);
  }
}

/** P(T > t) for t ≥ 0, where T follows Student's t with the given degrees of freedom. */
function studentTUpperTail(t: number, degreesOfFreedom: number): number {
  return 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
}

/** P(T ≤ t) for Student's t with the given (possibly fractional) degrees of freedom. */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  assertDegreesOfFreedom(degreesOfFreedom);
  if (degreesOfFreedom === Number.POSITIVE_INFINITY) {
    throw new RangeError("use the normal distribution for infinite degrees of freedom");
  }
  const upperTail = studentTUpperTail(Math.abs(t), degreesOfFreedom);
  return t >= 0 ? 1 - upperTail : upperTail;
}

// Above this many degrees of freedom the Cornish–Fisher series around the normal quantile is
// exact to double precision, while the continued fraction would need thousands of terms.
const largeDegreesOfFreedom = 1000;

function cornishFisherTQuantile(probability: number, degreesOfFreedom: number): number {
  const z = normalQuantile(probability);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const v = degreesOfFreedom;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

/** The value t with P(T ≤ t) = probability for Student's t with the given degrees of freedom. */
export function studentTQuantile(probability: number, degreesOfFreedom: number): number {
  assertProbability(probability);
  assertDegreesOfFreedom(degreesOfFreedom);
  if (degreesOfFreedom === Number.POSITIVE_INFINITY) return normalQuantile(probability);
  if (probability === 0.5) return 0;
  if (probability < 0.5) return -studentTQuantile(1 - probability, degreesOfFreedom);
  if (degreesOfFreedom > largeDegreesOfFreedom) return cornishFisherTQuantile(probability, degreesOfFreedom);

  const upperTail = 1 - probability;
  let low = 0;
  let high = 1;
  while (studentTUpperTail(high, degreesOfFreedom) > upperTail) {
    low = high;
    high *= 2;
  }
  for (let iteration = 0; iteration < 200 && high - low > 1e-13 * high; iteration++) {
    const middle = (low + high) / 2;
    if (studentTUpperTail(middle, degreesOfFreedom) > upperTail) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return (low + high) / 2;
}
