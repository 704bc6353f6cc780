/**
 * @module output/kml
 * Google Earth ground overlays [OGC 07-147r2 KML 2.2, §11.3 GroundOverlay, §11.4 LatLonBox]: a
 * KML that references the overlay PNG beside it, and a KMZ (a zip with `doc.kml` first, as Google
 * Earth expects) that carries the images inside. Zip: fflate.
 */
import { zipSync } from 'fflate';
import type { BBox } from '../plan/types.ts';

export interface OverlaySpec {
  /** Layer name shown in Google Earth's Places panel. */
  name: string;
  description?: string;
  bbox: BBox;
  /** Path (relative to the KML) or name inside the KMZ of the overlay PNG. */
  href: string;
  /** Optional legend PNG, shown as a screen overlay in the lower left. */
  legendHref?: string;
  /** Points to mark (sites, jammers). */
  placemarks?: { name: string; lat: number; lon: number; description?: string }[];
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]!};`,
  );
}

const num = (v: number) => String(Number(v.toFixed(9)));

/** A KML document with one or more ground overlays. */
export function groundOverlayKml(documentName: string, overlays: OverlaySpec[]): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(documentName)}</name>`,
  ];
  overlays.forEach((o, i) => {
    parts.push(
      '<GroundOverlay>',
      `<name>${escapeXml(o.name)}</name>`,
      ...(o.description ? [`<description>${escapeXml(o.description)}</description>`] : []),
      // Only the first layer starts visible, so the layers do not hide each other.
      `<visibility>${i === 0 ? 1 : 0}</visibility>`,
      `<Icon><href>${escapeXml(o.href)}</href></Icon>`,
      '<LatLonBox>',
      `<north>${num(o.bbox.north)}</north>`,
      `<south>${num(o.bbox.south)}</south>`,
      `<east>${num(o.bbox.east)}</east>`,
      `<west>${num(o.bbox.west)}</west>`,
      '</LatLonBox>',
      '</GroundOverlay>',
    );
    if (o.legendHref) {
      parts.push(
        '<ScreenOverlay>',
        `<name>${escapeXml(o.name)} legend</name>`,
        `<visibility>${i === 0 ? 1 : 0}</visibility>`,
        `<Icon><href>${escapeXml(o.legendHref)}</href></Icon>`,
        '<overlayXY x="0" y="0" xunits="fraction" yunits="fraction"/>',
        '<screenXY x="10" y="30" xunits="pixels" yunits="pixels"/>',
        '<size x="0" y="0" xunits="pixels" yunits="pixels"/>',
        '</ScreenOverlay>',
      );
    }
  });
  const marks = overlays[0]?.placemarks ?? [];
  for (const p of marks) {
    parts.push(
      '<Placemark>',
      `<name>${escapeXml(p.name)}</name>`,
      ...(p.description ? [`<description>${escapeXml(p.description)}</description>`] : []),
      `<Point><coordinates>${num(p.lon)},${num(p.lat)},0</coordinates></Point>`,
      '</Placemark>',
    );
  }
  parts.push('</Document>', '</kml>', '');
  return parts.join('\n');
}

/** A KMZ: `doc.kml` first, then the files it references (name → bytes). */
export function kmz(kml: string, files: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'doc.kml': new TextEncoder().encode(kml) };
  // PNGs are already deflated; storing them avoids paying for a second compression.
  for (const [name, bytes] of Object.entries(files)) entries[name] = bytes;
  return zipSync(
    Object.fromEntries(
      Object.entries(entries).map(([name, bytes]) => [
        name,
        [bytes, { level: name.endsWith('.png') ? 0 : 6 }],
      ]),
    ),
  );
}
