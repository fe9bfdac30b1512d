// Atlan OAuth clients through pkg/, against the emulator.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { atlan, collect, rejection, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

test("pages with totals, iterates to the end and never asks past it", async () => {
  const admin = atlan(emulator);
  const first = await admin.clients.list({ limit: 10 });
  assert.equal(first.items.length, 10);
  assert.equal(first.total, 25);
  assert.equal(first.next, "10");

  const all = await collect(admin.clients.iterate({ limit: 5 }));
  assert.equal(all.length, 25);
  const pages = (await emulator.requests()).filter((r) => r.path === "/api/service/oauth-clients");
  assert.equal(pages.length, 1 + 5, "five pages of five, no probe at offset 25");
  assert.ok(all.every((c) => /^\d{4}-\d\d-\d\dT/.test(c.createdAt) && /^\d{4}-/.test(c.updatedAt)));
});

test("sorts and filters by name", async () => {
  const admin = atlan(emulator);
  const names = (await admin.clients.list({ sort: "name", limit: 5 })).items.map((c) => c.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  const found = await admin.clients.list({ name: names[0].slice(1, 5) });
  assert.ok(found.items.some((c) => c.name === names[0]));
  assert.equal(found.total, found.items.length);
});

test("roles and create with a role by UI name", async () => {
  const admin = atlan(emulator);
  const roles = (await admin.atlan.roles.list()).items;
  assert.ok(roles.some((r) => r.name === "$admin" && r.description === "Admin"));

  const { client, secret } = await admin.clients.create({ name: "Lineage bot", role: "Admin", description: "pushes lineage" });
  assert.equal(typeof secret.expose(), "string");
  assert.equal(client.provider, "atlan");
  assert.equal(client.record.role, "$admin");
  assert.ok(client.id.startsWith("oauth-client-"));
  const post = (await emulator.requests()).find((r) => r.method === "POST");
  assert.deepEqual(post.body, { displayName: "Lineage bot", description: "pushes lineage", role: "$admin", personaQNs: [] });

  const updated = await admin.clients.update(client.id, { description: "pushes lineage nightly" });
  assert.equal(updated.description, "pushes lineage nightly");
  assert.equal(updated.name, "Lineage bot");

  await admin.clients.delete(client.id);
  assert.equal((await rejection(admin.clients.get(client.id))).name, "NotFoundError");
});

test("an unknown role fails before the POST, listing the roles", async () => {
  const admin = atlan(emulator);
  const err = await rejection(admin.clients.create({ name: "x", role: "Superuser" }));
  assert.equal(err.name, "NotFoundError");
  assert.match(err.message, /Role 'Superuser' does not exist\. Available roles: .*Admin \(\$admin\)/);
  const sent = await emulator.requests();
  assert.equal(sent.filter((r) => r.method === "POST").length, 0);
});

test("no rotation: UnsupportedError before any request", async () => {
  const admin = atlan(emulator);
  assert.equal(admin.capabilities.operations.rotateSecret, false);
  const err = await rejection(admin.clients.rotateSecret("oauth-client-x"));
  assert.equal(err.name, "UnsupportedError");
  assert.equal(err.provider, "atlan");
  assert.deepEqual(await emulator.requests(), []);
  assert.equal(admin.cloudflare, undefined, "another provider's namespace is absent");
});

test("errors: authentication, validation, server", async () => {
  const auth = await rejection(atlan(emulator, { auth: { bearer: "nope" } }).clients.list());
  assert.equal(auth.name, "AuthenticationError");
  assert.equal(auth.status, 401);
  assert.ok(auth.code);

  const admin = atlan(emulator);
  const local = await rejection(admin.clients.update("oauth-client-x", { name: " " }));
  assert.equal(local.details[0].field, "name");

  await emulator.fault({ path: "/api/service/oauth-clients", status: 503, count: 3 });
  const server = await rejection(atlan(emulator, { maxRetries: 0 }).clients.list());
  assert.equal(server.name, "ServerError");
  assert.equal(server.status, 503);

  assert.throws(
    () => new OAuthAdmin({ provider: "atlan", auth: { bearer: "t" } }),
    (err) => err.name === "ValidationError" && err.details[0].field === "baseUrl",
  );
});
