// Preloaded into every Azurite the local host or the tests start (node --require). When the process that started
// the emulator is gone without stopping it (kill -9, a test host torn down), the emulator stops the way it saves its
// data, through its own SIGTERM handler, so no Azurite outlives its owner. process.ppid is fixed at start in Node 20,
// so the owner is probed with signal 0 (ESRCH: gone).
'use strict';
// The owner also held the read ends of our stdout and stderr: once it is gone, Azurite's "closing..." lines would hit a
// broken pipe, and the unhandled EPIPE would end the process before it saves.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => {});
}
const owner = process.ppid;
const timer = setInterval(() => {
  try {
    process.kill(owner, 0);
  } catch (error) {
    if (error.code === 'ESRCH') {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }
}, 500);
timer.unref();
