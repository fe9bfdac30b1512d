// Logging in with an OAuth client (Atlan's token exchange) through pkg/, against the
// emulator: one token for many calls, a new one after a 401, the exchange's own faults.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { rejection, startEmulator } from "./support.mjs";

const CLIENT_ID = "oauth-client-5eedc11e-0000-4000-8000-000000000001";
const CLIENT_SECRET = "atlan-seed-secret-01";
const TOKEN_PATH = "/api/service/oauth-clients/token";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

function loggedIn(extra = {}) {
  return new OAuthAdmin({
    provider: "atlan",
    auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    baseUrl: emulator.url,
    ...extra,
  });
}

const tokenRequests = async () => (await emulator.requests()).filter((r) => r.path === TOKEN_PATH);

test("client id + secret: one token exchange, then bearer calls", async () => {
  const admin = loggedIn();
  const page = await admin.clients.list({ limit: 5 });
  assert.equal(page.items.length, 5);
  await admin.atlan.roles.list();
  const exchanges = await tokenRequests();
  assert.equal(exchanges.length, 1, "the token is cached");
  assert.equal(exchanges[0].method, "POST");
  assert.equal(exchanges[0].body.clientId, CLIENT_ID);
  const api = (await emulator.requests()).filter((r) => r.path !== TOKEN_PATH);
  assert.ok(api.every((r) => r.headers.authorization === "[redacted]"), "every API call is authorized");
});

test("a full lifecycle works with the exchanged token", async () => {
  const admin = loggedIn();
  const { client, secret } = await admin.clients.create({ name: "Token bot", role: "Member" });
  assert.equal(typeof secret.expose(), "string");
  assert.equal((await admin.clients.update(client.id, { name: "Token bot 2" })).name, "Token bot 2");
  await admin.clients.delete(client.id);
  assert.equal((await tokenRequests()).length, 1);
});

test("20 concurrent calls share one token request", async () => {
  const admin = loggedIn();
  const pages = await Promise.all(Array.from({ length: 20 }, () => admin.clients.list({ limit: 1 })));
  assert.equal(pages.length, 20);
  assert.equal((await tokenRequests()).length, 1);
});

test("a revoked token is replaced once and the call retried once", async () => {
  const admin = loggedIn();
  await admin.clients.list({ limit: 1 });
  await fetch(`${emulator.url}/__emulator/tokens`, { method: "DELETE" });
  const page = await admin.clients.list({ limit: 2 });
  assert.equal(page.items.length, 2);
  assert.equal((await tokenRequests()).length, 2);
  const lists = (await emulator.requests()).filter((r) => r.path === "/api/service/oauth-clients");
  assert.equal(lists.length, 3, "first call, the 401, the retry");
});

test("the token endpoint's 429 is retried after Retry-After", async () => {
  await emulator.fault({ path: TOKEN_PATH, status: 429, retryAfter: "0", count: 1 });
  const admin = loggedIn();
  assert.equal((await admin.clients.list({ limit: 1 })).items.length, 1);
  assert.equal((await tokenRequests()).length, 2);
});

test("a wrong secret is an AuthenticationError that never shows the secret", async () => {
  const admin = loggedIn({ auth: { clientId: CLIENT_ID, clientSecret: "wrong-secret-value" } });
  const err = await rejection(admin.clients.list());
  assert.equal(err.name, "AuthenticationError");
  assert.equal(err.provider, "atlan");
  assert.doesNotMatch(JSON.stringify({ ...err, message: err.message }), /wrong-secret-value/);
  assert.equal((await emulator.requests()).filter((r) => r.path !== TOKEN_PATH).length, 0);
});

test("typo'd options and auth keys are rejected with nothing sent", async () => {
  const bad = [
    [{ provider: "atlan", auth: { bearer: "t" }, baseURL: emulator.url }, "baseURL"],
    [{ provider: "atlan", auth: { clientId: CLIENT_ID, clientSecrte: "x" }, baseUrl: emulator.url }, "auth.clientSecrte"],
    [{ provider: "cloudflare", accountId: "0123456789abcdef0123456789abcdef", auth: { bearer: "t" }, timeoutMS: 5 }, "timeoutMS"],
  ];
  for (const [config, field] of bad) {
    assert.throws(
      () => new OAuthAdmin(config),
      (err) => err.name === "ValidationError" && err.details[0].field === field,
      field,
    );
  }
  const unknown = (() => {
    try {
      new OAuthAdmin({ provider: "sk_live_secret_value" });
    } catch (err) {
      return err;
    }
  })();
  assert.equal(unknown.name, "ValidationError");
  assert.doesNotMatch(unknown.message, /sk_live_secret_value/);
  assert.deepEqual(await emulator.requests(), []);
});
