import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ScoreChart } from './score-chart.js';
import { background } from '../export/background-thread.js';

/** PNGs kept by their chart (the same score asked twice is drawn once). */
const PNG_KEEP = 32;
/** Charts kept for the web chat's picture links, and for how long. */
const LINK_KEEP = 2_000;
const LINK_MS = 60 * 60 * 1000;

/**
 * The score pictures of this process: drawn one at a time (in the background thread, export/background-thread.ts)
 * and kept a while. The web chat links to a picture by id; only the person it was drawn for gets it.
 */
export class Pictures {
  private readonly pngs = new LRUCache<string, Promise<Buffer>>({ max: PNG_KEEP });
  private readonly links = new LRUCache<string, { user: string; chart: ScoreChart }>({ max: LINK_KEEP, ttl: LINK_MS });
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly render: (chart: ScoreChart) => Promise<Buffer>) {}

  /** The chart as PNG; rejects with the renderer's error (PictureError), which is not kept. */
  png(chart: ScoreChart): Promise<Buffer> {
    const key = JSON.stringify(chart);
    const kept = this.pngs.get(key);
    if (kept) return kept;
    const drawn = this.tail.then(() => this.render(chart));
    this.tail = drawn.catch(() => undefined);
    this.pngs.set(key, drawn);
    drawn.catch(() => this.pngs.delete(key));
    return drawn;
  }

  /** An id for the chart, for a link that `linked` answers for this user only. */
  link(user: string, chart: ScoreChart): string {
    const id = randomUUID();
    this.links.set(id, { user, chart });
    return id;
  }

  linked(id: string, user: string): ScoreChart | undefined {
    const l = this.links.get(id);
    return l && l.user === user ? l.chart : undefined;
  }
}

/** The process's pictures (channels share them), drawn in the background thread. */
export const pictures = new Pictures(background.picture);
