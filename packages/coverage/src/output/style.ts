/**
 * @module output/style
 * How a layer is coloured: value classes (a level in dBm or dB at or above each break) or
 * categories (best server: one colour per site). The PNG, the KML overlay and the legend all read
 * the same style, so the legend always tells the truth about the picture.
 */
import type { Rgba } from './image.ts';

export type LayerStyle =
  | {
      kind: 'classes';
      title: string;
      unit: string;
      /** Ascending breaks: class i is `breaks[i] ≤ v < breaks[i+1]` (the last is open-ended). */
      breaks: number[];
      colors: Rgba[];
      /** Legend text per class, when the default ("a to b unit") does not fit. */
      labels?: string[];
    }
  | { kind: 'categories'; title: string; labels: string[]; colors: Rgba[] };

/** Blue → green → yellow → red, for "more is better" levels. */
const levelRamp: Rgba[] = [
  [43, 80, 170, 190],
  [38, 150, 200, 200],
  [60, 180, 90, 210],
  [170, 210, 60, 215],
  [250, 200, 40, 220],
  [240, 120, 30, 225],
  [210, 40, 40, 230],
];

/** Distinct colours for categories (Tableau 10, which stays readable for common colour-blindness). */
const categoryPalette: Rgba[] = [
  [78, 121, 167, 210],
  [242, 142, 43, 210],
  [225, 87, 89, 210],
  [118, 183, 178, 210],
  [89, 161, 79, 210],
  [237, 201, 72, 210],
  [176, 122, 161, 210],
  [255, 157, 167, 210],
  [156, 117, 95, 210],
  [186, 176, 172, 210],
];

/**
 * Classes from `threshold` upwards in steps of `stepDb`: everything below the threshold stays
 * transparent, so the coloured area is exactly the served area.
 */
export function levelStyle(
  title: string,
  unit: string,
  threshold: number,
  stepDb = 10,
  count = 6,
): LayerStyle {
  const breaks = Array.from({ length: count }, (_, i) => threshold + i * stepDb);
  const colors = breaks.map(
    (_, i) => levelRamp[Math.round((i * (levelRamp.length - 1)) / Math.max(1, count - 1))]!,
  );
  return { kind: 'classes', title, unit, breaks, colors };
}

/** One colour for a yes/no layer (value ≥ 1 is "yes"). */
export function maskStyle(
  title: string,
  label: string,
  color: Rgba = [214, 39, 40, 200],
): LayerStyle {
  return { kind: 'classes', title, unit: '', breaks: [1], colors: [color], labels: [label] };
}

export function categoryStyle(title: string, labels: string[]): LayerStyle {
  return {
    kind: 'categories',
    title,
    labels,
    colors: labels.map((_, i) => categoryPalette[i % categoryPalette.length]!),
  };
}

/** The colour of `value` under `style`, or null (transparent) for nodata and below the first break. */
export function colorOf(style: LayerStyle, value: number): Rgba | null {
  if (Number.isNaN(value)) return null;
  if (style.kind === 'categories') {
    if (!Number.isInteger(value) || value < 0 || value >= style.colors.length) return null;
    return style.colors[value]!;
  }
  const b = style.breaks;
  if (value < b[0]!) return null;
  let i = b.length - 1;
  while (value < b[i]!) i--;
  return style.colors[i]!;
}

/** Legend entries: a colour and its label. */
export function legendEntries(style: LayerStyle): { color: Rgba; label: string }[] {
  if (style.kind === 'categories') {
    return style.labels.map((label, i) => ({ color: style.colors[i]!, label }));
  }
  const u = style.unit ? ` ${style.unit}` : '';
  const labels = style.labels;
  if (labels) {
    return style.breaks
      .map((_, i) => ({ color: style.colors[i]!, label: labels[i] ?? '' }))
      .reverse();
  }
  return style.breaks
    .map((b, i) => {
      const next = style.breaks[i + 1];
      const label = next === undefined ? `≥ ${fmt(b)}${u}` : `${fmt(b)} to ${fmt(next)}${u}`;
      return { color: style.colors[i]!, label };
    })
    .reverse();
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
