// PostGraphile v5 declares Node >= 22 and uses Promise.withResolvers (Node 22+). On Node 20 every
// database field fails without it, so this polyfill is preloaded (node --require) into its process.
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
