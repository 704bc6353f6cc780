/**
 * @module test/fake-camera
 * A camera for Chromium's --use-file-for-fake-video-capture: a YUV4MPEG2 (.y4m) file whose frames
 * show one QR code, black on white, as a phone held over another phone's screen would see it.
 */
import { writeFileSync } from 'node:fs';
import qrcode from 'qrcode-generator';

/** Writes a `width`×`height` Y4M clip of `frames` identical frames showing `text` as a QR code. */
export function writeQrVideo(path: string, text: string, width = 640, height = 480, frames = 5) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  // Four modules of quiet zone each side, as the QR standard asks.
  const module = Math.floor((Math.min(width, height) * 0.9) / (n + 8));
  const size = module * n;
  const x0 = Math.floor((width - size) / 2);
  const y0 = Math.floor((height - size) / 2);
  const luma = new Uint8Array(width * height).fill(255);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (!qr.isDark(r, c)) continue;
      for (let y = 0; y < module; y++) {
        luma.fill(
          0,
          (y0 + r * module + y) * width + x0 + c * module,
          (y0 + r * module + y) * width + x0 + (c + 1) * module,
        );
      }
    }
  }
  // 4:2:0, full range: grey chroma.
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const parts: Uint8Array[] = [header];
  for (let f = 0; f < frames; f++) parts.push(Buffer.from('FRAME\n'), luma, chroma, chroma);
  writeFileSync(path, Buffer.concat(parts));
}
