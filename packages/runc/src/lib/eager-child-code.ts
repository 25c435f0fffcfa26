// The code a container's init and an exec'd process run before their execve runs only in forked
// children: the runtime process itself never calls it. With V8's lazy compilation each child would
// parse and compile it again, on a copy-on-write heap, on the critical path of every create and
// exec (~10 ms of a create in a warm shim). Loaded here first, with lazy compilation off, it is
// compiled once in the runtime process and every fork inherits the bytecode. The flag is on only
// while these modules load. In a long-lived process V8 may drop bytecode that has not run for
// several full collections; a child then compiles that code again, as it did before this.
import * as v8 from 'node:v8';

v8.setFlagsFromString('--no-lazy');
try {
  require('../child/container-init');
  require('../child/exec-process');
  // The syscall wrappers: a child calls many (pivot_root, sethostname, capset...) the parent never does.
  require('../sys/koffi');
} finally {
  v8.setFlagsFromString('--lazy');
}
