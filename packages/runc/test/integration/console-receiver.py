# Test helper: a console socket like a shim's. Receives the pty master over SCM_RIGHTS, types a
# line into it, and prints everything the container writes until the terminal closes.
import os
import socket
import sys

path = sys.argv[1]
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
server.listen(1)
print("listening", flush=True)
conn, _ = server.accept()
_, fds, _, _ = socket.recv_fds(conn, 1024, 1)
master = fds[0]
os.write(master, b"hello\n")
out = b""
while True:
    try:
        data = os.read(master, 1024)
    except OSError:
        break
    if not data:
        break
    out += data
sys.stdout.write(out.decode(errors="replace"))
