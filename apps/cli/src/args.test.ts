import { describe, expect, it } from 'vitest';
import { parseBoundedNumber, parseLatLon } from './args.ts';

describe('parseLatLon', () => {
  it('reads LAT,LON and LAT,LON,H', () => {
    expect(parseLatLon('38.0167,126.5333', '--at')).toEqual({ lat: 38.0167, lon: 126.5333 });
    expect(parseLatLon(' 37.9, 126.7 ,30', '--from', true)).toEqual({
      lat: 37.9,
      lon: 126.7,
      heightM: 30,
    });
  });

  it('names the option and the bad part', () => {
    expect(() => parseLatLon('91,0', '--at')).toThrow('--at: latitude 91 is outside -90..90');
    expect(() => parseLatLon('38,200', '--at')).toThrow('--at: longitude 200 is outside');
    expect(() => parseLatLon('38;127', '--at')).toThrow('--at: expected LAT,LON');
    expect(() => parseLatLon('38,abc', '--to')).toThrow('--to: longitude "abc" is not a number');
    expect(() => parseLatLon('38,127,30', '--at')).toThrow('expected LAT,LON in decimal degrees');
    expect(() => parseLatLon('38,127,-3', '--from', true)).toThrow('height -3 m is outside');
  });
});

describe('parseBoundedNumber', () => {
  it('enforces the range with the unit in the message', () => {
    expect(parseBoundedNumber('90', '--step', 1, 10000, 'm')).toBe(90);
    expect(() => parseBoundedNumber('0', '--step', 1, 10000, 'm')).toThrow(
      '--step: 0 m is outside 1..10000 m',
    );
  });
});
