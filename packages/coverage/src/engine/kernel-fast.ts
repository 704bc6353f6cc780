/**
 * @module engine/kernel-fast
 * The fast mode: the same ITM call on the same profile geometry as the reference mode, with the
 * expensive parts of building each profile shared between cells.
 *
 * Why not the textbook shortcut (evaluate ITM at the points of shared radials and give each cell
 * its nearest point)? Because ITM v1.4 is not continuous in its geometry: its effective-height fit
 * starts at trunc(0.1·d_hzn / xi) samples, its horizons are arg-maxes, its LOS branch turns on
 * d_hzn,tx + d_hzn,rx > 1.5 d. Measured on the benchmark terrain (20 km disc, 20,709 cells):
 * - a receiver moved to the nearest radial point (≤ 46 m along, ≤ 8 m across) changes the loss by
 *   p99 3.1 dB, max 29 dB;
 * - the exact geometry with elevations interpolated from a 15 m × 23 m polar raster: p99 0.12 dB,
 *   max 18.8 dB (one grazing path whose obstacle moved 8 cm);
 * - even the reference against itself, with the profile spacing scaled by (1 + 3e-15): p99 0.09 dB,
 *   max 1.5 dB (the trunc() above flips on the last bit when the horizon is 10k samples out).
 * So agreement within 0.1 dB at p99 needs each cell's own geometry, bit for bit: the same number of
 * intervals n = ceil(d / step) and the same spacing d / n (d from the same WGS 84 inverse problem
 * as geodata's geodesicPath), and elevations to within millimetres.
 *
 * What is shared: the geodesic. Positions along every geodesic from the site are solved once per
 * job on a polar lattice (azimuth every 0.25°, distance every 500 m, exact WGS 84 direct
 * solutions; a radial when a cell first needs it). A cell's profile then follows geodesicPath's
 * own scheme — exact nodes at most 1 km apart, points interpolated linearly between them — with
 * the nodes interpolated from the lattice
 * (quadratic across radials and along them, < 5 mm), so it inherits geodesicPath's chord sagitta
 * exactly and its elevations agree with the reference's within about a millimetre. Per cell what
 * remains is one inverse problem (for d and the azimuth), n bilinear elevations on the DEM posts,
 * a check for horizon near-ties (recomputed exactly), and ITM on the profile.
 */
import {
  geodesicDirect,
  geodesicInverse,
  geodesicPath,
  intervalsFor,
  sampleGrid,
  type TerrainGrid,
  type TerrainSampler,
} from '@tongilnet/geodata';
import { Grid } from '../raster/grid.ts';
import { sphericalDistanceM } from './geometry.ts';
import { itmInputOf, type LossJob, type RowsResult } from './jobs.ts';
import { itmP2pTlsShared } from './itm-shared.ts';
import { PointLoss, referenceRows } from './kernel-reference.ts';

/** Azimuth step of the position lattice, degrees. */
const latticeAzDeg = 0.25;
/** Distance step of the position lattice, m. */
const latticeStepM = 500;
/** geodata's geodesicPath node spacing (its default), which the fast profiles reproduce. */
const referenceNodeSpacingM = 1000;

/** Positions along geodesics from one point, on a polar lattice. */
export class GeodesicLattice {
  readonly nAz: number;
  readonly nR: number;
  /** Positions by radial (row) and lattice step; a radial is filled when first used (`nodes`). */
  readonly lats: Float64Array;
  readonly lons: Float64Array;

  /** Whether each radial has been solved yet: a worker solves only those its cells need. */
  private readonly solved: Uint8Array;
  private readonly lengthM: number;

  constructor(
    readonly lat: number,
    readonly lon: number,
    readonly radiusM: number,
  ) {
    this.nAz = Math.round(360 / latticeAzDeg);
    this.nR = Math.ceil(radiusM / latticeStepM) + 2;
    this.lats = new Float64Array(this.nAz * this.nR);
    this.lons = new Float64Array(this.nAz * this.nR);
    this.solved = new Uint8Array(this.nAz);
    this.lengthM = (this.nR - 1) * latticeStepM;
  }

  /** Radial j (azimuth j·0.25°): one geodesic, exact at each lattice step (not interpolated). */
  private solve(j: number): void {
    const { lat, lon } = this;
    const end = geodesicDirect({ lat, lon }, j * latticeAzDeg, this.lengthM);
    const path = geodesicPath({ lat, lon }, end, latticeStepM, { exact: true });
    const base = j * this.nR;
    for (let k = 0; k < this.nR; k++) {
      this.lats[base + k] = path.lats[k]!;
      // Unwrapped, so interpolation never straddles the antimeridian.
      this.lons[base + k] = lon + wrapLon(path.lons[k]! - lon);
    }
    this.solved[j] = 1;
  }

  /**
   * The points `j · nodeLen` metres (j = 1..m) along the geodesic leaving at azimuth `azDeg`, into
   * outLat/outLon[1..m] (longitudes continuous from the site's, maybe beyond ±180): quadratic
   * across three radials (error ≈ r·Δaz³/16 < 1 mm at 150 km for 0.25°) and along each (three
   * lattice points; the 500 m chord's own sagitta would be 4 mm). The azimuth weights are the same
   * for every node, so they are worked out once.
   */
  nodes(
    azDeg: number,
    nodeLen: number,
    m: number,
    outLat: Float64Array,
    outLon: Float64Array,
  ): void {
    let a = azDeg / latticeAzDeg;
    if (a < 0) a += this.nAz;
    const nAz = this.nAz;
    const nR = this.nR;
    const jc = Math.round(a);
    const v = a - jc;
    // Lagrange weights on the radials jc−1, jc, jc+1 at offsets −1, 0, 1.
    const vm = 0.5 * v * (v - 1);
    const v0 = 1 - v * v;
    const vp = 0.5 * v * (v + 1);
    const bm = (((jc - 1) % nAz) + nAz) % nAz;
    const b0 = (((jc % nAz) + nAz) % nAz) * nR;
    const bp = (((jc + 1) % nAz) + nAz) % nAz;
    const bc = b0 / nR;
    if (!this.solved[bm]) this.solve(bm);
    if (!this.solved[bc]) this.solve(bc);
    if (!this.solved[bp]) this.solve(bp);
    const baseM = bm * nR;
    const baseP = bp * nR;
    const lats = this.lats;
    const lons = this.lons;
    const maxK = nR - 2;
    for (let j = 1; j <= m; j++) {
      const t = (j * nodeLen) / latticeStepM;
      let k = Math.round(t);
      if (k < 1) k = 1;
      if (k > maxK) k = maxK;
      const u = t - k;
      // Lagrange weights on lattice points k−1, k, k+1 along each radial.
      const wm = 0.5 * u * (u - 1);
      const w0 = 1 - u * u;
      const wp = 0.5 * u * (u + 1);
      const im = baseM + k;
      const i0 = b0 + k;
      const ip = baseP + k;
      outLat[j] =
        vm * (wm * lats[im - 1]! + w0 * lats[im]! + wp * lats[im + 1]!) +
        v0 * (wm * lats[i0 - 1]! + w0 * lats[i0]! + wp * lats[i0 + 1]!) +
        vp * (wm * lats[ip - 1]! + w0 * lats[ip]! + wp * lats[ip + 1]!);
      outLon[j] =
        vm * (wm * lons[im - 1]! + w0 * lons[im]! + wp * lons[im + 1]!) +
        v0 * (wm * lons[i0 - 1]! + w0 * lons[i0]! + wp * lons[i0 + 1]!) +
        vp * (wm * lons[ip - 1]! + w0 * lons[ip]! + wp * lons[ip + 1]!);
    }
  }
}

/** Longitude in −180..180. */
function wrapLon(lon: number): number {
  return lon >= -180 && lon <= 180 ? lon : lon - 360 * Math.floor((lon + 180) / 360);
}

function overlapsInterior(a: TerrainGrid['bounds'], b: TerrainGrid['bounds']): boolean {
  return a.south < b.north && b.south < a.north && a.west < b.east && b.west < a.east;
}

/**
 * Bilinear elevation over the sampler's grids, remembering the last grid (profiles stay local).
 * Only a grid that no higher-priority grid overlaps is remembered, so the answer is always the
 * one the sampler itself would give.
 */
class FastSampler {
  private readonly exclusive: boolean[];
  // The remembered grid, unpacked for the inlined bilinear step.
  private grid: TerrainGrid | null = null;
  private data: Int16Array | Float32Array = new Float32Array(0);
  private lat0 = 0;
  private lon0 = 0;
  private invDLat = 0;
  private invDLon = 0;
  private width = 0;
  private height = 0;
  private voidValue = NaN;
  private south = 0;
  private north = -1;
  private west = 0;
  private east = -1;

  constructor(private readonly sampler: TerrainSampler) {
    const grids = sampler.grids;
    this.exclusive = grids.map((g, k) =>
      grids.slice(0, k).every((h) => !overlapsInterior(h.bounds, g.bounds)),
    );
  }

  private remember(grid: TerrainGrid): void {
    this.grid = grid;
    this.data = grid.data;
    this.lat0 = grid.lat0;
    this.lon0 = grid.lon0;
    this.invDLat = 1 / grid.dLat;
    this.invDLon = 1 / grid.dLon;
    this.width = grid.width;
    this.height = grid.height;
    this.voidValue = grid.voidValue;
    // Only the posts' own span: the held-edge half pixel of a GeoTIFF goes to the sampler.
    this.north = grid.lat0;
    this.south = grid.lat0 - (grid.height - 1) * grid.dLat;
    this.west = grid.lon0;
    this.east = grid.lon0 + (grid.width - 1) * grid.dLon;
  }

  /** Elevation at (lat, lon), m; the sampler's answer to within rounding of the last bit. */
  elevation(lat: number, lonAny: number): number {
    const lon = wrapLon(lonAny);
    if (lat >= this.south && lat <= this.north && lon >= this.west && lon <= this.east) {
      // geodata's sampleGrid (posts as point samples, bilinear), inlined.
      const w = this.width;
      const x = (lon - this.lon0) * this.invDLon;
      const y = (this.lat0 - lat) * this.invDLat;
      let c = Math.floor(x);
      if (c > w - 2) c = w - 2;
      let r = Math.floor(y);
      if (r > this.height - 2) r = this.height - 2;
      const fx = x - c;
      const fy = y - r;
      const d = this.data;
      const i = r * w + c;
      const v00 = d[i]!;
      const v01 = d[i + 1]!;
      const v10 = d[i + w]!;
      const v11 = d[i + w + 1]!;
      const nd = this.voidValue;
      if (v00 !== nd && v01 !== nd && v10 !== nd && v11 !== nd) {
        const north = v00 + (v01 - v00) * fx;
        const z = north + (v10 + (v11 - v10) * fx - north) * fy;
        if (z === z) return z;
      }
      return sampleGrid(this.grid!, lat, lon);
    }
    // The sampler picks the grid by priority and handles voids and coverage errors.
    const k = this.sampler.gridIndexAt(lat, lon);
    if (k >= 0 && this.exclusive[k]) this.remember(this.sampler.grids[k]!);
    return this.sampler.elevation(lat, lon);
  }

  /**
   * Elevations of profile points 1..n−1 (at i·xi) into pfl[3..n+1], the points interpolated
   * linearly between `nodes` + 1 node positions `stepM` apart (geodesicPath's scheme); where a
   * whole segment lies on the remembered grid its points step evenly through the grid's own
   * coordinates and the bilinear step runs without bounds checks.
   * Returns false when a point has no elevation (void or outside the terrain).
   */
  fill(
    pfl: Float64Array,
    n: number,
    xi: number,
    azLat: Float64Array,
    azLon: Float64Array,
    stepM: number,
    nodes: number,
  ): boolean {
    let ok = true;
    let i = 1;
    while (i < n) {
      const r = i * xi;
      let k = Math.floor(r / stepM);
      if (k >= nodes) k = nodes - 1;
      // Points of this segment: i .. iEnd−1.
      let iEnd = k + 1 >= nodes ? n : Math.floor(((k + 1) * stepM) / xi) + 1;
      if (iEnd > n) iEnd = n;
      if (iEnd <= i) iEnd = i + 1;
      const la0 = azLat[k]!;
      const lo0 = azLon[k]!;
      const dla = (azLat[k + 1]! - la0) / stepM;
      const dlo = (azLon[k + 1]! - lo0) / stepM;
      const offA = r - k * stepM;
      const laA = la0 + dla * offA;
      const loA = lo0 + dlo * offA;
      const laB = la0 + dla * ((iEnd - 1) * xi - k * stepM);
      const loB = lo0 + dlo * ((iEnd - 1) * xi - k * stepM);
      if (
        this.grid !== null &&
        Math.min(laA, laB) >= this.south &&
        Math.max(laA, laB) <= this.north &&
        Math.min(loA, loB) >= this.west &&
        Math.max(loA, loB) <= this.east
      ) {
        // The segment's points are evenly spaced in the grid's column/row coordinates too.
        const xA = (loA - this.lon0) * this.invDLon;
        const yA = (this.lat0 - laA) * this.invDLat;
        const dx = dlo * xi * this.invDLon;
        const dy = -dla * xi * this.invDLat;
        const w = this.width;
        const cMax = w - 2;
        const rMax = this.height - 2;
        const d = this.data;
        const nd = this.voidValue;
        const i0 = i;
        for (; i < iEnd; i++) {
          const x = xA + (i - i0) * dx;
          const y = yA + (i - i0) * dy;
          let c = Math.floor(x);
          if (c > cMax) c = cMax;
          let rr = Math.floor(y);
          if (rr > rMax) rr = rMax;
          const fx = x - c;
          const j = rr * w + c;
          const v00 = d[j]!;
          const v01 = d[j + 1]!;
          const v10 = d[j + w]!;
          const v11 = d[j + w + 1]!;
          const north = v00 + (v01 - v00) * fx;
          let z = north + (v10 + (v11 - v10) * fx - north) * (y - rr);
          if (v00 === nd || v01 === nd || v10 === nd || v11 === nd || z !== z) {
            const off = i * xi - k * stepM;
            z = sampleGrid(this.grid, la0 + dla * off, lo0 + dlo * off);
            if (z !== z) ok = false;
          }
          pfl[i + 2] = z;
        }
      } else {
        for (; i < iEnd; i++) {
          const off = i * xi - k * stepM;
          const z = this.elevation(la0 + dla * off, lo0 + dlo * off);
          if (z !== z) ok = false;
          pfl[i + 2] = z;
        }
      }
    }
    return ok;
  }
}

/**
 * Elevation error allowed for a fast profile point, m. Nodes from the lattice are within a
 * millimetre of geodesicPath's and the points between them are interpolated the same way, so
 * elevations agree within 0.06 mm on the benchmark terrain (3,000 paths each to 50, 100 and
 * 120 km); 0.5 mm leaves a margin of eight for steeper ground.
 */
export const fastElevationToleranceM = 0.0005;

/** Scratch angles for {@link horizonIsFragile}. */
let txAngles = new Float64Array(4096);
let rxAngles = new Float64Array(4096);
/** 1/i for the check's angles. */
let reciprocals = new Float64Array(0);

/**
 * How far (as a share of the best horizon's distance, in samples, at least one sample) a competing
 * point must lie to count as a different horizon: a horizon a few samples from its terminal moves a
 * third of its distance when it slips to the next point (1.4 dB), one far away barely moves.
 */
const distinctHorizonShare = 0.02;

/**
 * Whether ITM's horizon search on this profile is too close to a tie for approximate elevations,
 * so the cell must be recomputed on the exact profile:
 * - on either side, the best candidate and a different one (2 % of its distance away, at least
 *   the next sample, or the other terminal itself) are within the angle an elevation error of
 *   `toleranceM` could make up — the horizon could jump (an 8 cm change of one point turned a
 *   diffraction path into line of sight, 18.8 dB; a horizon 3 samples from the handset slipping to
 *   2 samples moved 1.4 dB); neighbouring points on one distant crest barely move it;
 * - or the two horizon distances sum to within 3 samples of 1.5·d, where ITM switches between its
 *   line-of-sight and trans-horizon effective-height rules.
 */
export function horizonIsFragile(
  pfl: Float64Array,
  hTxM: number,
  hRxM: number,
  n0: number,
  toleranceM: number,
): boolean {
  const np = pfl[0]!;
  const xi = pfl[1]!;
  const d = np * xi;
  // The effective earth radius as ITM derives it [TN101, Eqs 4.3, 4.4] (approximate is enough).
  const p10 = Math.trunc(0.1 * np);
  let hSys = 0;
  for (let i = p10; i <= np - p10; i++) hSys += pfl[i + 2]!;
  hSys /= np - 2 * p10 + 1;
  const nS = n0 * Math.exp(-hSys / 9460);
  const twoA = 2 / (157e-9 * (1 - 0.04665 * Math.exp(nS / 179.3)));
  const zTx = pfl[2]! + hTxM;
  const zRx = pfl[np + 2]! + hRxM;
  if (txAngles.length < np + 1) {
    txAngles = new Float64Array(2 * np + 2);
    rxAngles = new Float64Array(2 * np + 2);
  }
  if (reciprocals.length < np + 1) {
    reciprocals = new Float64Array(2 * np + 2);
    for (let i = 1; i < reciprocals.length; i++) reciprocals[i] = 1 / i;
  }
  const inv = reciprocals;
  const invXi = 1 / xi;
  const invTwoA = 1 / twoA;
  // Index np stands for the other terminal (seen directly).
  txAngles[np] = (zRx - zTx) / d - d * invTwoA;
  rxAngles[0] = -(zRx - zTx) / d - d * invTwoA;
  let bt = np;
  let br = 0;
  let bestT = txAngles[np]!;
  let bestR = rxAngles[0]!;
  // Reciprocals instead of divisions: this check only has to be as exact as its tolerance.
  for (let i = 1; i < np; i++) {
    const z = pfl[i + 2]!;
    const t = (z - zTx) * invXi * inv[i]! - i * xi * invTwoA;
    const r = (z - zRx) * invXi * inv[np - i]! - (np - i) * xi * invTwoA;
    txAngles[i] = t;
    rxAngles[i] = r;
    if (t > bestT) {
      bestT = t;
      bt = i;
    }
    if (r > bestR) {
      bestR = r;
      br = i;
    }
  }
  // A far candidate i competes when a − angle_i < tol/x_best + tol/x_i, i.e. when
  // (a − angle_i − tol/x_best)·x_i < tol: multiplications only in the loops.
  const tol = toleranceM;
  const xTxBest = bt === np ? d : bt * xi;
  const aTx = txAngles[bt]!;
  const slackTx = tol / xTxBest;
  const xRxBest = br === 0 ? d : d - br * xi;
  const aRx = rxAngles[br]!;
  const slackRx = tol / xRxBest;
  const sepTx = Math.max(1, Math.ceil(distinctHorizonShare * bt));
  const sepRx = Math.max(1, Math.ceil(distinctHorizonShare * (np - br)));
  for (let i = 1; i < np; i++) {
    if ((i <= bt - sepTx || i >= bt + sepTx) && (aTx - txAngles[i]! - slackTx) * (i * xi) < tol)
      return true;
    if ((i <= br - sepRx || i >= br + sepRx) && (aRx - rxAngles[i]! - slackRx) * (d - i * xi) < tol)
      return true;
  }
  // The other terminal itself (seen directly) is always a distinct candidate.
  if (bt !== np && (aTx - txAngles[np]! - slackTx) * d < tol) return true;
  if (br !== 0 && (aRx - rxAngles[0]! - slackRx) * d < tol) return true;
  const dHznSum = (bt === np ? d : bt * xi) + (br === 0 ? d : d - br * xi);
  return Math.abs(dHznSum - 1.5 * d) < 3 * xi;
}

const lattices = new Map<string, GeodesicLattice>();

/** The lattice for a job's emitter (cached per worker for the job's lifetime). */
export function latticeFor(job: LossJob): GeodesicLattice {
  const key = `${job.lat},${job.lon},${job.maxDistanceM}`;
  let lattice = lattices.get(key);
  if (!lattice) {
    if (lattices.size > 16) lattices.clear();
    lattice = new GeodesicLattice(job.lat, job.lon, job.maxDistanceM + 2 * latticeStepM);
    lattices.set(key, lattice);
  }
  return lattice;
}

/**
 * Builds each cell's ITM profile for one job from the shared lattice: the same n intervals of the
 * same spacing as the reference (the distance from the same WGS 84 inverse problem, to the bit),
 * positions from the lattice, elevations on the DEM posts.
 */
export class FastProfiler {
  /** The last profile built, in ITM's pfl layout (may be longer than n + 3). */
  pfl = new Float64Array(2048);
  private readonly lattice: GeodesicLattice;
  private readonly fast: FastSampler;
  private readonly zSite: number;
  private nodeLat = new Float64Array(256);
  private nodeLon = new Float64Array(256);

  constructor(
    sampler: TerrainSampler,
    private readonly job: LossJob,
  ) {
    this.lattice = latticeFor(job);
    this.fast = new FastSampler(sampler);
    let z = NaN;
    try {
      z = this.fast.elevation(job.lat, job.lon);
    } catch {
      // The emitter off the terrain: every profile is a miss.
    }
    this.zSite = z;
  }

  /**
   * The profile to (lat, lon) into `this.pfl`: 'ok', or 'far' (beyond the job's radius), 'miss'
   * (a point without terrain) or 'coincident' (the cell centre is the emitter).
   */
  profile(lat: number, lon: number): 'ok' | 'far' | 'miss' | 'coincident' {
    const job = this.job;
    const lattice = this.lattice;
    let d: number;
    let az: number;
    try {
      // The inverse problem exactly as geodesicPath solves it (the same bits of d).
      const line = geodesicInverse({ lat: job.lat, lon: job.lon }, { lat, lon });
      d = line.distanceM;
      az = line.azimuth1Deg;
    } catch {
      return 'coincident';
    }
    if (!(d > 0)) return 'coincident';
    if (d > job.maxDistanceM) return 'far';
    const { n, spacingM } = intervalsFor(d, job.profileStepM);
    if (this.pfl.length < n + 3) this.pfl = new Float64Array(Math.max(n + 3, 2 * this.pfl.length));
    const pfl = this.pfl;
    // geodesicPath's own scheme: exact positions at m nodes at most 1 km apart (every point when
    // the spacing is 1 km or more), points interpolated linearly between them. The nodes come
    // from the lattice (interpolated to ~5 mm), so the profile inherits geodesicPath's chord
    // sagitta exactly and differs from the reference only by the nodes' millimetres.
    const nodeSpacing = referenceNodeSpacingM;
    const m = nodeSpacing <= spacingM ? n : Math.ceil(d / nodeSpacing);
    const nodeLen = nodeSpacing <= spacingM ? spacingM : d / m;
    if (this.nodeLat.length < m + 1) {
      this.nodeLat = new Float64Array(2 * m + 2);
      this.nodeLon = new Float64Array(2 * m + 2);
    }
    const nodeLat = this.nodeLat;
    const nodeLon = this.nodeLon;
    nodeLat[0] = job.lat;
    nodeLon[0] = job.lon;
    lattice.nodes(az, nodeLen, m, nodeLat, nodeLon);
    pfl[0] = n;
    pfl[1] = spacingM;
    pfl[2] = this.zSite;
    if (this.zSite !== this.zSite) return 'miss';
    try {
      if (!this.fast.fill(pfl, n, spacingM, nodeLat, nodeLon, nodeLen, m)) return 'miss';
      // The end is the cell centre itself, as in the reference.
      const zEnd = this.fast.elevation(lat, lon);
      if (zEnd !== zEnd) return 'miss';
      pfl[n + 2] = zEnd;
    } catch {
      // A point outside every terrain grid: no value, as in the reference.
      return 'miss';
    }
    return 'ok';
  }
}

/**
 * Fast loss for rows [row0, row1) of the job's window: ITM on each cell's own profile geometry,
 * positions from the shared lattice. Non-ITM models (distance only, or P.526) take the reference
 * path, which is already cheap for them or has no shared structure to exploit.
 */
export function fastRows(
  sampler: TerrainSampler,
  job: LossJob,
  row0: number,
  row1: number,
  onProgress?: (cells: number) => void,
): RowsResult {
  if (job.model !== 'itm') return referenceRows(sampler, job, row0, row1, onProgress);
  const grid = new Grid(job.window);
  const w = grid.width;
  const losses = job.freqsMHz.map(() => new Float32Array((row1 - row0) * w).fill(NaN));
  const fallback = new PointLoss(sampler, job);

  const profiler = new FastProfiler(sampler, job);
  const input = itmInputOf(job, profiler.pfl);
  let terrainMisses = 0;
  let fragile = 0;
  let done = 0;
  for (let row = row0; row < row1; row++) {
    const lat = grid.latOf(row);
    for (let col = 0; col < w; col++) {
      const lon = grid.lonOf(col);
      if (sphericalDistanceM(job.lat, job.lon, lat, lon) > job.maxDistanceM * 1.006) continue;
      const index = (row - row0) * w + col;
      done++;
      if (done % 256 === 0) onProgress?.(256);
      const outcome = profiler.profile(lat, lon);
      if (outcome === 'far') continue;
      if (outcome === 'miss') {
        terrainMisses++;
        continue;
      }
      if (
        outcome === 'coincident' ||
        horizonIsFragile(
          profiler.pfl,
          job.heightM,
          job.rxHeightM,
          job.itm.N_0,
          fastElevationToleranceM,
        )
      ) {
        if (outcome !== 'coincident') fragile++;
        fallback.compute(lat, lon, losses, index);
        continue;
      }
      input.pfl = profiler.pfl;
      itmP2pTlsShared(input, job.freqsMHz, losses, index);
    }
  }
  onProgress?.(done % 256);
  return {
    row0,
    row1,
    losses,
    terrainMisses: terrainMisses + fallback.terrainMisses,
    exactRecomputes: fragile,
  };
}
