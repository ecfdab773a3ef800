import { performance } from 'node:perf_hooks';
import { zh } from '../messages/zh.js';
import type { Lease } from '../store/lease.js';

/**
 * Which instance holds the WeCom long connection. WeCom keeps one connection per bot (a new one
 * kicks the older with `disconnected_event`), so with several instances on one PostgreSQL
 * database exactly one may connect: the holder of a lease row (store/lease.ts). The others serve
 * the 自建应用 callback and the web, and poll the lease to take over when the leader dies.
 *
 * A lease row rather than a PostgreSQL advisory lock: a lock lives as long as its connection, so a
 * leader that freezes (a stopped process, a paused VM) or is cut off from the database by a network
 * fault keeps it until TCP gives up, minutes later, and nobody takes over; a lease expires after
 * its TTL whatever happens to its holder. It also works through a transaction-pooling proxy
 * (PgBouncer), needs no dedicated connection, and shows who leads in a table.
 *
 * The timing (defaults): the lease lasts TTL 8 s, the leader renews it every 2 s, a standby tries
 * every 2 s. A leader killed outright is replaced within TTL + poll + the time to connect, about
 * 11 s (< 15 s). A leader that cannot renew steps down `safeMs` (5 s) after it SENT its last
 * successful renewal, by its own monotonic clock; the database set that lease's expiry at least
 * TTL (8 s) after that moment, so the old leader has closed its connection ~3 s before anyone else
 * can take the lease. Two instances never hold the connection at once, unless a process is frozen
 * for longer than that margin; then WeCom itself kicks the older connection, and the leader steps
 * down at its next timer, which runs before any pending socket input is read.
 *
 * SQLite means one instance: it leads at once, no lease.
 *
 * After `disconnected_event` (another connection took over: perhaps an instance on another
 * database, or a developer's machine with the production secret) the instance steps down, gives the
 * lease up and does not try again for `holdOffMs` (60 s), with one warning each time, so that two
 * contenders do not kick each other in a tight loop.
 */
export type Role = 'leader' | 'standby';

export interface LeaderTiming {
  /** How long a taken or renewed lease lasts (database clock). */
  ttlMs: number;
  /** How often the leader renews. */
  renewMs: number;
  /** How often a standby tries to take the lease. */
  pollMs: number;
  /** A leader whose last successful renewal was sent this long ago steps down (< ttlMs). */
  safeMs: number;
  /** One database call's limit; one that takes longer counts as failed. */
  callMs: number;
  /** After disconnected_event: no try to lead for this long. */
  holdOffMs: number;
}

export const DEFAULT_TIMING: LeaderTiming = { ttlMs: 8000, renewMs: 2000, pollMs: 2000, safeMs: 5000, callMs: 1500, holdOffMs: 60_000 };

export interface LeaderOptions {
  /** The lease to hold (PostgreSQL); undefined: a single instance, which leads at once. */
  lease: Lease | undefined;
  /** Start the duty (the channel's start()). */
  lead: () => void;
  /** Stop it (the channel's stop()). */
  stepDown: () => void;
  timing?: Partial<LeaderTiming>;
  log?: (level: 'info' | 'warn' | 'error', msg: string) => void;
  /** A monotonic clock in ms (tests). */
  now?: () => number;
}

const TIMED_OUT = Symbol('timed out');

export class Leader {
  private currentRole: Role = 'standby';
  private readonly t: LeaderTiming;
  private readonly now: () => number;
  private readonly log: NonNullable<LeaderOptions['log']>;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** Monotonic time until which the lease is surely ours (last renewal sent + safeMs). */
  private validUntil = 0;
  private holdOffUntil = 0;
  /** Bumped by every step down and by stop(): a database call begun before is ignored. */
  private epoch = 0;
  private stopped = true;
  /** The last try failed with this error (logged once until a try succeeds). */
  private failing: string | undefined;
  /** The try running now (stop() waits for it: at most callMs). */
  private inFlight: Promise<void> | undefined;
  /** The standby role has been logged once. */
  private announced = false;

  constructor(private readonly opts: LeaderOptions) {
    this.t = { ...DEFAULT_TIMING, ...opts.timing };
    if (this.t.safeMs + this.t.callMs > this.t.ttlMs) throw new RangeError('leader timing: safeMs + callMs must stay below ttlMs');
    this.now = opts.now ?? (() => performance.now());
    this.log = opts.log ?? (() => undefined);
  }

  get role(): Role {
    return this.currentRole;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.opts.lease) {
      this.become('leader');
      return;
    }
    this.schedule(0);
  }

  /**
   * WeCom gave this bot's connection to another one (disconnected_event): step down, give up the
   * lease and hold off before trying again.
   */
  replaced(): void {
    if (this.stopped) return;
    this.holdOffUntil = this.now() + this.t.holdOffMs;
    this.log('warn', zh.leader.replaced(Math.round(this.t.holdOffMs / 1000)));
    this.toStandby();
    void this.release();
    this.schedule(this.t.holdOffMs);
  }

  /** Shut down: stop the duty and give up the lease so that another instance takes over at once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.toStandby();
    // a renewal still on its way would take the lease again after the release
    await this.inFlight;
    await this.release();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const run = this.tick().catch((e: unknown) => this.log('error', `leader: ${e instanceof Error ? e.message : String(e)}`));
      this.inFlight = run;
      void run.finally(() => this.inFlight === run && (this.inFlight = undefined));
    }, ms);
  }

  /** One try: take or renew the lease, then lead, stay, or step down. */
  private async tick(): Promise<void> {
    const lease = this.opts.lease;
    if (this.stopped) return;
    const wait = this.holdOffUntil - this.now();
    if (wait > 0) return this.schedule(wait);
    if (!lease) {
      // a single instance: back to leading after a hold-off
      if (this.currentRole === 'standby') this.become('leader');
      return;
    }
    const epoch = this.epoch;
    const sentAt = this.now();
    let held: boolean | undefined;
    try {
      const r = await this.within(lease.acquire());
      if (r === TIMED_OUT) throw new Error(`no answer within ${this.t.callMs} ms`);
      held = r;
      if (this.failing !== undefined) this.log('info', zh.leader.leaseBack);
      this.failing = undefined;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (this.failing === undefined) this.log('warn', zh.leader.leaseFailed(why));
      this.failing = why;
    }
    if (this.stopped) return;
    // A step down while the call ran: its answer is stale, ask again.
    if (epoch !== this.epoch) return this.schedule(this.t.pollMs);
    if (held === true) {
      this.validUntil = sentAt + this.t.safeMs;
      this.armWatchdog();
      if (this.currentRole === 'standby') this.become('leader');
    } else if (held === false && this.currentRole === 'leader') {
      // Our lease expired and another instance took it (after a long pause): go at once.
      this.log('warn', zh.leader.lost);
      this.toStandby();
    } else if (held === false && !this.announced) {
      this.log('info', zh.leader.standby);
    }
    if (held === false) this.announced = true;
    // A failed renewal keeps the leader leading until the watchdog says the lease may be gone.
    this.schedule(this.currentRole === 'leader' ? this.t.renewMs : this.t.pollMs);
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.currentRole !== 'leader' || this.now() < this.validUntil) return;
      this.log('warn', zh.leader.expiring(Math.round(this.t.safeMs / 1000)));
      this.toStandby();
    }, Math.max(0, this.validUntil - this.now()));
  }

  private become(role: 'leader'): void {
    this.currentRole = role;
    this.announced = false;
    this.log('info', zh.leader.leading);
    this.opts.lead();
  }

  private toStandby(): void {
    this.epoch++;
    clearTimeout(this.watchdog);
    if (this.currentRole !== 'leader') return;
    this.currentRole = 'standby';
    this.opts.stepDown();
  }

  private async release(): Promise<void> {
    try {
      await this.within(this.opts.lease?.release() ?? Promise.resolve());
    } catch {
      // it expires by itself within the TTL
    }
  }

  private within<T>(p: Promise<T>): Promise<T | typeof TIMED_OUT> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), this.t.callMs)));
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
