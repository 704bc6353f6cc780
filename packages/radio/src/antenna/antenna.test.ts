import { describe, expect, it } from 'vitest';
import { TR36814_SECTOR, TR36942_SECTOR, omniAntenna, sectorAntenna } from './parametric.ts';
import { gainTowardDbi, toAntennaFrame } from './pointing.ts';
import { MsiParseError, parseMsiPattern } from './msi.ts';

describe('3GPP sector antenna [TR 36.814 Table A.2.1.1-2; TR 36.942 §4.2.1]', () => {
  const s = sectorAntenna(TR36814_SECTOR);

  it('is 3 dB down at half the beamwidth (±35° for 70°) and at ±θ3dB/2 vertically', () => {
    expect(s.attenuationDb(35, 0)).toBeCloseTo(3, 12);
    expect(s.attenuationDb(-35, 0)).toBeCloseTo(3, 12);
    expect(s.attenuationDb(0, -5)).toBeCloseTo(3, 12);
  });

  it('caps at the front-to-back ratio A_m (25 dB) behind and at SLA_v (20 dB) vertically', () => {
    expect(s.attenuationDb(180, 0)).toBe(25);
    expect(s.attenuationDb(0, -60)).toBe(20);
    expect(s.attenuationDb(120, -60)).toBe(25);
  });

  it('TR 36.942: 65°, 20 dB, 15 dBi — 12 dB at 65°, no vertical pattern', () => {
    const t = sectorAntenna(TR36942_SECTOR);
    expect(t.maxGainDbi).toBe(15);
    expect(t.attenuationDb(65, 0)).toBeCloseTo(12, 12);
    expect(t.attenuationDb(0, -30)).toBe(0);
    expect(t.attenuationDb(100, 0)).toBe(20);
  });

  it('electrical downtilt moves the vertical maximum below the horizon at every azimuth', () => {
    const e = sectorAntenna({ ...TR36814_SECTOR, electricalDowntiltDeg: 6 });
    expect(e.attenuationDb(0, -6)).toBe(0);
    expect(e.attenuationDb(0, 0)).toBeCloseTo(12 * 0.36, 12);
    expect(e.attenuationDb(60, -6)).toBeCloseTo(s.attenuationDb(60, 0), 12);
  });

  it('is symmetric in azimuth and periodic', () => {
    for (let a = 0; a <= 180; a += 7) {
      expect(s.attenuationDb(a, -3)).toBeCloseTo(s.attenuationDb(-a, -3), 12);
      expect(s.attenuationDb(a + 360, -3)).toBeCloseTo(s.attenuationDb(a, -3), 12);
    }
  });
});

describe('pointing: gain toward a bearing and elevation', () => {
  const s = sectorAntenna(TR36814_SECTOR);

  it('reads the full gain on boresight and the horizontal pattern off it', () => {
    expect(gainTowardDbi(s, { azimuthDeg: 30 }, { bearingDeg: 30, elevationDeg: 0 })).toBe(14);
    expect(gainTowardDbi(s, { azimuthDeg: 30 }, { bearingDeg: 65, elevationDeg: 0 })).toBeCloseTo(
      11,
      12,
    );
    expect(gainTowardDbi(s, { azimuthDeg: 350 }, { bearingDeg: 25, elevationDeg: 0 })).toBeCloseTo(
      11,
      12,
    );
  });

  it('mechanical downtilt equals electrical downtilt on boresight but fades off-axis', () => {
    const mech = { azimuthDeg: 0, mechanicalDowntiltDeg: 6 };
    const elec = sectorAntenna({ ...TR36814_SECTOR, electricalDowntiltDeg: 6 });
    const down6 = { bearingDeg: 0, elevationDeg: -6 };
    expect(gainTowardDbi(s, mech, down6)).toBeCloseTo(14, 10);
    expect(gainTowardDbi(elec, { azimuthDeg: 0 }, down6)).toBeCloseTo(14, 10);
    // At 90° azimuth a mechanical tilt rolls the antenna instead of tilting the beam there.
    const side = toAntennaFrame(mech, { bearingDeg: 90, elevationDeg: 0 });
    expect(side.elevationDeg).toBeCloseTo(0, 10);
    expect(side.azimuthOffDeg).toBeCloseTo(90, 10);
    const front = toAntennaFrame(mech, { bearingDeg: 0, elevationDeg: 0 });
    expect(front.elevationDeg).toBeCloseTo(6, 10);
  });

  it('omni: same gain at every bearing; vertical beam optional', () => {
    const o = omniAntenna({ maxGainDbi: 8, verticalBeamwidthDeg: 13, electricalDowntiltDeg: 2 });
    const g = (b: number) =>
      gainTowardDbi(o, { azimuthDeg: 0 }, { bearingDeg: b, elevationDeg: -2 });
    expect(g(0)).toBe(8);
    expect(g(123)).toBe(8);
    expect(
      gainTowardDbi(omniAntenna(), { azimuthDeg: 0 }, { bearingDeg: 5, elevationDeg: 40 }),
    ).toBe(0);
  });

  it('rejects impossible angles', () => {
    expect(() =>
      gainTowardDbi(
        s,
        { azimuthDeg: 0, mechanicalDowntiltDeg: 100 },
        { bearingDeg: 0, elevationDeg: 0 },
      ),
    ).toThrow(/mechanicalDowntiltDeg = 100/);
  });
});

/** A synthetic MSI file: 360 one-degree samples of the TR 36.814 pattern cuts. */
function msiText(opts: { gain?: string; drop?: number; extra?: string } = {}): string {
  const s = sectorAntenna({ ...TR36814_SECTOR, electricalDowntiltDeg: 4 });
  const lines = [
    'NAME TEST-65-4',
    'MAKE Tongilnet',
    'FREQUENCY 1800 MHz',
    'H_WIDTH 70',
    'V_WIDTH 10',
    'FRONT_TO_BACK 25',
    `GAIN ${opts.gain ?? '11.85 dBd'}`,
    'TILT ELECTRICAL 4',
    'POLARIZATION +45',
    'COMMENT synthetic',
    'HORIZONTAL 360',
  ];
  for (let a = 0; a < 360; a += 1) {
    if (a === opts.drop) continue;
    lines.push(`${a} ${s.attenuationDb(a, -4).toFixed(2)}`);
  }
  lines.push('VERTICAL 360');
  for (let a = 0; a < 360; a += 1) {
    // Vertical angles increase downward from the front horizon; 90..270 is the back half.
    const front = a <= 90 || a >= 270;
    const elevation = front ? -(a <= 90 ? a : a - 360) : -(180 - a);
    lines.push(
      `${a} ${(front ? s.attenuationDb(0, elevation) : s.attenuationDb(180, elevation)).toFixed(2)}`,
    );
  }
  if (opts.extra !== undefined) lines.push(opts.extra);
  return lines.join('\n');
}

describe('MSI / Planet pattern parser', () => {
  it('reads the header, converts dBd to dBi and reproduces the pattern cuts', () => {
    const p = parseMsiPattern(msiText());
    expect(p.name).toBe('TEST-65-4');
    expect(p.make).toBe('Tongilnet');
    expect(p.frequencyMhz).toBe(1800);
    expect(p.maxGainDbi).toBeCloseTo(14, 12);
    expect(p.tilt).toBe('ELECTRICAL 4');
    expect(p.header.POLARIZATION).toBe('+45');
    expect(p.horizontal.anglesDeg.length).toBe(360);
    expect(p.horizontalAttenuationDb(35)).toBeCloseTo(3, 2);
    expect(p.horizontalAttenuationDb(-35)).toBeCloseTo(3, 2);
    expect(p.verticalAttenuationDb(4)).toBe(0);
    expect(p.attenuationDb(0, -4)).toBe(0);
  });

  it('interpolates between samples and across 359→0', () => {
    const p = parseMsiPattern(msiText());
    const mid = (p.horizontalAttenuationDb(10) + p.horizontalAttenuationDb(11)) / 2;
    expect(p.horizontalAttenuationDb(10.5)).toBeCloseTo(mid, 12);
    expect(p.horizontalAttenuationDb(359.5)).toBeCloseTo(
      (p.horizontalAttenuationDb(359) + p.horizontalAttenuationDb(0)) / 2,
      12,
    );
  });

  it('gives the mounted gain toward a handset like the parametric antenna it was made from', () => {
    const p = parseMsiPattern(msiText());
    const s = sectorAntenna({ ...TR36814_SECTOR, electricalDowntiltDeg: 4 });
    for (const [b, e] of [
      [0, -4],
      [20, -2],
      [300, -1],
      [45, -8],
    ] as const) {
      const dir = { bearingDeg: b, elevationDeg: e };
      expect(gainTowardDbi(p, { azimuthDeg: 0 }, dir)).toBeCloseTo(
        gainTowardDbi(s, { azimuthDeg: 0 }, dir),
        1,
      );
    }
  });

  it('accepts dBi gains, bare dBd gains and GHz frequencies', () => {
    expect(parseMsiPattern(msiText({ gain: '17.5 dBi' })).maxGainDbi).toBe(17.5);
    expect(parseMsiPattern(msiText({ gain: '15.35' })).maxGainDbi).toBeCloseTo(17.5, 12);
    expect(
      parseMsiPattern(msiText().replace('FREQUENCY 1800 MHz', 'FREQUENCY 1.8 GHz')).frequencyMhz,
    ).toBe(1800);
  });

  it('names the line of a malformed entry', () => {
    const text = msiText().replace('\n17 ', '\nseventeen ');
    expect(() => parseMsiPattern(text)).toThrow(MsiParseError);
    expect(() => parseMsiPattern(text)).toThrow(
      /line 29: HORIZONTAL block expects 'angle attenuation' \(entry 18 of 360\)/,
    );
  });

  it('names the line of a bad gain unit, a negative loss, a duplicate angle and a short block', () => {
    expect(() => parseMsiPattern(msiText({ gain: '12 dBx' }))).toThrow(
      /line 7: GAIN unit must be dBd or dBi, got 'dBx'/,
    );
    expect(() => parseMsiPattern(msiText().replace('\n5 ', '\n5 -'))).toThrow(
      /line 17: HORIZONTAL attenuation -\d/,
    );
    expect(() => parseMsiPattern(msiText().replace('\n6 ', '\n5 '))).toThrow(
      /line 18: HORIZONTAL angle 5 appears twice/,
    );
    expect(() => parseMsiPattern(msiText({ drop: 100 }))).toThrow(
      /HORIZONTAL block expects 'angle attenuation' \(entry 360 of 360\), got 'VERTICAL 360'/,
    );
    expect(() => parseMsiPattern(msiText({ extra: '360 4.0' }))).toThrow(
      /line 733: data line '360 4.0' after the block's declared count/,
    );
  });

  it('requires both blocks', () => {
    expect(() => parseMsiPattern('NAME x\nGAIN 10\nHORIZONTAL 2\n0 0\n180 20\n')).toThrow(
      /no VERTICAL block/,
    );
  });
});
