// Runs a command on a pseudo-terminal (python3's pty module as a child process) and types into
// it: each step waits until the output so far contains a text, then sends keys. Resolves with
// everything the terminal showed and the command's exit status.
import { spawn } from 'node:child_process';

const DRIVER = `
import json, os, pty, select, sys, time
argv, steps = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
out = b''
def pump(until, deadline):
    global out
    while time.time() < deadline and (until is None or until.encode() not in out):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            out += chunk
    return True
for wait, send in steps:
    pump(wait, time.time() + 10)
    os.write(fd, send.encode())
pump(None, time.time() + 15)
done, status = os.waitpid(pid, os.WNOHANG)
if done == 0:
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
`;

/** `onSpawn` sees the driver's pid (a test process that reaps orphans must leave it alone). */
export function onPty(argv: string[], steps: Array<[string, string]>, env: NodeJS.ProcessEnv, onSpawn?: (pid: number) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', DRIVER, JSON.stringify(argv), JSON.stringify(steps)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    onSpawn?.(child.pid!);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${argv.join(' ')} on a pty: timed out; output so far: ${JSON.stringify(output)}`));
    }, 50_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
