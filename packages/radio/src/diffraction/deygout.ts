/**
 * @module Multiple knife-edge diffraction by the Deygout (principal-edge) construction.
 *
 * References:
 * - J. Deygout, "Multiple knife-edge diffraction of microwaves", IEEE Trans. Antennas Propag.
 *   AP-14(4), 480–489 (1966): find the edge with the largest ν over the whole path (principal edge),
 *   then treat the sub-paths terminal→principal and principal→terminal the same way, summing the
 *   single-edge losses J(ν) [ITU-R P.526-15 eq. (31)]. `variant: 'classic'` (the default) does this
 *   recursively to `maxDepth` levels.
 * - `variant: 'itu-3-edge'`: the three-edge form with empirical corrections used by earlier ITU-R
 *   texts before delta-Bullington replaced it (ITU-R P.452-14 §4.2.1, from ITU-R P.526 of the same
 *   period): L = L_m + T(L_t + L_r + C), T = 1 − exp(−L_m/6), C = 10 + 0.04 d (d in km); L_t and L_r
 *   are the secondary edges on each side of the principal edge, counted only when ν > −0.78.
 *
 * Deygout is known to overestimate the loss of many closely spaced edges; delta-Bullington is the
 * current ITU-R method and should be preferred for planning.
 */
import { wavelengthM } from '../core/units.ts';
import { assertInRange } from '../core/assert.ts';
import { KNIFE_EDGE_NU_MIN, knifeEdgeLossDb } from './knife-edge.ts';
import { effectiveEarthRadiusM, maxNuBetween, normaliseProfile } from './profile.ts';
import type { EarthModel, TerrainProfile } from './profile.ts';

/** One edge found by the construction. */
export interface DeygoutEdge {
  /** Sample index. */
  readonly index: number;
  /** Distance from the transmitter, metres. */
  readonly distanceM: number;
  /** ν over its sub-path. */
  readonly nu: number;
  /** J(ν), dB. */
  readonly lossDb: number;
  /** 0 for the principal edge, 1 for its secondaries, … */
  readonly depth: number;
}

/** Deygout result. */
export interface DeygoutResult {
  /** Total diffraction loss, dB. */
  readonly lossDb: number;
  /** Edges that contributed (ν > −0.78), principal first. */
  readonly edges: readonly DeygoutEdge[];
}

/** Options of {@link deygoutLoss}. */
export interface DeygoutOptions extends EarthModel {
  /** 'classic' (recursive sum, Deygout 1966) or 'itu-3-edge' (P.452-14 §4.2.1). Default 'classic'. */
  readonly variant?: 'classic' | 'itu-3-edge';
  /** Levels of recursion for 'classic': 0 = principal edge only. Default 2. */
  readonly maxDepth?: number;
}

/**
 * Deygout multiple knife-edge diffraction loss of a terrain profile.
 * @param profile - terrain profile, metres
 * @param txHeightM - transmitter antenna height above ground, metres
 * @param rxHeightM - receiver antenna height above ground, metres
 * @param frequencyMhz - frequency, MHz
 */
export function deygoutLoss(
  profile: TerrainProfile,
  txHeightM: number,
  rxHeightM: number,
  frequencyMhz: number,
  options: DeygoutOptions = {},
): DeygoutResult {
  const { d, h } = normaliseProfile(profile, 2);
  assertInRange('txHeightM', txHeightM, 0, 1e5, 'm');
  assertInRange('rxHeightM', rxHeightM, 0, 1e5, 'm');
  const maxDepth = options.maxDepth ?? 2;
  assertInRange('maxDepth', maxDepth, 0, 64);
  const n = d.length;
  const ae = effectiveEarthRadiusM(options);
  const lambda = wavelengthM(frequencyMhz);
  // Endpoint heights: antennas at the ends, edge tops (terrain) inside.
  const top = (i: number): number =>
    i === 0 ? h[0] + txHeightM : i === n - 1 ? h[n - 1] + rxHeightM : h[i];
  const edges: DeygoutEdge[] = [];

  const edgeOf = (a: number, b: number, depth: number): DeygoutEdge | undefined => {
    const e = maxNuBetween(d, h, a, b, top(a), top(b), lambda, ae);
    if (e.index < 0 || e.nu <= KNIFE_EDGE_NU_MIN) return undefined;
    return {
      index: e.index,
      distanceM: d[e.index],
      nu: e.nu,
      lossDb: knifeEdgeLossDb(e.nu),
      depth,
    };
  };

  if (options.variant === 'itu-3-edge') {
    const principal = edgeOf(0, n - 1, 0);
    if (principal === undefined) return { lossDb: 0, edges };
    edges.push(principal);
    const t = edgeOf(0, principal.index, 1);
    const r = edgeOf(principal.index, n - 1, 1);
    if (t !== undefined) edges.push(t);
    if (r !== undefined) edges.push(r);
    const lt = t?.lossDb ?? 0;
    const lr = r?.lossDb ?? 0;
    const tFactor = 1 - Math.exp(-principal.lossDb / 6);
    const c = 10 + 0.04 * (d[n - 1] / 1000);
    return { lossDb: principal.lossDb + tFactor * (lt + lr + c), edges };
  }

  const recurse = (a: number, b: number, depth: number): number => {
    if (depth > maxDepth || b - a < 2) return 0;
    const e = edgeOf(a, b, depth);
    if (e === undefined) return 0;
    edges.push(e);
    return e.lossDb + recurse(a, e.index, depth + 1) + recurse(e.index, b, depth + 1);
  };
  const lossDb = recurse(0, n - 1, 0);
  edges.sort((x, y) => x.depth - y.depth || x.distanceM - y.distanceM);
  return { lossDb, edges };
}
