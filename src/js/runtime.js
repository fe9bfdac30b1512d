// Small pieces of JavaScript the module calls: a per-call abort scope and the
// async iterator behind every `iterate()`.

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

// A one-time secret: `expose()` gives the value; `toString()`, template literals,
// `JSON.stringify` and Node's, Deno's and Bun's inspection show "[redacted]", so a log line,
// an error reporter or a CI log cannot print it by accident.
export class Secret {
  #value;
  constructor(value) {
    this.#value = value;
    Object.freeze(this);
  }
  expose() {
    return this.#value;
  }
  toString() {
    return "[redacted]";
  }
  toJSON() {
    return "[redacted]";
  }
  // Node, Bun and Deno all honour Node's inspection symbol.
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return "Secret([redacted])";
  }
}

// The result of a create or a rotation with its `secret`, and the registration token of a
// registration (RFC 7592), as Secrets.
export function withSecret(result) {
  if (result !== null && typeof result === "object") {
    if (typeof result.secret === "string") result.secret = new Secret(result.secret);
    if (result.registration) result.registration = registration(result.registration);
  }
  return result;
}

// A registration as callers and stores receive it: its token a Secret.
function registration({ clientId, registrationClientUri, registrationAccessToken }) {
  return { clientId, registrationClientUri, registrationAccessToken: new Secret(registrationAccessToken) };
}

// Puts a registration the store failed to save on the error, as a property that is neither
// enumerable (so not in JSON.stringify or a structured log of the error) nor in its message.
export function attachRegistration(error, text) {
  Object.defineProperty(error, "registration", { value: registration(JSON.parse(text)), enumerable: false });
  return error;
}

// A caller's registration store: `get`, `set`, `delete` and optional `keys`, each returning
// a value or a promise. Values cross into the module as JSON text; a token handed back may be
// a string or a Secret.
export async function storeGet(store, clientId) {
  const found = await store.get(clientId);
  if (found === undefined || found === null) return null;
  const token = found.registrationAccessToken;
  return JSON.stringify({
    clientId: found.clientId ?? clientId,
    registrationClientUri: found.registrationClientUri,
    registrationAccessToken: typeof token?.expose === "function" ? token.expose() : token,
  });
}

export async function storeSet(store, text) {
  const value = registration(JSON.parse(text));
  await store.set(value.clientId, value);
}

export async function storeDelete(store, clientId) {
  await store.delete(clientId);
}

// Every client id the store keeps as JSON text, or null for a store without `keys`.
export async function storeKeys(store) {
  if (typeof store.keys !== "function") return null;
  return JSON.stringify(Array.from(await store.keys(), String));
}

// One attempt: `headers` is JSON text of [name, value] pairs. Resolves to
// [status, "name\nvalue\n..." header lines, body text, outcome], where outcome 1 is a
// redirect (never followed: credentials stay with the configured origin) and 2 a body over
// `maxBytes` (not read past it); rejects when no response came.
// The response headers the module reads (retry hints, a redirect's target, why a bearer
// token was refused); iterating every header costs more than asking for these.
const HEADERS = ["retry-after", "retry-after-ms", "x-should-retry", "location", "www-authenticate"];

export async function send(method, url, headers, body, signal, maxBytes) {
  const res = await fetch(url, { method, headers: JSON.parse(headers), body, signal, redirect: "manual" });
  let lines = "";
  for (const name of HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) lines += `${name}\n${value}\n`;
  }
  if (res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400)) {
    await res.body?.cancel();
    return [res.status, lines, "", 1];
  }
  const declared = res.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await res.body?.cancel();
    return [res.status, lines, "", 2];
  }
  // A declared length is enforced by fetch itself; without one, read with a running count.
  if (declared !== null || !res.body) return [res.status, lines, await res.text(), 0];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return [res.status, lines, "", 2];
    }
    text += decoder.decode(value, { stream: true });
  }
  return [res.status, lines, text + decoder.decode(), 0];
}

// `for await` over a resource's pages: each page is one `list` call, and its items are
// handed out from the page's array here, so iterating costs one call into the module per
// page, not per item. Calls to `next()` are chained, so concurrent ones never skip a page.
export function iterate(resource, parents, params, options) {
  let items = [];
  let index = 0;
  let cursor = params?.cursor;
  let finished = false;
  let chain = Promise.resolve();
  const step = async () => {
    while (index >= items.length) {
      if (finished) return { done: true, value: undefined };
      const page = await resource.list(...parents, { ...params, cursor }, options);
      items = page.items;
      index = 0;
      if (page.next === undefined || page.next === null) finished = true;
      else cursor = page.next;
    }
    const value = items[index];
    items[index++] = undefined; // a finished item is not kept alive by the iterator
    return { done: false, value };
  };
  const iterator = {
    next() {
      const result = chain.then(step);
      chain = result.catch(() => {});
      return result;
    },
    async return(value) {
      finished = true;
      items = [];
      return { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
