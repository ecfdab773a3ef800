import { Limiter } from './limiter.js';

/**
 * The line of report builds (生成报告, 确认生成). A person joins it the moment the bot answers
 * 「正在生成报告」, so that answer can say how many builds are ahead and about how long it will take;
 * the build itself starts when one of `slots` places is free (a DOCX build holds ~100 MB while it
 * runs: two hundred staff pressing 生成报告 together must not exhaust the server's memory).
 *
 * The estimate is the time between two finished builds while the line was busy (or one build's
 * own time when it ran alone), averaged over the recent builds, times the builds ahead plus one.
 * Before any build has finished it assumes `firstGuessMs`.
 */
export interface BuildTicket {
  /** Builds that joined before this one and have not finished. */
  readonly ahead: number;
  /** About how long until this build is done, in ms. */
  readonly estimateMs: number;
  /** Run the build when a place is free; leaves the line when it ends. Once per ticket. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Leave the line without building (the file was there already, or the build failed early). */
  leave(): void;
}

/** Weight of the newest build in the moving average of the time per build. */
const NEWEST_WEIGHT = 0.3;

export class BuildQueue {
  /** Joined and not finished (waiting, running, or about to run). */
  private inLine = 0;
  /** The build slots: at most `slots` builds at once, the rest wait in the order they asked to run. */
  private readonly builds: Limiter;
  private perBuildMs: number;
  private lastDone: number | undefined;
  private readonly now: () => number;

  constructor(
    slots: number,
    opts: { firstGuessMs?: number; now?: () => number } = {},
  ) {
    this.builds = new Limiter(slots);
    this.perBuildMs = opts.firstGuessMs ?? 1000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Builds in the line now (waiting or running). */
  get length(): number {
    return this.inLine;
  }

  join(): BuildTicket {
    const ahead = this.inLine++;
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      this.inLine--;
    };
    return {
      ahead,
      estimateMs: Math.round((ahead + 1) * this.perBuildMs),
      leave,
      run: async <T>(job: () => Promise<T>): Promise<T> => {
        if (left) throw new Error('this build has left the line');
        try {
          return await this.builds.run(async () => {
            const started = this.now();
            try {
              return await job();
            } finally {
              this.done(started);
            }
          });
        } finally {
          leave();
        }
      },
    };
  }

  /** A build that started at `started` ended now: update the time per build. */
  private done(started: number): void {
    const end = this.now();
    // while builds overlap, what a person waits for is the time from one finished build to the next
    const took = end - Math.max(started, this.lastDone ?? started);
    this.lastDone = end;
    this.perBuildMs = NEWEST_WEIGHT * took + (1 - NEWEST_WEIGHT) * this.perBuildMs;
  }
}
