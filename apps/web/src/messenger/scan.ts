/**
 * @module messenger/scan
 * Reads an invitation QR code with the camera through the Shape Detection API's BarcodeDetector
 * (Chrome on Android, among others). Where it is missing, the page offers paste only: a QR
 * decoder in JavaScript would cost more bytes on the wire than the feature is worth here.
 * Loaded only when the user asks to scan.
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

export function canScan(): boolean {
  return detectorClass() !== undefined && !!navigator.mediaDevices?.getUserMedia;
}

/**
 * Shows the camera in `video` until a QR code is read (resolves with its text) or `signal` aborts
 * (resolves undefined). The camera is released either way.
 */
export async function scanQr(
  video: HTMLVideoElement,
  signal: AbortSignal,
): Promise<string | undefined> {
  const Detector = detectorClass();
  if (!Detector) return undefined;
  const detector = new Detector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
  try {
    video.srcObject = stream;
    await video.play();
    while (!signal.aborted) {
      const found = await detector.detect(video).catch(() => []);
      const hit = found.find((b) => b.rawValue.length > 0);
      if (hit) return hit.rawValue;
      await new Promise((r) => setTimeout(r, 250));
    }
    return undefined;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
