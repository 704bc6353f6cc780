/**
 * @module messenger/scan
 * Reads an invitation QR code with the camera: through the Shape Detection API's BarcodeDetector
 * where the browser has one (Chrome on Android, among others), else with jsQR on frames drawn to a
 * canvas (Safari on iPhones, Firefox, desktop Chromium). jsQR is its own chunk, fetched only when
 * such a browser scans and left out of the offline shell (vite.config.ts), so nobody pays its
 * bytes on a weak link unless they use it. This module itself loads only when the user asks to
 * scan.
 */

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | undefined {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** Whether this page can use a camera at all (a secure context with getUserMedia). */
export function canScan(): boolean {
  return !!navigator.mediaDevices?.getUserMedia;
}

/** Reads one frame: the browser's detector, or jsQR on the frame's pixels. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | undefined>;

async function frameReader(): Promise<FrameReader> {
  const Detector = detectorClass();
  if (Detector) {
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => {
      const found = await detector.detect(video).catch(() => []);
      return found.find((b) => b.rawValue.length > 0)?.rawValue;
    };
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas to read the camera with');
  return (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (w === 0 || h === 0) return Promise.resolve(undefined);
    // A phone camera's full frame is more than a QR code needs: at most 640 px on the long side.
    const scale = Math.min(1, 640 / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return Promise.resolve(code?.data || undefined);
  };
}

/**
 * Shows the camera in `video` until a QR code is read (resolves with its text) or `signal` aborts
 * (resolves undefined). The camera is released either way.
 */
export async function scanQr(
  video: HTMLVideoElement,
  signal: AbortSignal,
): Promise<string | undefined> {
  const read = await frameReader();
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
  try {
    video.srcObject = stream;
    await video.play();
    while (!signal.aborted) {
      const text = await read(video);
      if (text) return text;
      await new Promise((r) => setTimeout(r, 250));
    }
    return undefined;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
