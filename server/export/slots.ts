/**
 * A fixed number of slots with a bounded first-come-first-served queue in front. Exports use it:
 * each running export holds a database connection, so only a few run at once, but a burst of
 * requests should wait its turn for a few seconds rather than be refused outright.
 */

export interface SlotLimits {
  /** Holders at once. */
  size: number;
  /** Waiters at most; one more is refused at once. */
  maxQueued: number;
  /** A waiter that has not got a slot after this long is refused. */
  maxWaitMs: number;
}

interface Waiter {
  grant: () => void;
}

/** The refusal: the queue was full, or the wait ran out. */
export class SlotsBusy extends Error {
  override name = 'SlotsBusy';
  constructor(
    readonly running: number,
    readonly queued: number,
  ) {
    super(`${running} running and ${queued} waiting`);
  }
}

export class Slots {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limits: SlotLimits) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Resolves with a release function once a slot is held. Rejects with SlotsBusy when
   * the queue is full or the wait runs out, and with the signal's reason when it aborts first
   * (the client went away while waiting): the waiter then leaves the queue.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limits.size && this.queue.length === 0) return Promise.resolve(this.hold());
    if (this.queue.length >= this.limits.maxQueued)
      return Promise.reject(new SlotsBusy(this.active, this.queue.length));
    return new Promise((resolve, reject) => {
      const leave = (err: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(err);
      };
      const onAbort = () => leave(signal!.reason);
      const timer = setTimeout(
        () => leave(new SlotsBusy(this.active, this.queue.length)),
        this.limits.maxWaitMs,
      );
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.hold());
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private hold(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      // The slot passes straight to the longest waiter, so a newcomer cannot jump the queue.
      const next = this.queue.shift();
      next?.grant();
    };
  }
}
