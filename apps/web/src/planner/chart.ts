/**
 * @module planner/chart
 * The link's terrain profile as SVG: the ground with the Earth bulge (k = 4/3), the straight ray
 * between the antennas, and the first Fresnel zone around it, so the eye sees at once what
 * obstructs the path. Drawn with DOM calls, no markup strings.
 */
import type { LinkReply } from './api.ts';

const NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function profileChart(chart: LinkReply['chart'], label: string): SVGSVGElement {
  const W = 360;
  const H = 170;
  const pad = { left: 40, right: 8, top: 8, bottom: 24 };
  const d = chart.distanceKm;
  const n = d.length;
  const total = d[n - 1]!;
  const [r0, r1] = chart.rayM as [number, number];
  const ray = d.map((x) => r0 + ((r1 - r0) * x) / total);
  const lo = Math.min(0, ...chart.groundM);
  const hi = Math.max(...chart.groundM, ...ray.map((r, i) => r + chart.fresnelM[i]!)) * 1.05 + 1;
  const x = (km: number) => pad.left + (km / total) * (W - pad.left - pad.right);
  const y = (m: number) => pad.top + (1 - (m - lo) / (hi - lo)) * (H - pad.top - pad.bottom);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'profile' });
  svg.setAttribute('aria-label', label);
  const ground = [
    `${x(0)},${y(lo)}`,
    ...d.map((km, i) => `${x(km)},${y(chart.groundM[i]!)}`),
    `${x(total)},${y(lo)}`,
  ];
  const upper = d.map((km, i) => `${x(km)},${y(ray[i]! + chart.fresnelM[i]!)}`);
  const lower = d.map((km, i) => `${x(km)},${y(ray[i]! - chart.fresnelM[i]!)}`).reverse();
  svg.append(
    el('polygon', { points: [...upper, ...lower].join(' '), class: 'fresnel' }),
    el('polygon', { points: ground.join(' '), class: 'ground' }),
    el('line', { x1: x(0), y1: y(r0), x2: x(total), y2: y(r1), class: 'ray' }),
    el('line', {
      x1: pad.left,
      y1: H - pad.bottom,
      x2: W - pad.right,
      y2: H - pad.bottom,
      class: 'axis',
    }),
    el('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: H - pad.bottom, class: 'axis' }),
  );
  const text = (content: string, attrs: Record<string, string | number>) => {
    const node = el('text', attrs);
    node.textContent = content;
    svg.append(node);
  };
  text('0', { x: pad.left, y: H - 8, class: 'tick' });
  text(`${total.toFixed(1)} km`, { x: W - pad.right, y: H - 8, class: 'tick end' });
  text(`${Math.round(hi)} m`, { x: pad.left - 4, y: pad.top + 10, class: 'tick end' });
  text(`${Math.round(lo)} m`, { x: pad.left - 4, y: H - pad.bottom, class: 'tick end' });
  return svg;
}
