// Small pieces of JavaScript the module calls: a per-call abort scope and the
// async-iterator shim that lets `for await` run over `clients.iterate()`.

// One call's cancellation: the caller's AbortSignal and the call's deadline feed a
// private controller. It always aborts with a DOMException, so fetch rejects with an
// Error whatever reason the caller gave, and the module can tell timeout from abort.
export class CallScope {
  constructor(signal, timeoutMs) {
    this.controller = new AbortController();
    this.timedOut = false;
    this.userAborted = false;
    if (signal) {
      this.userSignal = signal;
      this.onAbort = () => {
        this.userAborted = true;
        this.controller.abort(new DOMException("The operation was aborted", "AbortError"));
      };
      if (signal.aborted) this.onAbort();
      else signal.addEventListener("abort", this.onAbort, { once: true });
    }
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new DOMException(`The call took longer than ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
    }
  }

  get signal() {
    return this.controller.signal;
  }

  // Ends the scope: a finished call must not keep a Node process alive with its timer.
  close() {
    clearTimeout(this.timer);
    if (this.userSignal) this.userSignal.removeEventListener("abort", this.onAbort);
  }

  sleep(ms) {
    const signal = this.controller.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const done = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", done);
        resolve();
      }, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

// JSON.parse that reads an empty body as `null` and reports a body that is not JSON
// as `undefined` instead of throwing.
export function parseJson(text) {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Wraps an object with `next(): Promise<IteratorResult>` as an AsyncIterable.
export function asyncIterable(source) {
  const iterator = {
    next: () => source.next(),
    return: async (value) => ({ done: true, value }),
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
