/**
 * The order in which the embedded engine's worker hands standalone statements to PGlite. The
 * engine runs one statement at a time; left to PGlite, statements run in arrival order, so a
 * tile the map waits for queues behind every search, card, OGC page and export page already
 * sent (at 200 clients that queue was a second deep). Here each lane is first-in first-out and
 * a waiting tile goes next, so a tile waits for at most the one statement already running plus
 * the tiles before it. So that a stream of tile misses cannot starve the rest (a card, a search),
 * every TILE_BURST tiles in a row let one waiting other statement through.
 *
 * Only one statement is handed over at a time, and the choice is made only after the messages
 * that arrived while the previous one ran have been read; transactions are not held here (PGlite's own
 * lock orders them against that one statement), so nothing can wait on this gate while holding
 * the engine.
 */
export type Lane = 0 | 1; // 0: map tiles; 1: everything else

const TILE_BURST = 4;

type Job = () => Promise<void>;

export class Lanes {
  readonly #queues: [Job[], Job[]] = [[], []];
  #running = false;
  #burst = 0; // tiles run in a row while other statements waited

  /** Runs `job` when its turn comes; resolves or rejects with it. */
  run<T>(lane: Lane, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queues[lane]!.push(() => job().then(resolve, reject));
      this.#next();
    });
  }

  /** Statements waiting per lane (not counting the one running). */
  get waiting(): number[] {
    return this.#queues.map((q) => q.length);
  }

  #next(): void {
    if (this.#running || !this.#queues.some((q) => q.length)) return;
    this.#running = true;
    // PGlite runs a statement synchronously once it starts, so the messages that came meanwhile
    // are still undelivered in the worker's port: let them in first, then choose.
    setImmediate(() => {
      const [tiles, rest] = this.#queues;
      const tileTurn = tiles.length > 0 && (rest.length === 0 || this.#burst < TILE_BURST);
      this.#burst = tileTurn && rest.length > 0 ? this.#burst + 1 : 0;
      const job = (tileTurn ? tiles : rest).shift()!;
      void job().finally(() => {
        this.#running = false;
        this.#next();
      });
    });
  }
}
