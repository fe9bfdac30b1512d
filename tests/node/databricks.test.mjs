// Databricks account OAuth through pkg/, against the emulator: every kind, paging, int64 ids,
// the read-back after an update, parent ids, errors and the M2M token.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";

import { collect, DATABRICKS_ACCOUNT, DATABRICKS_M2M, databricks, rejection, startEmulator } from "./support.mjs";

const API = `/api/2.0/accounts/${DATABRICKS_ACCOUNT}`;
const APPS = `${API}/oauth2/custom-app-integrations`;
const TOKEN_PATH = `/oidc/accounts/${DATABRICKS_ACCOUNT}/v1/token`;
/** 2^53 + 1: a JS number would round it. */
const BIG_SP = "9007199254740993";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

const sent = async (path) => (await emulator.requests()).filter((r) => r.path === path);

test("custom apps page with tokens to the end, filter by name, and keep int64 ids exact", async () => {
  const admin = databricks(emulator);
  const first = await admin.clients.list({ limit: 5 });
  assert.equal(first.items.length, 5);
  assert.equal(first.total, undefined);
  assert.equal(typeof first.next, "string");
  const all = await collect(admin.clients.iterate({ limit: 5 }));
  assert.equal(all.length, 12);
  const pages = await sent(APPS);
  assert.equal(pages.length, 1 + 3, "three pages of at most five; the empty end token stops it");
  assert.match(pages[2].query, /page_size=5&page_token=/);
  // Lists send int64s as numbers, get as strings: both read as the exact digits.
  const listed = all.find((c) => c.name === "Tableau Bridge");
  assert.equal(listed.record.principalId, "9007199254740994");
  const got = await admin.clients.get(listed.id);
  assert.equal(got.record.principalId, "9007199254740994");
  assert.equal(got.record.createdBy, "4611686018427387905");
  assert.deepEqual(got.redirectUris, ["https://app1.example.com/callback"]);
  const found = await admin.clients.list({ name: "dashboard" });
  assert.deepEqual(found.items.map((c) => c.name), ["Sales Dashboard"]);
  assert.match((await sent(APPS)).at(-1).query, /search_keyword=dashboard/);
  const sortErr = await rejection(admin.clients.list({ sort: "name" }));
  assert.equal(sortErr.name, "UnsupportedError");
});

test("create hands the secret over once; update reads the app back; fixed fields fail before sending", async () => {
  const admin = databricks(emulator);
  const { client, secret } = await admin.clients.create({
    name: "Reports",
    confidential: true,
    redirectUrls: ["https://reports.example.com/cb"],
    scopes: ["all-apis", "offline_access"],
    userAuthorizedScopes: ["all-apis"],
    tokenAccessPolicy: { accessTokenTtlInMinutes: 30 },
  });
  assert.match(secret.expose(), /^dose/);
  assert.equal(JSON.stringify(client).includes(secret.expose()), false);
  assert.equal(client.provider, "databricks");
  assert.equal(client.name, "Reports", "the answer holds only ids: the rest is what was sent");
  assert.deepEqual(client.redirectUris, ["https://reports.example.com/cb"]);
  assert.ok(BigInt(client.record.principalId) > 2n ** 53n);
  const [post] = (await emulator.requests()).filter((r) => r.method === "POST");
  assert.deepEqual(post.body.token_access_policy, { access_token_ttl_in_minutes: 30 });

  const updated = await admin.clients.update(client.id, { redirectUrls: ["https://reports.example.com/cb2"] });
  assert.deepEqual(updated.redirectUris, ["https://reports.example.com/cb2"]);
  assert.equal(updated.name, "Reports");
  assert.equal(updated.record.tokenAccessPolicy.accessTokenTtlInMinutes, 30);
  const calls = (await sent(`${APPS}/${client.id}`)).map((r) => r.method);
  assert.deepEqual(calls, ["PATCH", "GET"]);

  const before = (await emulator.requests()).length;
  const fixed = await rejection(admin.clients.update(client.id, { name: "Renamed" }));
  assert.equal(fixed.name, "ValidationError");
  assert.equal(fixed.details[0].field, "name");
  const subset = await rejection(admin.clients.create({ scopes: ["sql"], userAuthorizedScopes: ["all-apis"] }));
  assert.equal(subset.details[0].field, "userAuthorizedScopes");
  assert.equal((await emulator.requests()).length, before, "nothing was sent");

  const pub = await admin.databricks.customAppIntegrations.create({ name: "Public", confidential: false });
  assert.equal(pub.secret, undefined);
  assert.equal(typeof pub.client.integrationId, "string");
  const full = await admin.databricks.customAppIntegrations.get(pub.client.integrationId);
  assert.equal(full.confidential, false);

  await admin.clients.delete(client.id);
  const gone = await rejection(admin.clients.get(client.id));
  assert.equal(gone.name, "NotFoundError");
  assert.equal(gone.code, "RESOURCE_DOES_NOT_EXIST");
  const missing = await rejection(admin.clients.update("nope", { scopes: ["sql"] }));
  assert.equal(missing.name, "NotFoundError", "a failed PATCH is the update's error");
  assert.deepEqual((await sent(`${APPS}/nope`)).map((r) => r.method), ["PATCH"]);
});

test("published apps and their integrations", async () => {
  const admin = databricks(emulator);
  const apps = await collect(admin.databricks.publishedApps.iterate({ limit: 3 }));
  assert.deepEqual(apps.map((a) => a.appId), ["power-bi", "tableau-deskop", "databricks-cli", "databricks-dbt-adapter"]);
  assert.ok(apps.every((a) => a.isConfidentialClient === false));

  const kind = admin.databricks.publishedAppIntegrations;
  const created = await kind.create({ appId: "databricks-cli", tokenAccessPolicy: { refreshTokenTtlInMinutes: 60 } });
  const id = created.integrationId;
  const updated = await kind.update(id, { tokenAccessPolicy: { accessTokenTtlInMinutes: 15 } });
  assert.equal(updated.appId, "databricks-cli");
  assert.deepEqual(updated.tokenAccessPolicy, { accessTokenTtlInMinutes: 15 });
  const listed = await kind.list({ name: "cli" });
  assert.deepEqual(listed.items.map((i) => i.integrationId), [id]);
  const dup = await rejection(kind.create({ appId: "power-bi" }));
  assert.equal(dup.name, "ConflictError");
  assert.equal(dup.code, "RESOURCE_ALREADY_EXISTS");
  await kind.delete(id);
  assert.equal((await rejection(kind.get(id))).name, "NotFoundError");
});

test("service-principal secrets: the parent id first, at most five, the secret once", async () => {
  const admin = databricks(emulator);
  const secrets = admin.databricks.servicePrincipalSecrets;
  assert.equal((await secrets.list("1001")).items.length, 4);
  const made = await secrets.create(1001, { lifetimeSeconds: 3600, scopes: ["sql"] });
  assert.match(made.secret.expose(), /^dose/);
  assert.equal(String(made.secret), "[redacted]");
  assert.deepEqual(made.info.scopes, ["sql"]);
  assert.equal(made.info.secret, undefined);
  const [post] = (await emulator.requests()).filter((r) => r.method === "POST");
  assert.deepEqual(post.body, { lifetime: "3600s", scopes: ["sql"] });

  const sixth = await rejection(secrets.create("1001", {}));
  assert.equal(sixth.name, "ValidationError");
  assert.equal(sixth.code, "INVALID_STATE");
  const all = await collect(secrets.iterate(1001n, { limit: 2 }));
  assert.equal(all.length, 5);
  assert.ok(all.every((s) => s.secret === undefined));
  await secrets.delete("1001", made.info.id);
  assert.equal((await secrets.list("1001")).items.length, 4);

  // An id above 2^53 goes as a string or a bigint, never through a rounded number.
  assert.equal((await secrets.list(BIG_SP)).items.length, 1);
  assert.equal((await secrets.list(9007199254740993n)).items.length, 1);
  const before = (await emulator.requests()).length;
  assert.equal((await rejection(secrets.list(2 ** 53 + 2))).name, "ValidationError");
  assert.equal((await rejection(secrets.list("sp-1"))).details[0].field, "servicePrincipalId");
  assert.equal((await rejection(secrets.list())).name, "ValidationError");
  assert.equal((await emulator.requests()).length, before, "nothing was sent");
  assert.equal((await rejection(secrets.list("5"))).name, "NotFoundError");
  assert.equal(admin.capabilities.resources.find((r) => r.name === "servicePrincipalSecrets").parents[0].name, "servicePrincipalId");
});

test("federation policies: create with an id, update by mask, and the same under a service principal", async () => {
  const admin = databricks(emulator);
  const policies = admin.databricks.federationPolicies;
  assert.equal((await policies.list()).items.length, 3);
  const created = await policies.create({
    policyId: "gh/main",
    description: "GitHub main",
    oidcPolicy: { issuer: "https://token.actions.githubusercontent.com", audiences: [DATABRICKS_ACCOUNT], subject: "repo:acme/x:ref:refs/heads/main" },
  });
  assert.equal(created.policyId, "gh/main");
  assert.equal(created.name, `accounts/${DATABRICKS_ACCOUNT}/federationPolicies/gh/main`);
  const updated = await policies.update("gh/main", { oidcPolicy: { audiences: ["other"] } });
  assert.deepEqual(updated.oidcPolicy.audiences, ["other"]);
  assert.equal(updated.oidcPolicy.subject, "repo:acme/x:ref:refs/heads/main", "fields outside the mask stay");
  const patch = (await emulator.requests()).find((r) => r.method === "PATCH");
  assert.equal(patch.query, "update_mask=oidc_policy.audiences");
  assert.equal((await policies.get("gh/main")).description, "GitHub main");
  const misplaced = await rejection(policies.create({ description: "x" }, { policyId: "p" }));
  assert.equal(misplaced.details[0].field, "policyId", "the id goes in the input, not where the call options go");
  const bad = await rejection(policies.create({ policyId: "Bad Id" }));
  assert.equal(bad.details[0].field, "policyId");
  await policies.delete("gh/main");
  assert.equal((await rejection(policies.get("gh/main"))).name, "NotFoundError");

  const sp = admin.databricks.servicePrincipalFederationPolicies;
  const listed = await sp.list(BIG_SP);
  assert.equal(listed.items[0].servicePrincipalId, BIG_SP);
  const mine = await sp.create("1001", { policyId: "deploy", oidcPolicy: { issuer: "https://gitlab.com" } });
  assert.equal(mine.servicePrincipalId, "1001");
  const changed = await sp.update("1001", "deploy", { description: "deployer" });
  assert.equal(changed.description, "deployer");
  assert.deepEqual((await collect(sp.iterate(1001))).map((p) => p.policyId).sort(), ["ci-deployer", "deploy"]);
  await sp.delete("1001", "deploy");
  assert.equal((await rejection(sp.get("1001", "deploy"))).name, "NotFoundError");
});

test("errors: error_code over status, RetryInfo as a hint, every body shape", async () => {
  const admin = databricks(emulator, { maxRetries: 0 });
  const auth = await rejection(databricks(emulator, { auth: { bearer: "nope" } }).clients.list());
  assert.equal(auth.name, "AuthenticationError");
  assert.equal(auth.code, "UNAUTHENTICATED");

  await emulator.fault({
    path: APPS,
    status: 400,
    body: { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down", details: [] },
  });
  const limited = await rejection(admin.clients.list());
  assert.equal(limited.name, "RateLimitError");
  assert.equal(limited.status, 400);

  // A 429 with no Retry-After: the body's RetryInfo delay is the hint.
  await emulator.fault({ path: APPS, status: 429 });
  const hinted = await rejection(admin.clients.list());
  assert.equal(hinted.name, "RateLimitError");
  assert.equal(hinted.retryAfterMs, 1000);
  await emulator.fault({ path: APPS, status: 429, retryAfter: "7" });
  assert.equal((await rejection(admin.clients.list())).retryAfterMs, 7000, "the header wins");

  const shapes = [
    [502, "<html><title>Bad Gateway</title><body><pre>upstream down</pre></body></html>", "ServerError", "upstream down"],
    [400, JSON.stringify({ error: "legacy message" }), "ValidationError", "legacy message"],
    [404, JSON.stringify({ detail: "no such user", status: "404", scimType: "invalidValue" }), "NotFoundError", "no such user"],
    [400, "RESOURCE_ALREADY_EXISTS: taken", "ConflictError", "taken"],
    [503, "", "ServerError", "databricks answered HTTP 503"],
  ];
  for (const [status, body, name, message] of shapes) {
    await emulator.fault({ path: APPS, status, body });
    const err = await rejection(admin.clients.list());
    assert.deepEqual([err.name, err.message], [name, message], body);
  }
  const retried = databricks(emulator);
  const slowDown = { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retry_delay: "0.01s" }] };
  await emulator.fault({ path: APPS, method: "POST", status: 400, body: slowDown });
  const created = await retried.clients.create({ name: "after the limit" });
  assert.equal(typeof created.client.id, "string", "a rate limit on a 400 is retried, a create too");
  assert.equal((await sent(APPS)).filter((r) => r.method === "POST").length, 2);
  await emulator.fault({ path: APPS, status: 503, retryAfter: "0" });
  assert.equal((await retried.clients.list({ limit: 1 })).items.length, 1, "a 503 is retried after Retry-After");
});

test("OAuth M2M: one token for many calls, a new one after a 401, Basic credentials", async () => {
  const admin = databricks(emulator, { auth: { ...DATABRICKS_M2M } });
  await Promise.all([admin.clients.list(), admin.databricks.federationPolicies.list(), admin.databricks.publishedApps.list()]);
  let tokens = await sent(TOKEN_PATH);
  assert.equal(tokens.length, 1, "one token for concurrent calls");
  assert.deepEqual(tokens[0].body, { grant_type: "client_credentials", scope: "all-apis" });
  assert.equal(tokens[0].headers.authorization, "[redacted]");
  await admin.clients.list();
  assert.equal((await sent(TOKEN_PATH)).length, 1, "cached");
  await fetch(`${emulator.url}/__emulator/tokens`, { method: "DELETE" });
  assert.equal((await admin.clients.list({ limit: 1 })).items.length, 1);
  tokens = await sent(TOKEN_PATH);
  assert.equal(tokens.length, 2, "refreshed after the 401");
  const wrong = await rejection(databricks(emulator, { auth: { clientId: "x", clientSecret: "y" } }).clients.list());
  assert.equal(wrong.name, "AuthenticationError");
  assert.equal(wrong.message.includes("y"), false);
});
