import { describe, expect, it } from 'vitest';
import { OutageSchedule, type Outage } from './outage.ts';
import { PROFILES, compressProfile, profileByName, validateProfile } from './profile.ts';
import type { DirectionConfig, OutagePattern } from './profile.ts';
import { seededRandom } from './random.ts';
import { Transmitter } from './transmitter.ts';

const base: DirectionConfig = {
  bitsPerSecond: 83_200, // 1040 B (1000 + 40 header) in exactly 100 ms
  latencyMs: 250,
  bufferBytes: 1 << 20,
  overflow: 'backpressure',
  lossRate: 0,
  retransmitMs: 1000,
  mssBytes: 1000,
  headerBytes: 40,
};

function transmitter(
  config: Partial<DirectionConfig> = {},
  pattern: OutagePattern = { kind: 'none' },
  seed = 7,
): Transmitter {
  return new Transmitter(
    { ...base, ...config },
    new OutageSchedule(pattern, seededRandom(seed)),
    seededRandom(seed + 1),
    0,
  );
}

describe('Transmitter', () => {
  it('serialises back to back at the configured rate and adds the latency', () => {
    const t = transmitter();
    const s = Array.from({ length: 5 }, () => t.send(0, 1000));
    expect(s.map((x) => x.endMs)).toEqual(
      [100, 200, 300, 400, 500].map((v) => expect.closeTo(v, 9)),
    );
    expect(s.map((x) => x.deliverAtMs)).toEqual(
      [350, 450, 550, 650, 750].map((v) => expect.closeTo(v, 9)),
    );
    // An idle link starts a new segment at once.
    expect(t.send(2000, 1000).deliverAtMs).toBeCloseTo(2350, 9);
    expect(t.send(2000, 0, 60).endMs).toBeCloseTo(2100 + (60 * 8000) / 83_200, 9);
  });

  it('holds segments during an outage and resumes after it', () => {
    const t = transmitter(
      {},
      { kind: 'periodic', everyMs: 10_000, durationMs: 1000, firstAtMs: 1000 },
    );
    // Starting at 950 the segment would run into the outage at 1000: it waits until 2000.
    expect(t.send(950, 1000).endMs).toBeCloseTo(2100, 9);
    expect(t.send(1500, 1000).endMs).toBeCloseTo(2200, 9);
    expect(t.send(5000, 1000).endMs).toBeCloseTo(5100, 9);
    expect(t.send(10_999, 1000).endMs).toBeCloseTo(12_100, 9);
  });

  it('respects notBefore (the handshake) without delaying other traffic', () => {
    const t = transmitter();
    expect(t.send(0, 1000, 40, 500).endMs).toBeCloseTo(600, 9);
  });

  it('turns losses into retransmissions after a doubling timeout, not missing bytes', () => {
    const t = transmitter({ lossRate: 0.3 }, { kind: 'none' }, 11);
    let lost = 0;
    let airBytes = 0;
    for (let i = 0; i < 400; i++) {
      const s = t.send(i * 1e6, 1000);
      lost += s.retransmissions;
      airBytes += s.airBytes;
      // 100 ms per transmission, RTO 1 s, 2 s, 4 s … between them.
      const rtos = (2 ** s.retransmissions - 1) * 1000;
      expect(s.endMs).toBeCloseTo(i * 1e6 + 100 * (1 + s.retransmissions) + rtos, 6);
    }
    // Expected retransmissions per segment p / (1 - p) = 0.43; 400 segments → 171 ± 3σ.
    expect(lost).toBeGreaterThan(130);
    expect(lost).toBeLessThan(215);
    expect(airBytes).toBe((400 + lost) * 1040);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const t = transmitter(
        { lossRate: 0.2 },
        { kind: 'random', meanGapMs: 5000, durationMs: 700 },
        seed,
      );
      return Array.from({ length: 50 }, (_, i) => t.send(i * 300, 700).deliverAtMs);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('tracks the buffer and, in drop mode, retransmits what overflowed one RTO later', () => {
    const t = transmitter({ bufferBytes: 2500, overflow: 'drop' });
    const s = [t.send(0, 1000), t.send(0, 1000), t.send(0, 1000)];
    expect(s.map((x) => x.dropped)).toEqual([false, false, true]);
    expect(s[2]!.endMs).toBeCloseTo(1100, 9); // dropped at 0, sent again at the 1 s RTO
    expect(t.backlogBytes(0)).toBe(3120);
    expect(t.backlogBytes(150)).toBe(2080);
    expect(t.drainedAtMs(0, 1040)).toBeCloseTo(200, 9);
    const q = transmitter({ bufferBytes: 2500 });
    expect([q.send(0, 1000), q.send(0, 1000), q.send(0, 1000)].map((x) => x.endMs)).toEqual(
      [100, 200, 300].map((v) => expect.closeTo(v, 9)),
    );
    expect(q.wouldOverflow(0, 1040)).toBe(true);
    q.flush(50);
    expect(q.backlogBytes(50)).toBe(0);
    expect(q.send(50, 1000).endMs).toBeCloseTo(150, 9);
  });

  it("takes a cut connection's segments off the air and moves the others up", () => {
    const t = transmitter();
    const [a, b] = [{}, {}];
    const first = t.send(0, 1000, 40, 0, a); // on the air 0..100
    t.send(0, 1000, 40, 0, a); // 100..200
    t.send(0, 1000, 40, 0, a); // 200..300
    const other = [t.send(0, 1000, 40, 0, b), t.send(0, 1000, 40, 0, b)]; // 300..400, 400..500
    expect(t.backlogBytes(50)).toBe(5 * 1040);
    // Cut at 50: the segment on the air finishes, the two queued leave, b's move up.
    expect(t.drop(a, 50)).toBe(true);
    expect(first.endMs).toBeCloseTo(100, 9);
    expect(other.map((x) => x.endMs)).toEqual([200, 300].map((v) => expect.closeTo(v, 9)));
    expect(other.map((x) => x.deliverAtMs)).toEqual([450, 550].map((v) => expect.closeTo(v, 9)));
    expect(t.backlogBytes(50)).toBe(3 * 1040);
    expect(t.send(50, 1000).endMs).toBeCloseTo(400, 9);
    expect(t.drop(a, 60)).toBe(false); // nothing of a's left to take off
  });

  it('stops a cut segment waiting for its retransmission at once', () => {
    // Seed 11 with 30 % loss: find a segment that is lost at least once.
    const t = transmitter({ lossRate: 0.3 }, { kind: 'none' }, 11);
    let lossy = t.send(0, 1000, 40, 0, 'a');
    let at = 0;
    while (lossy.retransmissions === 0) {
      at += 1e6;
      lossy = t.send(at, 1000, 40, at, 'a');
    }
    // On the air at..at+100, then waits a 1 s RTO: cut during the wait, the link is free at once.
    const behind = t.send(at, 1000, 40, at, 'b');
    expect(behind.endMs).toBeGreaterThan(at + 1100);
    t.drop('a', at + 500);
    expect(lossy.endMs).toBeCloseTo(at + 500, 9);
    expect(behind.endMs).toBeCloseTo(at + 600, 9);
  });
});

describe('OutageSchedule', () => {
  it('repeats a periodic outage', () => {
    const o = new OutageSchedule(
      { kind: 'periodic', everyMs: 60_000, durationMs: 10_000, firstAtMs: 30_000 },
      seededRandom(1),
    );
    expect(o.at(29_999)).toBeUndefined();
    expect(o.at(30_000)).toEqual({ startMs: 30_000, endMs: 40_000 });
    expect(o.at(39_999.9)).toEqual({ startMs: 30_000, endMs: 40_000 });
    expect(o.at(40_000)).toBeUndefined();
    expect(o.upAt(95_000)).toBe(100_000);
    expect(o.next(35_000)).toEqual({ startMs: 90_000, endMs: 100_000 });
    expect(o.next(0)).toEqual({ startMs: 30_000, endMs: 40_000 });
  });

  it('draws random outages that do not overlap, with the configured mean gap', () => {
    const o = new OutageSchedule(
      { kind: 'random', meanGapMs: 1000, durationMs: 100 },
      seededRandom(5),
    );
    const seen: Outage[] = [];
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      const next = o.next(t)!;
      expect(next.startMs).toBeGreaterThanOrEqual(t);
      seen.push(next);
      t = next.endMs;
    }
    const meanGap =
      seen.slice(1).reduce((sum, x, i) => sum + x.startMs - seen[i]!.endMs, 0) / (seen.length - 1);
    expect(meanGap).toBeGreaterThan(900); // σ of the mean ≈ 22 ms
    expect(meanGap).toBeLessThan(1100);
    // Asking again about the past gives the same answers.
    expect(o.at(seen[10]!.startMs + 50)).toEqual(seen[10]);
    expect(o.at(seen[10]!.endMs + 0.001)).toBeUndefined();
  });
});

describe('profiles', () => {
  it('has edge-9k6, gprs-40k and lan, all valid', () => {
    expect(Object.keys(PROFILES).sort()).toEqual(['edge-9k6', 'gprs-40k', 'lan']);
    for (const name of Object.keys(PROFILES))
      expect(validateProfile(profileByName(name))).toBeTruthy();
    const edge = profileByName('edge-9k6');
    expect(edge.up.bitsPerSecond).toBe(9600);
    expect(edge.down.latencyMs).toBe(800);
    expect(edge.outage.pattern).toMatchObject({ kind: 'periodic', durationMs: 10_000 });
    expect(profileByName('gprs-40k').down.bitsPerSecond).toBe(40_000);
    expect(() => profileByName('5g')).toThrow(
      /profile "5g" is unknown \(known: edge-9k6, gprs-40k, lan\)/,
    );
  });

  it('compresses time without changing bytes or probabilities', () => {
    const edge = profileByName('edge-9k6');
    const fast = compressProfile({ ...edge, resetPerSecond: 0.01 }, 10);
    expect(fast.up.bitsPerSecond).toBe(96_000);
    expect(fast.up.latencyMs).toBe(80);
    expect(fast.up.retransmitMs).toBe(300);
    expect(fast.up.lossRate).toBe(edge.up.lossRate);
    expect(fast.up.mssBytes).toBe(edge.up.mssBytes);
    expect(fast.outage.pattern).toEqual({
      kind: 'periodic',
      everyMs: 6000,
      durationMs: 1000,
      firstAtMs: 3000,
    });
    // Ten compressed seconds survive as often as one hundred real ones.
    expect((1 - fast.resetPerSecond) ** 10).toBeCloseTo(0.99 ** 100, 12);
    expect(() => compressProfile(edge, 0)).toThrow(RangeError);
  });

  it('names the field that is out of range', () => {
    const bad = profileByName('lan');
    bad.down.lossRate = 1;
    expect(() => validateProfile(bad)).toThrow('lan: down.lossRate = 1 is outside [0, 1)');
    const worse = profileByName('edge-9k6');
    worse.outage.pattern = { kind: 'periodic', everyMs: 5, durationMs: 10, firstAtMs: 0 };
    expect(() => validateProfile(worse)).toThrow(/outage every 5 ms must be longer than its 10 ms/);
  });
});
