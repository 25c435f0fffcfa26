// --sig-proxy: while skiff is attached to a container without a TTY, the signals it receives go
// to the container through the kill API, so `kill <skiff pid>` or ctrl-c reach the process.
import { constants } from 'node:os';
import type { CliContext } from '../context';

/**
 * docker forwards every signal but SIGCHLD, SIGPIPE and SIGURG (Go's scheduler uses SIGURG).
 * Node cannot catch SIGKILL or SIGSTOP, the fault signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL) are
 * not safe to handle in JavaScript, V8's sampling profiler owns SIGPROF, and aliases (SIGIOT,
 * SIGPOLL) would forward twice.
 */
const NOT_PROXIED = new Set(['SIGCHLD', 'SIGPIPE', 'SIGURG', 'SIGKILL', 'SIGSTOP', 'SIGSEGV', 'SIGBUS', 'SIGFPE', 'SIGILL', 'SIGPROF']);

export const PROXIED_SIGNALS: readonly NodeJS.Signals[] = (() => {
  const seen = new Set<number>();
  const names: NodeJS.Signals[] = [];
  for (const [name, number] of Object.entries(constants.signals)) {
    if (NOT_PROXIED.has(name) || seen.has(number)) continue;
    seen.add(number);
    names.push(name as NodeJS.Signals);
  }
  return names;
})();

/**
 * Forwards the signals to `container` until the returned function is called. The name goes
 * without its "SIG", as docker sends it; a refused kill (the container already gone) is
 * dropped, as docker only logs it. `forwarded` learns of each signal once its kill is answered.
 */
export function proxySignals(ctx: CliContext, container: string, forwarded?: (signal: NodeJS.Signals) => void): () => void {
  const forward = (signal: NodeJS.Signals) =>
    void ctx.engine
      .killContainer(container, signal.slice(3))
      .catch(() => undefined)
      .then(() => forwarded?.(signal));
  for (const signal of PROXIED_SIGNALS) process.on(signal, forward);
  return () => {
    for (const signal of PROXIED_SIGNALS) process.off(signal, forward);
  };
}
