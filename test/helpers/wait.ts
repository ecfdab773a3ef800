/**
 * Waits for `ok` to hold, checking every 20 ms; fails after `ms` naming `what`. The limit is only a
 * backstop sized for a loaded 2-core machine: tests wait for the event itself, not a fixed time.
 */
export async function waitUntil(what: string, ok: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
