'use strict';
// Guards the kernel-boundary rules (madvise(DOFORK) before every fork, --single-threaded): hundreds
// of forks of a node process under allocation pressure, each child allocating enough to run the GC
// and then exec'ing. Any crash (signal) or hang (10 s watchdog) fails the run.
// Runs against the built package: node --single-threaded packages/runc/test/stress/fork-stress.js
const path = require('node:path');
const { realSyscalls } = require(path.join(__dirname, '../../dist/sys/koffi.js'));
const { WNOHANG } = require(path.join(__dirname, '../../dist/sys/constants.js'));

if (!process.execArgv.includes('--single-threaded')) {
  console.log('fork-stress: must run under node --single-threaded');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const FORKS = Number(process.env.SKIFF_FORK_STRESS_COUNT ?? 300);
const WATCHDOG_MS = 10_000;
const sys = realSyscalls();
let garbage = [];
let hangs = 0;
let crashes = 0;
let badExits = 0;

function churn(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push({ i, s: `item-${i}`, a: new Array(8).fill(i) });
  return out;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

for (let i = 0; i < FORKS; i++) {
  garbage.push(churn(2000));
  if (garbage.length > 20) garbage = garbage.slice(10);
  const pid = sys.fork();
  if (pid === 0) {
    try {
      let kept = 0;
      // Enough allocation to force a few scavenges in the child, where a GC deadlock would show.
      for (let round = 0; round < 3; round++) kept += churn(10000).length;
      if (kept !== 30000) sys.exit(3);
      if (i % 2 === 0) sys.execve('/bin/true', ['true'], []);
      sys.exit(0);
    } catch {
      sys.exit(4);
    }
  }
  const deadline = Date.now() + WATCHDOG_MS;
  for (;;) {
    const waited = sys.waitpid(pid, WNOHANG);
    if (waited.pid === pid) {
      const signal = waited.status & 0x7f;
      if (signal !== 0) {
        crashes++;
        console.log(`fork ${i}: child killed by signal ${signal}`);
      } else if (waited.status >> 8 !== 0) {
        badExits++;
        console.log(`fork ${i}: child exited ${waited.status >> 8}`);
      }
      break;
    }
    if (Date.now() > deadline) {
      hangs++;
      console.log(`fork ${i}: child hung for ${WATCHDOG_MS} ms; killing it`);
      sys.kill(pid, 9);
      sys.waitpid(pid, 0);
      break;
    }
    sleep(1);
  }
}

const ok = hangs === 0 && crashes === 0 && badExits === 0;
console.log(`fork-stress: ${FORKS} forks, ${hangs} hangs, ${crashes} crashes, ${badExits} bad exits`);
console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
