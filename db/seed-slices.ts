/**
 * How the seed shares a load out between connections: slices of customer ids
 * (slicesOf), and the meeting point where the slices say how many rows they
 * are about to insert so ids run on across slices (SliceShares). Pure logic,
 * tested in tests/unit/seed-slices.test.ts.
 */

interface IdRange {
  from: number;
  to: number;
}

/**
 * One slice of the load: a range of customer ids, the card ids its cards got,
 * and `share`, which waits until every slice has counted the rows it is about
 * to insert and answers how many the slices before it (`before`) and all of
 * them (`total`) have, so ids run on across slices as from one connection.
 */
export interface Slice {
  customers: IdRange;
  cards: IdRange;
  share: (key: string, counts: number[]) => Promise<{ before: number[]; total: number[] }>;
}

export function wholeSlice(customers: number): Slice {
  return {
    customers: { from: 1, to: customers },
    cards: { from: 0, to: 0 },
    share: async (_key, counts) => ({ before: counts.map(() => 0), total: counts }),
  };
}

/** `workers` ranges of customer ids of (nearly) equal size, in order. */
export function slicesOf(customers: number, workers: number): Pick<Slice, "customers" | "cards">[] {
  return Array.from({ length: workers }, (_, i) => ({
    customers: { from: Math.floor((customers * i) / workers) + 1, to: Math.floor((customers * (i + 1)) / workers) },
    cards: { from: 0, to: 0 },
  }));
}

/**
 * The meeting point of the slices' `share` calls. Every slice must call each
 * key once, so the slices run at the same time (one connection each); when
 * one fails, abort() releases the others with its error so their transactions
 * roll back instead of waiting for it.
 */
export class SliceShares {
  private readonly rounds = new Map<
    string,
    {
      counts: number[][];
      arrived: number;
      done: Promise<number[][]>;
      resolve: (all: number[][]) => void;
      reject: (error: unknown) => void;
    }
  >();
  private failure: unknown;

  constructor(private readonly parties: number) {}

  async share(key: string, index: number, counts: number[]): Promise<{ before: number[]; total: number[] }> {
    if (this.failure !== undefined) throw this.failure;
    let round = this.rounds.get(key);
    if (!round) {
      let resolve!: (all: number[][]) => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<number[][]>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => {}); // each waiting slice handles the rejection of its own await
      round = { counts: [], arrived: 0, done, resolve, reject };
      this.rounds.set(key, round);
    }
    round.counts[index] = counts;
    round.arrived += 1;
    if (round.arrived === this.parties) round.resolve(round.counts);
    const all = await round.done;
    const sum = (slices: number[][]) => counts.map((_, k) => slices.reduce((total, c) => total + c[k]!, 0));
    return { before: sum(all.slice(0, index)), total: sum(all) };
  }

  abort(error: unknown): void {
    this.failure ??= error;
    for (const round of this.rounds.values()) round.reject(error);
  }
}
