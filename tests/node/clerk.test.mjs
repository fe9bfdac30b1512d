// Clerk OAuth applications through pkg/, against the emulator.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { clerk, collect, rejection, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

test("pages with totals and iterates past several pages", async () => {
  const admin = clerk(emulator);
  const first = await admin.clients.list({ limit: 10 });
  assert.equal(first.items.length, 10);
  assert.equal(first.total, 23);
  assert.equal(first.next, "10");
  const third = await admin.clients.list({ limit: 10, cursor: "20" });
  assert.equal(third.items.length, 3);
  assert.equal(third.next, undefined);

  const all = await collect(admin.clients.iterate({ limit: 10 }));
  assert.equal(all.length, 23);
  assert.equal(new Set(all.map((c) => c.id)).size, 23);
  const lists = (await emulator.requests()).filter((r) => r.method === "GET" && r.path === "/v1/oauth_applications");
  assert.equal(lists.length, 2 + 3, "iterate asked for exactly three pages, never past the end");
  assert.ok(lists.every((r) => r.headers["clerk-api-version"]), "Clerk-API-Version is sent");
});

test("sorts and filters by name", async () => {
  const admin = clerk(emulator);
  const byName = await admin.clients.list({ sort: "name", limit: 3 });
  const names = byName.items.map((c) => c.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  const newest = await admin.clients.list({ sort: "-createdAt", limit: 1 });
  const oldest = await admin.clients.list({ sort: "createdAt", limit: 1 });
  assert.ok(newest.items[0].createdAt > oldest.items[0].createdAt);
  const found = await admin.clients.list({ name: names[0].slice(0, 4).toLowerCase() });
  assert.ok(found.items.some((c) => c.name === names[0]));
  assert.equal(found.total, found.items.length);
});

test("create, get, update, rotate, delete", async () => {
  const admin = clerk(emulator);
  const { client, secret } = await admin.clients.create({
    name: "Support portal",
    redirectUris: ["https://support.example.com/callback", "myapp://callback"],
    scopes: ["profile", "email"],
  });
  assert.equal(typeof secret.expose(), "string");
  assert.deepEqual(client.scopes, ["profile", "email"]);
  assert.equal(client.provider, "clerk");
  assert.equal(client.record.scopes, "profile email", "the record keeps Clerk's own string");
  assert.equal(client.confidential, true);
  assert.match(client.createdAt, /^\d{4}-\d\d-\d\dT/);
  const post = (await emulator.requests()).find((r) => r.method === "POST");
  assert.equal(post.body.scopes, "profile email", "scopes travel space-separated");

  assert.equal((await admin.clients.get(client.id)).name, "Support portal");
  const updated = await admin.clients.update(client.id, { name: "Support portal v2", pkceRequired: true });
  assert.equal(updated.name, "Support portal v2");
  assert.equal(updated.record.pkceRequired, true);
  const patch = (await emulator.requests()).find((r) => r.method === "PATCH");
  assert.deepEqual(patch.body, { name: "Support portal v2", pkce_required: true });

  const rotated = await admin.clients.rotateSecret(client.id);
  assert.notEqual(rotated.secret.expose(), secret.expose());
  assert.equal(rotated.client.id, client.id);

  const unsupported = await rejection(admin.clients.deleteRotatedSecret(client.id));
  assert.equal(unsupported.name, "UnsupportedError");

  await admin.clients.delete(client.id);
  const gone = await rejection(admin.clients.get(client.id));
  assert.equal(gone.name, "NotFoundError");
  assert.equal(gone.provider, "clerk");
  assert.ok(gone.requestId, "clerk_trace_id becomes requestId");
});

test("public clients get no secret", async () => {
  const { client, secret } = await clerk(emulator).clients.create({ name: "SPA", public: true });
  assert.equal(secret, undefined);
  assert.equal(client.confidential, false);
});

test("errors: authentication, server validation, local validation, rate limit", async () => {
  const bad = clerk(emulator, { auth: { bearer: "sk_test_wrong" } });
  const auth = await rejection(bad.clients.list());
  assert.equal(auth.name, "AuthenticationError");
  assert.equal(auth.status, 401);
  assert.ok(auth.code);

  const admin = clerk(emulator);
  const server = await rejection(admin.clients.create({ name: "x", scopes: ["calendar"] }));
  assert.equal(server.name, "ValidationError");
  assert.equal(server.status, 422);
  assert.ok(server.details.length >= 1);

  const local = await rejection(admin.clients.create({ name: "", scopes: ["profile"] }));
  assert.equal(local.name, "ValidationError");
  assert.equal(local.details[0].field, "name");
  assert.equal(local.status, undefined, "rejected before sending");

  const limit = await rejection(admin.clients.list({ limit: 1000 }));
  assert.equal(limit.details[0].field, "limit");

  await emulator.fault({ path: "/v1/oauth_applications", status: 429, retryAfter: "4" });
  const limited = await rejection(clerk(emulator, { maxRetries: 0 }).clients.list());
  assert.equal(limited.name, "RateLimitError");
  assert.equal(limited.retryAfterMs, 4000);
});

test("capabilities describe offset paging with sort and filter", () => {
  const caps = clerk(emulator).capabilities;
  assert.equal(caps.paging, "offset");
  assert.equal(caps.maxLimit, 500);
  assert.deepEqual(caps.filters, ["name"]);
  assert.ok(caps.sortFields.includes("-createdAt"));
  assert.equal(caps.operations.rotateSecret, true);
  assert.equal(caps.operations.deleteRotatedSecret, false);
});
