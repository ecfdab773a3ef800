import type { FakeWecomWs, Frame } from '../test/helpers/fake-wecom-ws.js';

/**
 * Deadline day's last minute (`npm run bench -- --builds N`): N people whose reports are filled
 * each open the confirmation (生成报告), then all press 确认生成 in the same instant. Measured
 * from that instant: the first answer (it must say the person's place in line) and the file.
 */
export interface BuildsRun {
  /** ms to the first answer, sorted. */
  told: number[];
  /** ms to the file, sorted (those that came). */
  file: number[];
  /** 确认生成 without an answer within 60 s. */
  unanswered: number;
  /** Place in line each answer stated (builds ahead), or undefined when it stated none. */
  places: (number | undefined)[];
  /** Files that did not come within the wait. */
  missing: number;
}

const PLACE = /前面(?:没有别人在排队|还有 (\d+) 份在排队)/;
const streamText = (f: Frame) => String((f.body as { stream?: { content?: string } } | undefined)?.stream?.content ?? '');

/** The place in line an answer states (0: nobody ahead), or undefined. */
export function placeIn(text: string): number | undefined {
  const m = text.match(PLACE);
  return m ? Number(m[1] ?? 0) : undefined;
}

/** What `p` resolves to, or undefined when it takes longer than `ms`. */
const within = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });

export async function pressTogether(
  fake: FakeWecomWs,
  users: string[],
  opts: { file?: (f: Frame) => boolean; waitMs?: number } = {},
): Promise<BuildsRun> {
  // each person opens the confirmation first, as they would before pressing the button
  await Promise.all(users.map((u) => within(fake.waitReply(fake.text(u, '生成报告')), 60_000)));
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const asked = users.map((u) => [u, fake.text(u, '确认生成')] as const); // all in the same tick
  const out = await Promise.all(
    asked.map(async ([user, id]) => {
      const told = within(fake.waitReply(id).then((f) => ({ ms: since(), text: streamText(f) })), 60_000);
      // the file is pushed to the person (aibot_send_msg), not part of the answer's stream
      const file = opts.file ? within(fake.waitSent(user, opts.file).then(since), opts.waitMs ?? 300_000) : Promise.resolve(undefined);
      return { told: await told, file: await file };
    }),
  );
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  return {
    told: sorted(out.flatMap((o) => (o.told ? [o.told.ms] : []))),
    unanswered: out.filter((o) => !o.told).length,
    file: sorted(out.flatMap((o) => (o.file === undefined ? [] : [o.file]))),
    places: out.map((o) => (o.told ? placeIn(o.told.text) : undefined)),
    missing: opts.file ? out.filter((o) => o.file === undefined).length : 0,
  };
}
