/**
 * @module progress
 * A progress bar with an ETA on stderr for anything that takes more than a second. Short jobs never
 * flash a bar; when stderr is not a terminal (CI logs, pipes) a line is printed every 10 %.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the number of finished units. */
  update(done: number): void;
  /** Finishes the bar (prints nothing if it never appeared). */
  stop(): void;
}

const showAfterMs = 1000;

export function startProgress(label: string, total: number, stream = process.stderr): Progress {
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  let lastDecile = -1;
  let last = 0;
  const isTty = Boolean(stream.isTTY) && !process.env.CI;

  return {
    update(done: number) {
      last = done;
      if (Date.now() - startedAt < showAfterMs) return;
      if (isTty) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              stream,
              format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
              etaBuffer: 50,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        } else {
          bar.update(done);
        }
        return;
      }
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        const elapsed = (Date.now() - startedAt) / 1000;
        const eta = done > 0 ? (elapsed * (total - done)) / done : NaN;
        stream.write(
          `${label}: ${decile * 10}% (${done}/${total}), ETA ${Number.isFinite(eta) ? eta.toFixed(0) : '?'} s\n`,
        );
      }
    },
    stop() {
      if (bar) {
        bar.update(last);
        bar.stop();
      }
    },
  };
}
