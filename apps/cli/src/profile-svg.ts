/**
 * @module profile-svg
 * A terrain profile drawn as SVG, shared by `terrain profile --svg` and `link --svg`: terrain on the
 * curved earth (sea level bulges up by d1·d2/(2ka) above the straight chord between the ends), axes
 * in km and m, and optionally the ray between the antenna tips and the first Fresnel zone around it.
 */

export interface ProfileDrawing {
  title: string;
  /** Distance of each sample from the start, metres. */
  distancesM: ArrayLike<number>;
  /** Terrain height plus earth bulge, metres (what a straight ray is compared with). */
  groundM: ArrayLike<number>;
  /** Earth bulge alone (curved sea level), metres. */
  seaLevelM: ArrayLike<number>;
  /** Ray between the antenna tips (heights at start and end, metres), when antennas are known. */
  ray?: { startM: number; endM: number; clear: boolean };
  /** First Fresnel zone radius around the ray at each sample, metres. */
  fresnelRadiusM?: ArrayLike<number>;
  /** Label of the vertical axis. */
  yLabel?: string;
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `target` ticks over `span`. */
function tickStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function profileSvg(drawing: ProfileDrawing): string {
  const width = 960;
  const height = 420;
  const left = 70;
  const right = 20;
  const top = 40;
  const bottom = 50;
  const d = drawing.distancesM;
  const n = d.length - 1;
  const total = d[n]!;
  const ground = Array.from(drawing.groundM, (z) => (Number.isFinite(z) ? z : 0));
  const sea = Array.from(drawing.seaLevelM);
  const rayAt = (i: number) =>
    drawing.ray
      ? drawing.ray.startM + ((drawing.ray.endM - drawing.ray.startM) * d[i]!) / total
      : 0;
  const heights = [...ground, ...sea];
  if (drawing.ray) {
    for (let i = 0; i <= n; i++) {
      const r = drawing.fresnelRadiusM?.[i] ?? 0;
      heights.push(rayAt(i) + r, rayAt(i) - r);
    }
  }
  let yMin = Math.min(0, ...heights);
  let yMax = Math.max(...heights);
  const pad = Math.max(10, (yMax - yMin) * 0.08);
  yMin -= pad;
  yMax += pad;
  const x = (dM: number) => left + (dM / total) * (width - left - right);
  const y = (m: number) => top + ((yMax - m) / (yMax - yMin)) * (height - top - bottom);
  const pt = (dM: number, m: number) => `${x(dM).toFixed(1)},${y(m).toFixed(1)}`;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(drawing.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="22" font-size="14">${escapeXml(drawing.title)}</text>`,
  ];
  const xStep = tickStep(total / 1000, 8);
  for (let km = 0; km <= total / 1000 + 1e-9; km += xStep) {
    const px = x(km * 1000).toFixed(1);
    parts.push(
      `<line x1="${px}" y1="${top}" x2="${px}" y2="${height - bottom}" stroke="#ddd"/>`,
      `<text x="${px}" y="${height - bottom + 16}" text-anchor="middle">${Number(km.toFixed(6))}</text>`,
    );
  }
  const yStep = tickStep(yMax - yMin, 6);
  for (let m = Math.ceil(yMin / yStep) * yStep; m <= yMax; m += yStep) {
    const py = y(m).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${py}" x2="${width - right}" y2="${py}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${Number(m.toFixed(6))}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="black"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">distance (km)</text>`,
    `<text transform="translate(16 ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(drawing.yLabel ?? 'height (m), sea level curved for k = 4/3')}</text>`,
  );
  if (drawing.ray && drawing.fresnelRadiusM) {
    const upper: string[] = [];
    const lower: string[] = [];
    for (let i = 0; i <= n; i++) {
      upper.push(pt(d[i]!, rayAt(i) + drawing.fresnelRadiusM[i]!));
      lower.push(pt(d[i]!, rayAt(i) - drawing.fresnelRadiusM[i]!));
    }
    parts.push(
      `<polygon points="${[...upper, ...lower.reverse()].join(' ')}" fill="#f5d76e" fill-opacity="0.35" stroke="#c9a227" stroke-width="1"><title>first Fresnel zone</title></polygon>`,
    );
  }
  const terrain: string[] = [];
  for (let i = 0; i <= n; i++) terrain.push(pt(d[i]!, ground[i]!));
  for (let i = n; i >= 0; i--) terrain.push(pt(d[i]!, sea[i]!));
  parts.push(
    `<polygon points="${terrain.join(' ')}" fill="#c8b48a" stroke="#7a6235" stroke-width="1"/>`,
    `<polyline points="${sea.map((s, i) => pt(d[i]!, s)).join(' ')}" fill="none" stroke="#2a6fb0" stroke-width="1.5"/>`,
  );
  if (drawing.ray) {
    const { startM, endM, clear } = drawing.ray;
    parts.push(
      `<line x1="${x(0).toFixed(1)}" y1="${y(startM).toFixed(1)}" x2="${x(total).toFixed(1)}" y2="${y(endM).toFixed(1)}" stroke="${clear ? '#1a8a3a' : '#c0392b'}" stroke-width="1.5" stroke-dasharray="6 4"><title>line of sight</title></line>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
