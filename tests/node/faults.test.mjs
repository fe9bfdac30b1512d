// Faults on every route: for every provider and resource kind, a lifecycle run (create,
// list, get, update, rotate where the kind has it, delete) while the emulator answers some
// attempts with 429 + Retry-After, 500/502/503/504, added latency or a dropped connection.
// Reads must end in their value or the error their fault means; no create, rotation or
// update may be sent twice (counted from the emulator's request log, less the attempts a
// 429 turned away, which servers answer before doing any work).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { atlan, clerk, cloudflare, DATABRICKS_ACCOUNT, databricks, rfc7591, sailpoint, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());

/** Seeded choices (xorshift), so every run injects the same faults. */
function random(seed) {
  let x = seed;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

// Each fault with how many attempts it spoils, and whether the client may send again.
const FAULTS = [
  { name: "429", spec: { status: 429, retryAfter: "0" }, turnedAway: true },
  // Retry-After: 0 keeps the suite fast; the backoff itself is unit-tested.
  { name: "500", spec: { status: 500, retryAfter: "0" } },
  { name: "502", spec: { status: 502, retryAfter: "0" } },
  { name: "503", spec: { status: 503, retryAfter: "0" } },
  { name: "504", spec: { status: 504, retryAfter: "0" } },
  { name: "latency", spec: { latencyMs: 60 }, harmless: true },
  { name: "drop", spec: { dropConnection: true } },
];

const totals = { calls: 0, requests: 0, faults: 0, duplicateWrites: 0 };

/**
 * Runs `call` with one fault on `method path`; returns its value or its error, and checks
 * the outcome against what the fault means for a read or a write.
 */
async function underFault(pick, { method, path, write }, call) {
  const fault = FAULTS[pick(FAULTS.length)];
  const count = fault.harmless || !write ? 1 + pick(2) : 1;
  await emulator.fault({ path, method, count, ...fault.spec });
  const before = (await emulator.requests()).length;
  let value;
  let error;
  try {
    value = await call();
  } catch (err) {
    error = err;
  }
  const log = (await emulator.requests()).slice(before);
  totals.calls += 1;
  totals.requests += log.length;
  totals.faults += count;
  await fetch(`${emulator.url}/__emulator/faults`, { method: "DELETE" });
  const sent = log.filter((r) => r.method === method && r.path === path).length;
  if (write) {
    // Only attempts a 429 turned away may be sent again.
    const turnedAway = fault.turnedAway ? Math.min(count, sent - 1) : 0;
    totals.duplicateWrites += Math.max(0, sent - 1 - turnedAway);
    assert.ok(sent - turnedAway <= 1, `${method} ${path} under ${fault.name}: sent ${sent} times`);
    if (error) {
      const expected = fault.name === "drop" ? "ConnectionError" : "ServerError";
      assert.equal(error.name, expected, `${method} ${path} under ${fault.name}: ${error.message}`);
    }
  } else {
    // Two retries outlast every fault queued on a read.
    assert.equal(error, undefined, `${method} ${path} under ${fault.name}: ${error?.message}`);
  }
  return { value, error };
}

/** A write that a fault may fail: run it again with no fault, as a caller would. */
async function write(pick, route, call) {
  const first = await underFault(pick, { ...route, write: true }, call);
  return first.error ? call() : first.value;
}

const read = (pick, route, call) => underFault(pick, { ...route, write: false }, call).then((r) => r.value);

const DATABRICKS_API = `/api/2.0/accounts/${DATABRICKS_ACCOUNT}`;

const PROVIDERS = [
  {
    name: "cloudflare",
    admin: cloudflare,
    clients: "/client/v4/accounts/0123456789abcdef0123456789abcdef/oauth_clients",
    input: { name: "Faulty", redirectUris: ["https://f.test/cb"], scopes: ["openid"] },
    update: { method: "PATCH", changes: { name: "Faulty 2" } },
    rotate: (id, base) => ({ method: "POST", path: `${base}/${id}/rotate_secret` }),
    newest: {},
    kinds: [{ path: "cloudflare.scopes", route: "/client/v4/oauth/scopes" }],
  },
  {
    name: "clerk",
    admin: clerk,
    clients: "/v1/oauth_applications",
    input: { name: "Faulty", redirectUris: ["https://f.test/cb"] },
    update: { method: "PATCH", changes: { name: "Faulty 2" } },
    rotate: (id, base) => ({ method: "POST", path: `${base}/${id}/rotate_secret` }),
    newest: { sort: "-createdAt", limit: 5 },
    kinds: [],
  },
  {
    name: "atlan",
    admin: atlan,
    clients: "/api/service/oauth-clients",
    input: { name: "Faulty", role: "Member" },
    update: { method: "PUT", changes: { name: "Faulty 2" } },
    rotate: null,
    newest: { sort: "-createdAt", limit: 5 },
    kinds: [{ path: "atlan.roles", route: "/api/service/roles" }],
  },
  {
    name: "sailpoint",
    admin: sailpoint,
    clients: "/beta/oauth-clients",
    input: { name: "Faulty" },
    update: { method: "PATCH", changes: { name: "Faulty 2" } },
    rotate: null,
    newest: {},
    kinds: [],
  },
  {
    // Every read and update rotates the registration token: a faulted call must leave the
    // stored one working.
    name: "rfc7591",
    admin: rfc7591,
    clients: "/rfc7591/register",
    input: { clientName: "Faulty", grantTypes: ["client_credentials"], responseTypes: [] },
    update: { method: "PUT", changes: { clientName: "Faulty 2" } },
    rotate: null,
    newest: {},
    kinds: [],
  },
  {
    name: "databricks",
    admin: databricks,
    clients: `${DATABRICKS_API}/oauth2/custom-app-integrations`,
    // The name is fixed at creation: the update changes the redirect URLs and reads the app back.
    input: { name: "Faulty 2", redirectUrls: ["https://f.test/cb"], confidential: true },
    update: { method: "PATCH", changes: { redirectUrls: ["https://f.test/cb2"] } },
    rotate: null,
    newest: { name: "Faulty" },
    kinds: [
      { path: "databricks.publishedApps", route: `${DATABRICKS_API}/oauth2/published-apps` },
      { path: "databricks.publishedAppIntegrations", route: `${DATABRICKS_API}/oauth2/published-app-integrations` },
      { path: "databricks.federationPolicies", route: `${DATABRICKS_API}/federationPolicies` },
    ],
  },
];

for (const [index, provider] of PROVIDERS.entries()) {
  test(`${provider.name}: a lifecycle under faults on every route`, async () => {
    await emulator.reset();
    const pick = random(0x5eed + index);
    const admin = provider.admin(emulator);
    const base = provider.clients;
    for (let round = 0; round < 4; round++) {
      const { client } = await write(pick, { method: "POST", path: base }, () => admin.clients.create(provider.input));
      const id = client.id;
      const page = await read(pick, { method: "GET", path: base }, () => admin.clients.list(provider.newest));
      assert.ok(page.items.some((c) => c.id === id));
      assert.equal((await read(pick, { method: "GET", path: `${base}/${id}` }, () => admin.clients.get(id))).id, id);
      const { method, changes } = provider.update;
      assert.equal((await write(pick, { method, path: `${base}/${id}` }, () => admin.clients.update(id, changes))).name, "Faulty 2");
      if (provider.rotate) {
        const rotated = await write(pick, provider.rotate(id, base), () => admin.clients.rotateSecret(id));
        assert.equal(typeof rotated.secret.expose(), "string");
      }
      for (const kind of provider.kinds) {
        const [ns, name] = kind.path.split(".");
        const items = await read(pick, { method: "GET", path: kind.route }, () => admin[ns][name].list());
        assert.ok(items.items.length > 0);
      }
      await read(pick, { method: "DELETE", path: `${base}/${id}` }, () => admin.clients.delete(id));
    }
  });
}

test("the numbers", () => {
  console.log(
    `fault suite: ${totals.calls} calls, ${totals.requests} requests, ${totals.faults} faults injected, ` +
      `${totals.duplicateWrites} duplicate writes`,
  );
  assert.ok(totals.faults >= 60, "faults were injected on every route");
  assert.equal(totals.duplicateWrites, 0);
});
