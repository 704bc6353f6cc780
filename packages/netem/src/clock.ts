/**
 * @module netem/clock
 * Time for the link emulator, passed in (house style rule 12): the emulator reads the time and
 * sets timers only through a {@link Clock}, so the model can be driven by a test's own clock.
 */

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds on a monotonic clock (any origin). */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds (0 or less: as soon as possible). */
  setTimer(fn: () => void, ms: number): Timer;
}

/**
 * `performance.now()` and `setTimeout`. Timers are unref'd: the listening socket, not a pending
 * delivery, is what keeps a process alive.
 */
export function systemClock(): Clock {
  return {
    now: () => performance.now(),
    setTimer: (fn, ms) => {
      const handle = setTimeout(fn, Math.max(0, ms));
      handle.unref();
      return { cancel: () => clearTimeout(handle) };
    },
  };
}
