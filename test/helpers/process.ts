import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader by absolute URL, so a child can run TypeScript from any working directory. */
const TSX = import.meta.resolve('tsx');

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first output line matching `re`; rejects if the process exits first. */
  waitFor: (re: RegExp, timeoutMs?: number) => Promise<string>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Resolves with the exit code once the process ends by itself. */
  exited: Promise<number | null>;
}

export function startServer(opts: { cwd: string; env?: Record<string, string> }): Started {
  const child = spawn(process.execPath, ['--import', TSX, `${ROOT}/src/main.ts`], {
    cwd: opts.cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (b: Buffer) => {
    out += b.toString();
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    output: () => out,
    waitFor: (re, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => re.test(l));
          if (line !== undefined) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(line);
          }
        };
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; output:\n${out}`)), timeoutMs);
        listeners.add(check);
        void exited.then(() => reject(new Error(`process exited before ${re}; output:\n${out}`)));
        check();
      }),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
