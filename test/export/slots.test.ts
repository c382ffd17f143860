import { describe, expect, it } from 'vitest';
import { Slots, SlotsBusy } from '../../server/export/slots.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('export slots: a few at once, the rest wait their turn', () => {
  it('grants up to the size at once, then queues and hands slots over in arrival order', async () => {
    const slots = new Slots({ size: 2, maxQueued: 10, maxWaitMs: 5_000 });
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((r) => (order.push('c'), r));
    const d = slots.acquire().then((r) => (order.push('d'), r));
    await tick();
    expect(order).toEqual([]);
    expect(slots.queued).toBe(2);
    a();
    a(); // a second release of the same slot frees nothing more
    await tick();
    expect(order).toEqual(['c']);
    expect(slots.running).toBe(2);
    b();
    await tick();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect(slots.running).toBe(0);
  });

  it('refuses at once when the queue is full', async () => {
    const slots = new Slots({ size: 1, maxQueued: 1, maxWaitMs: 5_000 });
    const release = await slots.acquire();
    const waiting = slots.acquire();
    await expect(slots.acquire()).rejects.toBeInstanceOf(SlotsBusy);
    release();
    (await waiting)();
  });

  it('refuses a waiter whose wait runs out, and it leaves the queue', async () => {
    const slots = new Slots({ size: 1, maxQueued: 5, maxWaitMs: 50 });
    const release = await slots.acquire();
    const err = await slots.acquire().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlotsBusy);
    expect((err as SlotsBusy).running).toBe(1);
    expect(slots.queued).toBe(0);
    release();
    expect(slots.running).toBe(0);
  });

  it('drops a waiter whose client went away, so the slot goes to the next one', async () => {
    const slots = new Slots({ size: 1, maxQueued: 5, maxWaitMs: 5_000 });
    const release = await slots.acquire();
    const gone = new AbortController();
    const first = slots.acquire(gone.signal).catch((e: unknown) => e);
    const second = slots.acquire();
    gone.abort(new Error('client left'));
    expect(((await first) as Error).message).toBe('client left');
    expect(slots.queued).toBe(1);
    release();
    (await second)();
    expect(slots.running).toBe(0);
  });
});
