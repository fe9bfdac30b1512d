// RFC 7591/7592 through pkg/, against the emulator's server, which rotates the registration
// token on every read (the real oidc-provider only rotates on update; see rfc7591-oidc.test.mjs).
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { memoryRegistrations, rejection, rfc7591, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

const backend = { clientName: "Backend", grantTypes: ["client_credentials"], responseTypes: [] };

test("a token rotated on read is stored and used by the next call", async () => {
  const registrations = memoryRegistrations();
  const admin = rfc7591(emulator, { registrations });
  const { client, registration } = await admin.clients.create({
    ...backend,
    "clientName#ja-Jpan-JP": "バックエンド",
    example_extension_parameter: "example_value",
  });
  assert.equal(client.record["client_name#ja-Jpan-JP"], "バックエンド");
  assert.equal(client.record.example_extension_parameter, "example_value", "unknown metadata comes back");
  const tokens = [registration.registrationAccessToken.expose()];
  for (let i = 0; i < 2; i++) {
    await admin.clients.get(client.id);
    tokens.push(registrations.token(client.id));
  }
  assert.equal(new Set(tokens).size, 3, "each read rotated the token, and the store kept each");

  const updated = await admin.clients.update(client.id, { clientName: "Backend 2" });
  assert.equal(updated.name, "Backend 2");
  assert.equal(updated.record["client_name#ja-Jpan-JP"], "バックエンド", "the PUT carried the whole document");
  const log = await emulator.requests();
  const put = log.find((r) => r.method === "PUT");
  assert.equal(put.body.client_id, client.id);
  for (const field of ["registration_access_token", "registration_client_uri", "client_id_issued_at", "client_secret_expires_at", "client_secret"]) {
    assert.ok(!(field in put.body), `the PUT carries no ${field}`);
  }
  const register = log.find((r) => r.method === "POST");
  assert.equal(register.body["client_name#ja-Jpan-JP"], "バックエンド");
  assert.equal(register.body.example_extension_parameter, "example_value");
  assert.equal(register.body.grant_types[0], "client_credentials");
  await admin.clients.delete(client.id);
  assert.equal(registrations.token(client.id), undefined);
});

test("the read before an update is saved even when the update then fails", async () => {
  const registrations = memoryRegistrations();
  const admin = rfc7591(emulator, { registrations, maxRetries: 0 });
  const { client } = await admin.clients.create(backend);
  const before = registrations.token(client.id);
  await emulator.fault({ path: "/rfc7591/register/", method: "PUT", status: 503 });
  const failed = await rejection(admin.clients.update(client.id, { clientName: "x" }));
  assert.equal(failed.name, "ServerError");
  const after = registrations.token(client.id);
  assert.notEqual(after, before, "the token the read rotated was kept");
  assert.equal((await admin.clients.get(client.id)).name, "Backend", "and it still works");
});

test("discovery falls back to RFC 8414 and happens once", async () => {
  await emulator.fault({ path: "/rfc7591/.well-known/openid-configuration", status: 404 });
  const admin = rfc7591(emulator);
  await admin.clients.create(backend);
  await admin.clients.create(backend);
  const paths = (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(paths, [
    "GET /rfc7591/.well-known/openid-configuration",
    "GET /.well-known/oauth-authorization-server/rfc7591",
    "POST /rfc7591/register",
    "POST /rfc7591/register",
  ]);
  const page = await admin.clients.list();
  assert.equal(page.items.length, 2, "the default store lists what it registered");
});

test("a document without a registration endpoint says the server does not register", async () => {
  await emulator.fault({ path: "/rfc7591/.well-known/openid-configuration", status: 200, body: { issuer: `${emulator.url}/rfc7591` } });
  const err = await rejection(rfc7591(emulator).clients.create(backend));
  assert.equal(err.name, "UnsupportedError");
  assert.match(err.message, /registration_endpoint/);
});

test("a store whose set throws after a rotating read hands the token over on the error", async () => {
  const registrations = memoryRegistrations({ async: true });
  const admin = rfc7591(emulator, { registrations });
  const { client } = await admin.clients.create(backend);
  registrations.failNextSet(new Error("disk full"));
  const err = await rejection(admin.clients.get(client.id));
  assert.equal(err.name, "StoreError");
  assert.match(err.message, /server's state changed/);
  const token = err.registration.registrationAccessToken.expose();
  assert.ok(!err.message.includes(token) && !JSON.stringify(err).includes(token));
  registrations.put(client.id, token);
  assert.equal((await admin.clients.get(client.id)).id, client.id);
});

test("registration tokens never reach the request log or a printed result", async () => {
  const admin = rfc7591(emulator);
  const created = await admin.clients.create(backend);
  const text = JSON.stringify(created);
  assert.ok(!text.includes(created.registration.registrationAccessToken.expose()));
  assert.ok(!text.includes(created.secret.expose()));
  assert.equal(String(created.registration.registrationAccessToken), "[redacted]");
  await admin.clients.get(created.client.id);
  const get = (await emulator.requests()).find((r) => r.method === "GET" && r.path.startsWith("/rfc7591/register/"));
  assert.equal(get.headers.authorization, "[redacted]");
});

test("concurrent first calls share one discovery", async () => {
  const admin = rfc7591(emulator);
  const created = await Promise.all([1, 2, 3].map((n) => admin.clients.create({ ...backend, clientName: `Backend ${n}` })));
  assert.equal(new Set(created.map((c) => c.client.id)).size, 3);
  const discoveries = (await emulator.requests()).filter((r) => r.path.includes("/.well-known/"));
  assert.equal(discoveries.length, 1, "one metadata request for three concurrent first creates");
});
