#!/usr/bin/env python3
"""Run one conformance test as a child subreaper, with a timeout.

PID 1 on the test VMs does not reap orphans, and the validation tests leave
orphans by design: `RUNTIME create` exits and its container init is
reparented to the nearest subreaper. This wrapper is that subreaper. It:

  1. sets PR_SET_CHILD_SUBREAPER and runs the test in its own process group,
     reaping every orphan that exits while the test runs;
  2. on timeout (or SIGINT/SIGTERM/SIGHUP), SIGKILLs the test's process
     group (exit status 124);
  3. when the test has ended, runs the --cleanup command (deletes leftover
     containers through the runtime), then SIGKILLs and reaps every
     process still below it, so nothing outlives the test or becomes a
     zombie of PID 1.

usage: reaper.py [--timeout SEC] [--cleanup 'shell command'] -- cmd args...
Exit status: the test's (128+signal if killed by one), 124 on timeout.
Writes "reaper: ..." lines to stderr for anything it had to kill.
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def set_subreaper():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "prctl(PR_SET_CHILD_SUBREAPER): " + os.strerror(err))


def descendants(root):
    """PIDs below root, found through /proc/*/stat parent links."""
    parent = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as f:
                data = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        # comm may contain spaces and parentheses: split after the last ')'
        rest = data[data.rindex(")") + 2:].split()
        parent[int(entry)] = int(rest[1])
    out, frontier = [], [root]
    while frontier:
        p = frontier.pop()
        for pid, ppid in parent.items():
            if ppid == p:
                out.append(pid)
                frontier.append(pid)
    return out


def comm(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()[:120]
    except OSError:
        return "?"


def reap_nohang(main_pid):
    """Reap every exited child; return main child's wait status if it was reaped."""
    status = None
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return status
        if pid == 0:
            return status
        if pid == main_pid:
            status = st


def reap_all(deadline):
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            time.sleep(0.02)
    return False


def main(argv):
    timeout = 300.0
    cleanup = None
    i = 1
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--timeout":
            timeout = float(argv[i + 1])
            i += 2
        elif argv[i] == "--cleanup":
            cleanup = argv[i + 1]
            i += 2
        else:
            sys.stderr.write("reaper: unknown option %s\n" % argv[i])
            return 2
    cmd = argv[i + 1:]
    if not cmd:
        sys.stderr.write(__doc__)
        return 2

    set_subreaper()
    me = os.getpid()
    interrupted = []
    # Interrupted (Ctrl-C, kill): stop the test and clean up as on a timeout.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: interrupted.append(signum))
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + timeout
    status = None
    timed_out = False
    while status is None:
        status = reap_nohang(proc.pid)
        if status is not None:
            break
        if time.monotonic() > deadline or interrupted:
            timed_out = True
            why = "interrupted" if interrupted else "timeout after %gs" % timeout
            sys.stderr.write("reaper: %s, killing %s\n" % (why, " ".join(cmd)))
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                _, status = os.waitpid(proc.pid, 0)
            except ChildProcessError:
                status = 0
            break
        time.sleep(0.05)

    if cleanup:
        # Its own children are ours too; subprocess.run waits for the shell.
        subprocess.run(["/bin/sh", "-c", cleanup], stdin=subprocess.DEVNULL)
        reap_nohang(-1)

    for attempt in range(3):
        left = descendants(me)
        if not left:
            break
        for pid in left:
            if attempt == 0:
                sys.stderr.write("reaper: killing leftover pid %d: %s\n" % (pid, comm(pid)))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        reap_all(time.monotonic() + 5)
    reap_all(time.monotonic() + 1)

    if timed_out:
        return 124
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
