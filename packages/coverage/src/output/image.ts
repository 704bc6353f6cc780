/**
 * @module output/image
 * A small RGBA canvas for map images: rectangles, anti-alias-free lines and bitmap text. Enough to
 * draw a legend and borders onto a coverage raster without a graphics library.
 */
import { advance, glyph, glyphHeight, glyphWidth } from './font.ts';

/** Red, green, blue, alpha; each 0..255. */
export type Rgba = readonly [number, number, number, number];

export class RgbaImage {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgba = [0, 0, 0, 0],
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`image size ${width} × ${height} must be whole numbers ≥ 1`);
    }
    this.data = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, background, false);
  }

  /** Sets a pixel; `blend` composites `color` over what is there by its alpha. */
  setPixel(x: number, y: number, color: Rgba, blend = true): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    const d = this.data;
    const a = color[3] / 255;
    if (!blend || a >= 1 || d[i + 3] === 0) {
      d[i] = color[0];
      d[i + 1] = color[1];
      d[i + 2] = color[2];
      d[i + 3] = color[3];
      return;
    }
    const b = d[i + 3]! / 255;
    const out = a + b * (1 - a);
    for (let k = 0; k < 3; k++) {
      d[i + k] = Math.round((color[k]! * a + d[i + k]! * b * (1 - a)) / out);
    }
    d[i + 3] = Math.round(out * 255);
  }

  fillRect(x0: number, y0: number, w: number, h: number, color: Rgba, blend = true): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x0 + w); x++) {
        this.setPixel(x, y, color, blend);
      }
    }
  }

  strokeRect(x0: number, y0: number, w: number, h: number, color: Rgba): void {
    this.fillRect(x0, y0, w, 1, color);
    this.fillRect(x0, y0 + h - 1, w, 1, color);
    this.fillRect(x0, y0, 1, h, color);
    this.fillRect(x0 + w - 1, y0, 1, h, color);
  }

  /** A line of `thickness` pixels between two points (Bresenham with a square pen). */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgba, thickness = 1): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xe = Math.round(x1);
    const ye = Math.round(y1);
    const dx = Math.abs(xe - x);
    const dy = -Math.abs(ye - y);
    const sx = x < xe ? 1 : -1;
    const sy = y < ye ? 1 : -1;
    let err = dx + dy;
    const lo = -Math.floor((thickness - 1) / 2);
    const hi = lo + thickness;
    // A guard against absurd coordinates (a border far off-image) looping for ever.
    for (let steps = 0; steps < 1e6; steps++) {
      for (let oy = lo; oy < hi; oy++) {
        for (let ox = lo; ox < hi; ox++) this.setPixel(x + ox, y + oy, color, false);
      }
      if (x === xe && y === ye) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  /** Draws `text` with its top-left corner at (x, y); `scale` enlarges each font pixel. */
  text(x: number, y: number, text: string, color: Rgba, scale = 1): void {
    let cx = x;
    for (const ch of text) {
      const bits = glyph(ch);
      for (let gy = 0; gy < glyphHeight; gy++) {
        for (let gx = 0; gx < glyphWidth; gx++) {
          if (bits[gy * glyphWidth + gx])
            this.fillRect(cx + gx * scale, y + gy * scale, scale, scale, color);
        }
      }
      cx += advance * scale;
    }
  }

  /** Copies `src` onto this image with its top-left at (x, y), compositing by alpha. */
  draw(src: RgbaImage, x: number, y: number): void {
    for (let sy = 0; sy < src.height; sy++) {
      for (let sx = 0; sx < src.width; sx++) {
        const i = (sy * src.width + sx) * 4;
        const a = src.data[i + 3]!;
        if (a === 0) continue;
        this.setPixel(x + sx, y + sy, [src.data[i]!, src.data[i + 1]!, src.data[i + 2]!, a]);
      }
    }
  }
}
