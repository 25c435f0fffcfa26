import * as os from 'node:os';

const forwarded: NodeJS.Signals[] = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGCONT'];

/** While the CLI waits in the foreground, signals meant for it go to the container process, as with runc. */
export function forwardSignals(pid: number, except: NodeJS.Signals[] = []): () => void {
  const handlers = forwarded.filter((name) => !except.includes(name)).map((name) => {
    const handler = () => {
      try {
        process.kill(pid, os.constants.signals[name]);
      } catch {
        // The process is already gone; its exit will end the wait.
      }
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return () => {
    for (const [name, handler] of handlers) process.off(name, handler);
  };
}
