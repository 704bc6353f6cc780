/**
 * @module icons
 * PNG renderings of the app icons (public/icons/*.svg) for the web app manifests: older Android
 * browsers install a web app only with PNG icons of 192 and 512 px. The shapes are the SVGs' own,
 * drawn with 4×4 supersampling, so nothing outside the repository is needed to make them.
 */
import { encode } from 'fast-png';

type Rgb = [number, number, number];
type Shape =
  | { kind: 'round'; x: number; y: number; w: number; h: number; r: number; color: Rgb }
  | { kind: 'circle'; cx: number; cy: number; r: number; color: Rgb }
  | { kind: 'triangle'; points: [number, number][]; color: Rgb };

const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;

function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  if (shape.kind === 'triangle') {
    const [a, b, c] = shape.points as [[number, number], [number, number], [number, number]];
    const side = (p: [number, number], q: [number, number]) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    const s1 = side(a, b);
    const s2 = side(b, c);
    const s3 = side(c, a);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  }
  const { x: x0, y: y0, w, h, r } = shape;
  if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
  const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
  const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const round = (x: number, y: number, w: number, h: number, r: number, color: string): Shape => ({
  kind: 'round',
  x,
  y,
  w,
  h,
  r,
  color: hex(color),
});
const circle = (cx: number, cy: number, r: number, color: string): Shape => ({
  kind: 'circle',
  cx,
  cy,
  r,
  color: hex(color),
});

/** The icons in the SVGs' 512-unit coordinates, painted in order. */
export const ICONS: Record<string, Shape[]> = {
  tongilnet: [
    round(0, 0, 512, 512, 96, '#0b3d91'),
    round(88, 152, 336, 216, 40, '#ffffff'),
    {
      kind: 'triangle',
      points: [
        [160, 360],
        [232, 360],
        [160, 424],
      ],
      color: hex('#ffffff'),
    },
    circle(196, 260, 22, '#0b3d91'),
    circle(256, 260, 22, '#0b3d91'),
    circle(316, 260, 22, '#0b3d91'),
  ],
  calculator: [
    round(0, 0, 512, 512, 96, '#3c4043'),
    round(120, 80, 272, 352, 32, '#e8eaed'),
    round(152, 112, 208, 72, 8, '#9aa0a6'),
    ...[216, 280, 344].flatMap((y, row) =>
      [152, 232, 312].map((x, col) =>
        round(x, y, 48, 40, 8, row === 2 && col === 2 ? '#f29900' : '#3c4043'),
      ),
    ),
  ],
  notes: [
    round(0, 0, 512, 512, 96, '#fbbc04'),
    round(112, 80, 288, 352, 24, '#fff8e1'),
    round(150, 158, 212, 20, 10, '#5f6368'),
    round(150, 222, 212, 20, 10, '#5f6368'),
    round(150, 286, 212, 20, 10, '#5f6368'),
    round(150, 350, 148, 20, 10, '#5f6368'),
  ],
};

/** One icon as a PNG of `size` × `size` pixels (transparent outside the rounded square). */
export function iconPng(name: string, size: number): Uint8Array {
  const shapes = ICONS[name];
  if (!shapes)
    throw new RangeError(`icon "${name}" is not one of ${Object.keys(ICONS).join(', ')}`);
  const data = new Uint8Array(size * size * 4);
  const scale = 512 / size;
  const n = 4; // samples per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * scale;
          const y = (py + (sy + 0.5) / n) * scale;
          let color: Rgb | undefined;
          for (const shape of shapes) if (inside(shape, x, y)) color = shape.color;
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered === 0) continue;
      data[o] = Math.round(r / covered);
      data[o + 1] = Math.round(g / covered);
      data[o + 2] = Math.round(b / covered);
      data[o + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return encode({ width: size, height: size, data, channels: 4, depth: 8 });
}
