// Node 20 lacks Promise.withResolvers, which the Restate SDK 1.17 calls on every invocation: without it each one
// fails with a TypeError and is retried forever. Preloaded with `node --import ./polyfill.mjs service.mjs`.
if (!Promise.withResolvers) {
  Promise.withResolvers = () => {
    let resolve, reject;
    const promise = new Promise((a, b) => {
      resolve = a;
      reject = b;
    });
    return { promise, resolve, reject };
  };
}
