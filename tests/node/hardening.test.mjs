// What the library does on a bad day, through pkg/: redirects, hostile ids and credentials,
// oversized and secret-echoing responses, odd call options. Each case runs against a small
// local server (or the emulator) and checks what was, and was not, sent.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { inspect } from "node:util";
import { after, before, beforeEach, test } from "node:test";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { ACCOUNT_ID, cloudflare, clerk, rejection, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

/** A server on 127.0.0.1 answering with `handler`; records what it received. */
async function serve(handler) {
  const received = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method, url: req.url, headers: req.headers });
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const keyAdmin = (baseUrl, extra = {}) =>
  new OAuthAdmin({
    provider: "cloudflare",
    accountId: ACCOUNT_ID,
    auth: { email: "admin@example.com", apiKey: "cf-emulator-key" },
    baseUrl,
    ...extra,
  });

test("redirects are never followed: credentials stay with the configured origin", async () => {
  const elsewhere = await serve((_req, res) => res.writeHead(200).end("{}"));
  const redirecting = await serve((req, res) =>
    res.writeHead(req.method === "POST" ? 308 : 302, { location: `http://user:pw@127.0.0.1:${new URL(elsewhere.url).port}/steal?x=1` }).end(),
  );
  try {
    const admin = keyAdmin(`${redirecting.url}/client/v4`, { maxRetries: 0 });
    for (const call of [() => admin.clients.list(), () => admin.clients.rotateSecret("a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4")]) {
      const err = await rejection(call());
      assert.equal(err.name, "ServerError");
      assert.ok([302, 308].includes(err.status));
      assert.ok(err.message.includes(`http://127.0.0.1:${new URL(elsewhere.url).port}`), err.message);
      assert.doesNotMatch(err.message, /pw|steal|x=1/);
    }
    assert.equal(elsewhere.received.length, 0, "nothing reached the redirect target");
    assert.equal(redirecting.received[0].headers["x-auth-key"], "cf-emulator-key");
  } finally {
    await Promise.all([elsewhere.close(), redirecting.close()]);
  }
});

test("`.` and `..` ids are refused before anything is sent", async () => {
  const admin = cloudflare(emulator);
  for (const id of [".", ".."]) {
    for (const call of [() => admin.clients.delete(id), () => admin.clients.rotateSecret(id), () => admin.clients.get(id)]) {
      const err = await rejection(call());
      assert.equal(err.name, "ValidationError");
      assert.equal(err.details[0].field, "id");
    }
  }
  assert.deepEqual(await emulator.requests(), []);
});

test("non-string ids reject the promise instead of throwing", async () => {
  const admin = cloudflare(emulator);
  for (const id of [42, null, { toString: () => ".." }, ["a"]]) {
    let promise;
    assert.doesNotThrow(() => {
      promise = admin.clients.get(id);
    });
    const err = await rejection(promise);
    assert.equal(err.name, "ValidationError");
  }
  assert.deepEqual(await emulator.requests(), []);
});

test("credentials that cannot be header values are refused at construction, unquoted", () => {
  for (const bearer of ["tok\nen", "tok’en", "tok en"]) {
    assert.throws(
      () => clerk(emulator, { auth: { bearer } }),
      (err) => err.name === "ValidationError" && err.details[0].field === "auth.bearer" && !err.message.includes("tok"),
    );
  }
});

test("baseUrl: no user name or password, query or fragment; https off loopback", () => {
  for (const [baseUrl, extra] of [
    ["http://admin:PW@127.0.0.1:1/v1", {}],
    ["https://api.clerk.com/v1?x=1", {}],
    ["https://api.clerk.com/v1#frag", {}],
    ["http://api.clerk.com/v1", {}],
  ]) {
    assert.throws(
      () => clerk(emulator, { baseUrl, ...extra }),
      (err) => err.name === "ValidationError" && err.details[0].field === "baseUrl" && !/PW|clerk\.com/.test(err.message),
      baseUrl,
    );
  }
  assert.ok(clerk(emulator, { baseUrl: "http://keycloak.internal:8080/v1", allowHttp: true }));
});

test("oversized responses end the call with a DecodeError and leave the module usable", async () => {
  const big = JSON.stringify({ data: [], total_count: 0, pad: "x".repeat(3_000_000) });
  const declared = await serve((_req, res) => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(big) }).end(big));
  const chunked = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    for (let i = 0; i < big.length; i += 65_536) res.write(big.slice(i, i + 65_536));
    res.end();
  });
  try {
    for (const server of [declared, chunked]) {
      const admin = clerk(emulator, { baseUrl: `${server.url}/v1`, maxResponseBytes: 1_000_000, maxRetries: 0 });
      const err = await rejection(admin.clients.list());
      assert.equal(err.name, "DecodeError");
      assert.match(err.message, /larger than the 1000000 bytes allowed/);
    }
    const fine = clerk(emulator);
    assert.equal((await fine.clients.list({ limit: 2 })).items.length, 2, "the module still works");
    const roomy = clerk(emulator, { baseUrl: `${chunked.url}/v1` });
    assert.deepEqual((await roomy.clients.list()).items, [], "under the default 16 MiB cap");
  } finally {
    await Promise.all([declared.close(), chunked.close()]);
  }
});

test("a secret a server echoes on get, list or update never reaches a record", async () => {
  const app = { id: "oauth_app_1", name: "Echo", client_secret: "echoed-secret-value", secret: "also" };
  const echoing = await serve((req, res) => {
    const body = req.url.includes("?") ? { data: [app], total_count: 1 } : app;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  try {
    const admin = clerk(emulator, { baseUrl: `${echoing.url}/v1` });
    const seen = [await admin.clients.get("oauth_app_1"), (await admin.clients.list()).items[0], await admin.clients.update("oauth_app_1", { name: "x" })];
    for (const client of seen) assert.doesNotMatch(JSON.stringify(client), /echoed-secret-value|"also"/);
  } finally {
    await echoing.close();
  }
});

test("timeoutMs beyond what timers hold waits instead of firing at once", async () => {
  const admin = clerk(emulator, { timeoutMs: 4_294_967_295 });
  assert.equal((await admin.clients.list({ limit: 1 })).items.length, 1);
  assert.equal((await admin.clients.list({ limit: 1 }, { timeoutMs: 4_294_967_295 })).items.length, 1);
});

test("one-time secrets are Secret objects that never print", async () => {
  const admin = cloudflare(emulator);
  const created = await admin.clients.create({ name: "Printed", redirectUris: ["https://p.test/cb"], scopes: ["openid"] });
  const value = created.secret.expose();
  assert.equal(typeof value, "string");
  assert.ok(value.length > 10);
  for (const shown of [
    String(created.secret),
    `${created.secret}`,
    JSON.stringify(created),
    inspect(created, { depth: 5 }),
    created.secret + "",
  ]) {
    assert.ok(!shown.includes(value), shown);
    assert.match(shown, /\[redacted\]/);
  }
  const rotated = await admin.clients.rotateSecret(created.client.id);
  assert.notEqual(rotated.secret.expose(), value);
  assert.doesNotMatch(JSON.stringify(rotated), new RegExp(rotated.secret.expose()));
  assert.ok(Object.isFrozen(created.secret));
});
