/**
 * Work that follows a committed turn but that its replies do not need: bringing the in-memory
 * caches up to the commit (applying the patch to the cached report model, freezing it, keeping
 * the new conversation state). Deferred, it runs once the replies are on their way instead of
 * in front of them.
 *
 * Tasks run in the order they were deferred, at the latest on the next `setImmediate` (after the
 * microtasks that hand the replies to the channel), and earlier whenever `settle` is called: the
 * bot settles before every cache read and every commit, so anything that reads or writes after a
 * turn ends sees the caches exactly as if the work had been done inside the turn.
 */
export class AfterReply {
  private readonly tasks: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly onError: (e: unknown) => void = () => {}) {}

  defer(task: () => void): void {
    this.tasks.push(task);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.settle();
    }).unref();
  }

  /** Run every deferred task now, oldest first. */
  settle(): void {
    while (this.tasks.length) {
      const task = this.tasks.shift()!;
      try {
        task();
      } catch (e) {
        this.onError(e);
      }
    }
  }

  get pending(): number {
    return this.tasks.length;
  }
}
