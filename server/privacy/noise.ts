/**
 * Rule 4 of the privacy rules: counts released with differential privacy get discrete Laplace
 * noise (the two-sided geometric mechanism): integer noise with P(x) ∝ exp(−ε|x|/Δ). Integers
 * because a count is one, and because continuous Laplace in floating point leaks through the
 * gaps between doubles (Mironov 2012). Sensitivity Δ = 1: one person adds at most one to a
 * count. Pure: the caller passes the random source (a secure one in production, a seeded one
 * in tests).
 */

/** Uniform on [0, 1). */
export type Rng = () => number;

/** sfc32, seeded through splitmix32: a small, fast, well-tested generator, for reproducible tests and previews only. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(),
    b = split(),
    c = split(),
    d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** The platform's cryptographic generator (Web Crypto, in Node and browsers alike): what released noise must use. */
export function secureRng(): Rng {
  const buf = new Uint32Array(64);
  let i = buf.length;
  return () => {
    if (i === buf.length) {
      globalThis.crypto.getRandomValues(buf);
      i = 0;
    }
    return buf[i++]! / 4294967296;
  };
}

function alphaOf(epsilon: number, sensitivity: number) {
  if (!(epsilon > 0) || !(sensitivity > 0)) throw new RangeError("epsilon and sensitivity must be positive.");
  return Math.exp(-epsilon / sensitivity);
}

/** Geometric on {0, 1, …} with P(g) = (1 − α)·αᵍ, by inversion. */
function geometric(rng: Rng, alpha: number) {
  const u = 1 - rng(); // (0, 1]
  return Math.floor(Math.log(u) / Math.log(alpha));
}

/** One draw of discrete Laplace noise: the difference of two geometrics has P(x) = (1−α)/(1+α)·α^|x|. */
export function discreteLaplace(rng: Rng, epsilon: number, sensitivity = 1): number {
  const alpha = alphaOf(epsilon, sensitivity);
  return geometric(rng, alpha) - geometric(rng, alpha);
}

/** P(X ≤ x) of the discrete Laplace distribution. */
export function discreteLaplaceCdf(x: number, epsilon: number, sensitivity = 1): number {
  const alpha = alphaOf(epsilon, sensitivity);
  const n = Math.floor(x);
  return n < 0 ? Math.pow(alpha, -n) / (1 + alpha) : 1 - Math.pow(alpha, n + 1) / (1 + alpha);
}

/**
 * The error shown before spending ("± 42 people"): the smallest t with P(|noise| ≤ t) ≥ 95%.
 * P(|X| > t) = 2α^(t+1)/(1+α).
 */
export function expectedError95(epsilon: number, sensitivity = 1): number {
  const alpha = alphaOf(epsilon, sensitivity);
  const tail = (t: number) => (2 * Math.pow(alpha, t + 1)) / (1 + alpha);
  let t = Math.max(0, Math.ceil(Math.log((0.05 * (1 + alpha)) / 2) / Math.log(alpha)) - 1);
  // The closed form can be off by one where floating point rounds; settle it exactly.
  while (t > 0 && tail(t - 1) <= 0.05) t--;
  while (tail(t) > 0.05) t++;
  return t;
}

/** A count with noise added, never shown below zero (clamping is post-processing and costs no privacy). */
export function noisyCount(value: number, rng: Rng, epsilon: number, sensitivity = 1): number {
  return Math.max(0, value + discreteLaplace(rng, epsilon, sensitivity));
}
