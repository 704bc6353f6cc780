/** Settings are checked before a server starts: each bad one is named with its value. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig } from '../src/config.ts';

describe('resolveConfig', () => {
  it('keeps queues a year by default, and never less than their messages live', () => {
    expect(DEFAULT_CONFIG.idleQueueDays).toBe(365);
    expect(resolveConfig({ idleQueueDays: 0 }).idleQueueDays).toBe(0);
    expect(() => resolveConfig({ idleQueueDays: 10, lifetimeDays: 30 })).toThrow(
      /idleQueueDays = 10 is shorter than lifetimeDays = 30/,
    );
    expect(() => resolveConfig({ idleQueueDays: -1 })).toThrow(/idleQueueDays = -1/);
    expect(() => resolveConfig({ idleQueueDays: Number.NaN })).toThrow(/idleQueueDays = NaN/);
  });
});
