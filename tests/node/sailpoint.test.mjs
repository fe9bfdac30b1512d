// SailPoint ISC API clients through pkg/, against the emulator.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { SAILPOINT_PAT, rejection, sailpoint, startEmulator } from "./support.mjs";

const CLIENTS = "/beta/oauth-clients";
const DAY_MS = 86_400_000;

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

const tokenRequests = async () => (await emulator.requests()).filter((r) => r.path === "/oauth/token");

test("a lifecycle logged in with a personal access token, one token for every call", async () => {
  const admin = sailpoint(emulator, { auth: SAILPOINT_PAT });
  const listed = await admin.clients.list();
  assert.equal(listed.items.length, 12);
  assert.equal(listed.next, undefined);

  const { client, secret } = await admin.clients.create({ name: "CI deployer", scope: ["sp:scopes:all"] });
  assert.equal(secret.expose().length, 64);
  assert.equal(String(secret), "[redacted]");
  assert.equal(client.provider, "sailpoint");
  assert.deepEqual(client.grantTypes, ["client_credentials"], "standard OAuth names");
  assert.deepEqual(client.record.grantTypes, ["CLIENT_CREDENTIALS"], "the wire's values");
  assert.equal(client.lastUsedAt, undefined);
  const post = (await emulator.requests()).find((r) => r.method === "POST" && r.path === CLIENTS);
  assert.deepEqual(post.body, {
    name: "CI deployer",
    description: "",
    grantTypes: ["CLIENT_CREDENTIALS"],
    accessType: "OFFLINE",
    accessTokenValiditySeconds: 750,
    enabled: true,
    scope: ["sp:scopes:all"],
  });

  const fetched = await admin.clients.get(client.id);
  assert.equal(fetched.record.accessType, "OFFLINE");
  assert.equal(fetched.record.type, "CONFIDENTIAL");
  assert.equal(fetched.confidential, true);

  const updated = await admin.clients.update(client.id, { description: "deploys", enabled: false });
  assert.equal(updated.description, "deploys");
  assert.equal(updated.record.enabled, false);

  await admin.clients.delete(client.id);
  assert.equal((await rejection(admin.clients.get(client.id))).name, "NotFoundError");

  const tokens = await tokenRequests();
  assert.equal(tokens.length, 1);
  assert.deepEqual(tokens[0].body, { grant_type: "client_credentials", client_id: "sailpoint-emulator-pat", client_secret: "[redacted]" });
});

test("the JSON Patch is sent as asked: one replace per field, typed, with its media type", async () => {
  const admin = sailpoint(emulator);
  const id = "5a110000000000000000000000000003";
  const updated = await admin.clients.update(id, {
    strongAuthSupported: true,
    businessName: "acme-solar",
    accessTokenValiditySeconds: 900,
    description: null,
  });
  assert.equal(updated.description, undefined);
  assert.equal(updated.record.accessTokenValiditySeconds, 900);
  const patch = (await emulator.requests()).find((r) => r.method === "PATCH");
  assert.equal(patch.path, `${CLIENTS}/${id}`);
  assert.equal(patch.headers["content-type"], "application/json-patch+json");
  assert.deepEqual(patch.body, [
    { op: "replace", path: "/accessTokenValiditySeconds", value: 900 },
    { op: "replace", path: "/businessName", value: "acme-solar" },
    { op: "replace", path: "/description", value: null },
    { op: "replace", path: "/strongAuthSupported", value: true },
  ]);

  for (const field of ["type", "internal", "scope", "secret", "id", "created"]) {
    const err = await rejection(admin.clients.update(id, { [field]: "x" }));
    assert.equal(err.name, "ValidationError");
    assert.equal(err.details[0].field, field);
  }
  assert.equal((await emulator.requests()).filter((r) => r.method === "PATCH").length, 1, "nothing else was sent");
});

test("a token that expires mid-run is replaced before the call, never after a failure", async () => {
  const { client, secret } = await sailpoint(emulator).clients.create({ name: "Short tokens", accessTokenValiditySeconds: 2 });
  const app = sailpoint(emulator, { auth: { clientId: client.id, clientSecret: secret.expose() } });
  assert.equal((await app.clients.get(client.id)).id, client.id);
  await sleep(2_200);
  const again = await app.clients.get(client.id);
  assert.ok(again.lastUsedAt, "the token exchange marked the client used");
  const sent = (await emulator.requests()).filter((r) => r.path !== CLIENTS);
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.path}`),
    ["POST /oauth/token", `GET ${CLIENTS}/${client.id}`, "POST /oauth/token", `GET ${CLIENTS}/${client.id}`],
  );
});

test("twenty concurrent calls share one token request", async () => {
  const admin = sailpoint(emulator, { auth: SAILPOINT_PAT });
  const ids = (await sailpoint(emulator).clients.list()).items.map((c) => c.id);
  await emulator.reset();
  const got = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.clients.get(ids[i % ids.length])));
  assert.equal(got.length, 20);
  assert.equal((await tokenRequests()).length, 1);
});

test("a rate-limited token request waits for Retry-After", async () => {
  await emulator.fault({ path: "/oauth/token", status: 429, retryAfter: "1" });
  const admin = sailpoint(emulator, { auth: SAILPOINT_PAT });
  const started = Date.now();
  await admin.clients.list();
  assert.ok(Date.now() - started >= 950, "waited about a second");
  assert.equal((await tokenRequests()).length, 2);
});

test("stale filters: last used before a time, never used, or either", async () => {
  const admin = sailpoint(emulator);
  assert.deepEqual(admin.capabilities.filters, ["lastUsedBefore", "neverUsed"]);
  const never = await admin.clients.list({ neverUsed: true });
  assert.equal(never.items.length, 4);
  assert.ok(never.items.every((c) => c.lastUsedAt === undefined && c.record.lastUsed === undefined));

  const cutoff = new Date(Date.now() - 100 * DAY_MS).toISOString();
  const old = await admin.clients.list({ lastUsedBefore: cutoff });
  assert.equal(old.items.length, 3);
  assert.ok(old.items.every((c) => c.lastUsedAt <= cutoff));

  const stale = [];
  for await (const c of admin.clients.iterate({ lastUsedBefore: cutoff, neverUsed: true })) stale.push(c);
  assert.equal(stale.length, 7);
  const queries = (await emulator.requests()).map((r) => r.query);
  assert.deepEqual(queries, [
    "filters=lastUsed%20isnull",
    `filters=${encodeURIComponent(`lastUsed le ${cutoff}`)}`,
    `filters=${encodeURIComponent(`lastUsed le ${cutoff} or lastUsed isnull`)}`,
  ]);

  const bad = await rejection(admin.clients.list({ lastUsedBefore: "last year" }));
  assert.equal(bad.name, "ValidationError");
  assert.equal(bad.details[0].field, "lastUsedBefore");
  const undeclared = await rejection(admin.clients.list({ name: "Sync" }));
  assert.equal(undeclared.details[0].field, "name");
  assert.equal((await emulator.requests()).length, 3, "refused filters send nothing");
});

test("every API version has the same contract under its own path", async () => {
  for (const apiVersion of ["v3", "v2024", "v2025"]) {
    const items = (await sailpoint(emulator, { apiVersion }).clients.list()).items;
    assert.equal(items.length, 12);
  }
  const paths = (await emulator.requests()).map((r) => r.path);
  assert.deepEqual(paths, ["/v3/oauth-clients", "/v2024/oauth-clients", "/v2025/oauth-clients"]);
  assert.throws(
    () => sailpoint(emulator, { apiVersion: "v1" }),
    (err) => err.name === "ValidationError" && err.details[0].field === "apiVersion",
  );
});

test("no rotation: UnsupportedError before any request", async () => {
  const admin = sailpoint(emulator);
  assert.equal(admin.capabilities.operations.rotateSecret, false);
  const err = await rejection(admin.clients.rotateSecret("5a110000000000000000000000000001"));
  assert.equal(err.name, "UnsupportedError");
  assert.equal(err.provider, "sailpoint");
  assert.deepEqual(await emulator.requests(), []);
});

test("errors: the DTO, the 401 and the 429 shapes, and local checks", async () => {
  const admin = sailpoint(emulator, { maxRetries: 0 });
  const missing = await rejection(admin.clients.get("00000000000000000000000000000000"));
  assert.equal(missing.name, "NotFoundError");
  assert.equal(missing.code, "404 Not found");
  assert.match(missing.requestId, /^[0-9a-f]{32}$/);
  assert.ok(missing.details.length >= 2);

  const expired = await rejection(sailpoint(emulator, { auth: { bearer: "expired" } }).clients.list());
  assert.equal(expired.name, "AuthenticationError");
  assert.match(expired.message, /^JWT validation failed/);

  const badLogin = await rejection(sailpoint(emulator, { auth: { clientId: "sailpoint-emulator-pat", clientSecret: "wrong" } }).clients.list());
  assert.equal(badLogin.name, "AuthenticationError");
  assert.equal(badLogin.code, "invalid_client");
  assert.ok(!badLogin.message.includes("wrong"));

  await emulator.fault({ path: CLIENTS, status: 429, retryAfter: "30" });
  const limited = await rejection(admin.clients.list());
  assert.equal(limited.name, "RateLimitError");
  assert.equal(limited.message, "Rate Limit Exceeded");
  assert.equal(limited.retryAfterMs, 30_000);

  const local = await rejection(admin.clients.create({ name: "Code", grantTypes: ["AUTHORIZATION_CODE"] }));
  assert.equal(local.details[0].field, "redirectUris");
  const range = await rejection(admin.clients.create({ name: "x", accessTokenValiditySeconds: 2 ** 31 }));
  assert.equal(range.details[0].field, "accessTokenValiditySeconds");

  assert.throws(
    () => new OAuthAdmin({ provider: "sailpoint", auth: { bearer: "t" } }),
    (err) => err.name === "ValidationError" && err.details[0].field === "baseUrl",
  );
});
