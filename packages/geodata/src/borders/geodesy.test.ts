import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  geodesicDistanceM,
  geodesicDistanceToSegmentM,
  localDistanceToSegmentM,
  metresPerDegree,
  PolylineDistance,
} from './geodesy.ts';

const WGS84 = geodesic.Geodesic.WGS84;

/** The oracle: sample the geodesic A→B every metre, then every 0.1 mm around the nearest sample. */
function sampled(lat: number, lon: number, a: [number, number], b: [number, number]): number {
  const line = WGS84.InverseLine(a[0], a[1], b[0], b[1]);
  const at = (s: number): number => {
    const p = line.Position(Math.min(Math.max(s, 0), line.s13));
    return geodesicDistanceM(lat, lon, p.lat2 ?? NaN, p.lon2 ?? NaN);
  };
  let best = Infinity;
  let bestS = 0;
  for (let s = 0; s <= line.s13 + 1; s += 1) {
    if (at(s) < best) [best, bestS] = [at(s), s];
  }
  for (let s = bestS - 1; s <= bestS + 1; s += 1e-4) best = Math.min(best, at(s));
  return best;
}

describe('metresPerDegree', () => {
  it('matches WGS 84 at 38N (1° of latitude ≈ 110.99 km, of longitude ≈ 87.93 km)', () => {
    const { kx, ky } = metresPerDegree(38);
    expect(ky).toBeCloseTo(geodesicDistanceM(37.5, 127, 38.5, 127), -1);
    expect(kx).toBeCloseTo(geodesicDistanceM(38, 126.9995, 38, 127.0005) * 1000, 0);
  });
});

describe('geodesicDistanceToSegmentM', () => {
  const a: [number, number] = [38.3, 127.1];
  const b: [number, number] = [38.31, 127.112];
  it('agrees with dense sampling for interior feet, endpoints and far points', () => {
    const cases: [number, number][] = [
      [38.31, 127.1], // foot inside the segment
      [38.28, 127.09], // nearest point is A
      [38.33, 127.13], // nearest point is B
      [39.0392, 125.7625], // ~150 km away
      [38.305, 127.106], // almost on the line
    ];
    for (const [lat, lon] of cases) {
      const exact = geodesicDistanceToSegmentM(lat, lon, a[0], a[1], b[0], b[1]);
      const oracle = sampled(lat, lon, a, b);
      expect(exact).toBeLessThanOrEqual(oracle + 1e-7);
      expect(oracle - exact, `${lat},${lon}`).toBeLessThan(1e-4);
    }
  });

  it('is what the local-plane estimate approximates (0.04 m + 3.5e-5 × distance)', () => {
    for (let k = 0; k < 200; k++) {
      const az = (k * 137.508) % 360;
      const dist = 50 + ((k * 7919) % 9950);
      const p = WGS84.Direct(a[0], a[1], az, dist);
      const lat = p.lat2 ?? NaN;
      const lon = p.lon2 ?? NaN;
      const exact = geodesicDistanceToSegmentM(lat, lon, a[0], a[1], b[0], b[1]);
      const local = localDistanceToSegmentM(lat, lon, a[0], a[1], b[0], b[1]);
      expect(Math.abs(exact - local), `az ${az} dist ${dist}`).toBeLessThan(0.04 + 3.5e-5 * dist);
      if (dist < 2100) expect(Math.abs(exact - local)).toBeLessThan(0.11);
    }
  });
});

describe('PolylineDistance', () => {
  const line = new PolylineDistance([126.9, 38.0, 127.0, 38.05, 127.1, 38.02, 127.2, 38.1]);
  it('finds the exact distance to the nearest segment, near and far', () => {
    for (const [lat, lon] of [
      [38.0, 127.05],
      [38.2, 127.0],
      [37.5665, 126.978],
      [39.0392, 125.7625],
    ]) {
      const c = line.coords;
      let oracle = Infinity;
      for (let i = 0; i + 3 < c.length; i += 2) {
        oracle = Math.min(
          oracle,
          geodesicDistanceToSegmentM(lat, lon, c[i + 1], c[i], c[i + 3], c[i + 2]),
        );
      }
      expect(line.exactM(lat, lon)).toBeCloseTo(oracle, 6);
      expect(Math.abs(line.approxM(lat, lon) - oracle) / oracle).toBeLessThan(0.005);
    }
  });

  it('rejects a line of one vertex', () => {
    expect(() => new PolylineDistance([127, 38])).toThrow(/at least two/);
  });
});
