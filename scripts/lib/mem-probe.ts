// Preloaded into the api by bench-export (`-r`, after @swc-node/register): sends process.memoryUsage() to the
// parent over IPC, so the bench can split the api's RSS into V8 heap, external memory and array buffers. With
// --expose-gc (bench-export --live-heap) it collects garbage before each sample: what is left is what the process
// really holds.
const collect = globalThis.gc;
const timer = setInterval(
  () => {
    collect?.();
    if (process.connected) process.send?.({ mem: process.memoryUsage() });
  },
  collect ? 250 : 50,
);
timer.unref();
export {};
