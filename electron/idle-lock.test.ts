import { describe, expect, it } from 'vitest';
import { createIdleLock } from './idle-lock.ts';
import type { IdleLockEvent, IdleScheduler } from './idle-lock.ts';

/** A fake system: an injected clock of seconds since last input and a manual interval scheduler. */
function setup(idleMinutes = 5) {
  let idleSeconds = 0;
  const intervals = new Map<number, { callback: () => void; milliseconds: number }>();
  let nextId = 1;
  const scheduler: IdleScheduler = {
    setInterval: (callback, milliseconds) => {
      const id = nextId++;
      intervals.set(id, { callback, milliseconds });
      return id;
    },
    clearInterval: (handle) => intervals.delete(handle as number),
  };
  const locks: IdleLockEvent[] = [];
  const lock = createIdleLock({
    getSystemIdleSeconds: () => idleSeconds,
    scheduler,
    idleMinutes,
    onLock: (event) => locks.push(event),
  });
  /** Advances time by `seconds` of no input (or with input at the start when `input` is true). */
  const advance = (seconds: number, input = false): void => {
    if (input) idleSeconds = 0;
    for (let elapsed = 0; elapsed < seconds; elapsed += 15) {
      idleSeconds += 15;
      for (const { callback } of intervals.values()) callback();
    }
  };
  return { lock, locks, intervals, advance };
}

describe('idle lock', () => {
  it('polls every 15 seconds once started', () => {
    const { lock, intervals } = setup();
    lock.start();
    lock.start();
    expect([...intervals.values()].map((i) => i.milliseconds)).toEqual([15_000]);
    lock.stop();
    expect(intervals.size).toBe(0);
  });

  it('locks once when the idle limit is reached, not before', () => {
    const { lock, locks, advance } = setup(5);
    lock.start();
    advance(285);
    expect(locks).toEqual([]);
    advance(15);
    expect(locks).toEqual([{ reason: 'idle', idleSeconds: 300 }]);
    advance(600);
    expect(locks).toHaveLength(1);
  });

  it('re-arms after input and locks again after the next idle period', () => {
    const { lock, locks, advance } = setup(1);
    lock.start();
    advance(60);
    advance(30, true);
    expect(locks).toHaveLength(1);
    advance(30);
    expect(locks.map((l) => l.reason)).toEqual(['idle', 'idle']);
  });

  it('locks at once on screen lock and suspend', () => {
    const { lock, locks } = setup();
    lock.lockNow('screen-locked');
    lock.lockNow('suspend');
    expect(locks).toEqual([
      { reason: 'screen-locked', idleSeconds: 0 },
      { reason: 'suspend', idleSeconds: 0 },
    ]);
  });

  it('applies a new policy limit and rejects nonsense limits', () => {
    const { lock, locks, advance } = setup(10);
    lock.start();
    advance(120);
    lock.setIdleMinutes(2);
    lock.poll();
    expect(locks).toHaveLength(1);
    expect(() => lock.setIdleMinutes(0)).toThrow('idle lock: idleMinutes must be a positive number, got 0');
    expect(() => setup(Number.NaN)).toThrow(RangeError);
  });
});
