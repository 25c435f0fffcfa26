# docker-py (Debian's python3-docker) against skiffd: what a Python user does first. Run by
# docker-py.test.ts with DOCKER_HOST pointing at a test skiffd and REGISTRY at a local registry
# holding REGISTRY/py/bb:1. Prints one line per check and exits non-zero on the first failure.
import os
import sys

import docker


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + (": " + str(detail) if detail else ""))
    if not condition:
        sys.exit(1)


client = docker.from_env(version="auto")
check("ping", client.ping() is True)
check("version names the engine", client.version()["ApiVersion"] == "1.44", client.version()["ApiVersion"])

out = client.containers.run("busybox", ["echo", "hello from docker-py"], remove=True)
check("containers.run returns the output", out == b"hello from docker-py\n", out)

c = client.containers.run("busybox", ["sh", "-c", "echo started; sleep 1000"], detach=True, name="pyc")
check("containers.run detach", c.id and len(c.id) == 64, c.id)
check("containers.list sees it", [x.name for x in client.containers.list()] == ["pyc"], client.containers.list())
c.reload()
check("container status running", c.status == "running", c.status)
code, output = c.exec_run(["sh", "-c", "echo in exec; exit 4"])
check("exec_run exit code and output", code == 4 and output == b"in exec\n", (code, output))
logs = b""
for _ in range(50):
    logs = c.logs()
    if logs:
        break
check("logs", logs == b"started\n", logs)
c.stop(timeout=1)
c.reload()
check("stop", c.status == "exited", c.status)
c.remove()
check("remove", [x.name for x in client.containers.list(all=True)] == [])

tags = [t for i in client.images.list() for t in i.tags]
check("images.list", "busybox:latest" in tags, tags)
pulled = client.images.pull(os.environ["REGISTRY"] + "/py/bb", tag="1")
check("images.pull", os.environ["REGISTRY"] + "/py/bb:1" in pulled.tags, pulled.tags)

check("volumes.list", client.volumes.list() == [])
check("networks.list", sorted(n.name for n in client.networks.list()) == ["bridge", "host", "none"])
print("docker-py: all checks passed")
