// The Cloudflare lifecycle through pkg/, against the emulator.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { ACCOUNT_ID, cloudflare, collect, rejection, startEmulator } from "./support.mjs";

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.stop());
beforeEach(() => emulator.reset());

const input = {
  name: "Deploy bot",
  redirectUris: ["https://bot.example.com/callback"],
  scopes: ["workers-platform.read"],
  logoUri: "https://bot.example.com/logo.png",
};

describe("cloudflare lifecycle", () => {
  test("create, get, list, update, rotate, delete rotated, delete", async () => {
    const admin = cloudflare(emulator);

    const { client, secret } = await admin.clients.create(input);
    assert.equal(typeof secret.expose(), "string");
    assert.ok(secret.expose().length > 10);
    assert.equal(client.name, "Deploy bot");
    assert.deepEqual(client.redirectUris, input.redirectUris);
    assert.deepEqual(client.grantTypes, ["authorization_code"]);
    assert.equal(client.provider, "cloudflare");
    assert.equal(client.record.logoUri, input.logoUri);
    assert.equal(client.confidential, true);
    assert.ok(!JSON.stringify(client).includes(secret), "the secret is not kept on the client");

    const fetched = await admin.clients.get(client.id);
    assert.equal(fetched.id, client.id);
    assert.equal(fetched.record.visibility, "private");

    const page = await admin.clients.list();
    assert.ok(page.items.some((c) => c.id === client.id));
    assert.equal(page.next, undefined);
    assert.equal(page.total, page.items.length);

    const updated = await admin.clients.update(client.id, { name: "Deploy bot v2" });
    assert.equal(updated.name, "Deploy bot v2");
    assert.deepEqual(updated.scopes, input.scopes, "fields not given are unchanged");
    const patch = (await emulator.requests()).find((r) => r.method === "PATCH");
    assert.deepEqual(patch.body, { client_name: "Deploy bot v2" }, "PATCH carries only the given field");

    const rotated = await admin.clients.rotateSecret(client.id);
    assert.equal(typeof rotated.secret.expose(), "string");
    assert.notEqual(rotated.secret.expose(), secret.expose());
    assert.equal((await admin.clients.get(client.id)).record.hasRotatedSecret, true);

    await admin.clients.deleteRotatedSecret(client.id);
    assert.equal((await admin.clients.get(client.id)).record.hasRotatedSecret, false);

    await admin.clients.delete(client.id);
    const gone = await rejection(admin.clients.get(client.id));
    assert.equal(gone.name, "NotFoundError");
    assert.equal(gone.status, 404);
    assert.equal(gone.provider, "cloudflare");
  });

  test("for await iterates every client", async () => {
    const admin = cloudflare(emulator);
    const { items } = await admin.clients.list();
    const seen = [];
    for await (const c of admin.clients.iterate()) seen.push(c.id);
    assert.deepEqual(seen, items.map((c) => c.id));
    assert.ok(seen.length >= 3, "the emulator seeds clients");
  });

  test("legacy e-mail + API key works", async () => {
    const admin = new OAuthAdmin({
      provider: "cloudflare",
      accountId: ACCOUNT_ID,
      auth: { email: "admin@example.com", apiKey: "cf-emulator-key" },
      baseUrl: `${emulator.url}/client/v4`,
    });
    assert.ok((await admin.clients.list()).items.length > 0);
  });

  test("scopes are a resource kind: list and iterate", async () => {
    const admin = cloudflare(emulator);
    const page = await admin.cloudflare.scopes.list();
    assert.ok(page.items.some((s) => s.id === "workers-platform.read" && typeof s.name === "string"));
    assert.equal(page.next, undefined);
    assert.equal(page.total, page.items.length);
    assert.deepEqual(await collect(admin.cloudflare.scopes.iterate()), page.items);
    assert.equal(admin.clerk, undefined, "another provider's namespace is absent");
    const unsupported = await rejection(admin.cloudflare.scopes.get("account.read"));
    assert.equal(unsupported.name, "UnsupportedError");
  });

  test("capabilities", () => {
    const caps = cloudflare(emulator).capabilities;
    assert.equal(caps.provider, "cloudflare");
    assert.equal(caps.paging, "single");
    assert.equal(caps.operations.rotateSecret, true);
    assert.ok(caps.createFields.some((f) => f.name === "redirectUris" && f.required));
    assert.deepEqual(
      caps.resources.map((r) => [r.path, r.label, r.operations.list, r.operations.create]),
      [
        ["clients", "OAuth clients", true, true],
        ["cloudflare.scopes", "Scopes", true, false],
      ],
    );
  });
});

describe("cloudflare errors", () => {
  test("a wrong token is an AuthenticationError with Cloudflare's code", async () => {
    const admin = new OAuthAdmin({
      provider: "cloudflare",
      accountId: ACCOUNT_ID,
      auth: { bearer: "wrong" },
      baseUrl: `${emulator.url}/client/v4`,
    });
    const err = await rejection(admin.clients.list());
    assert.ok(err instanceof Error);
    assert.equal(err.name, "AuthenticationError");
    assert.equal(err.status, 401);
    assert.match(err.code, /^\d{4,}$/);
    assert.ok(err.details.length >= 1);
    assert.ok(!err.message.includes("wrong"), "the token is not echoed");
  });

  test("local validation names the field and sends nothing", async () => {
    const admin = cloudflare(emulator);
    const cases = [
      [{ ...input, grantTypes: ["refresh_token"] }, "grantTypes"],
      [{ ...input, scopes: ["zone:read"] }, "scopes"],
      [{ ...input, redirectUris: ["not a url"] }, "redirectUris"],
      [{ ...input, responseTypes: ["magic"] }, "responseTypes"],
      [{ ...input, redirectUri: ["https://typo.example.com"] }, "redirectUri"],
    ];
    for (const [bad, field] of cases) {
      const err = await rejection(admin.clients.create(bad));
      assert.equal(err.name, "ValidationError", field);
      assert.equal(err.details[0].field, field);
      assert.match(err.message, new RegExp(field));
    }
    assert.deepEqual(await emulator.requests(), [], "no request was sent");
  });

  test("server-side validation maps the source pointer", async () => {
    const admin = cloudflare(emulator);
    // A dot-delimited scope the emulator does not know passes local checks.
    const err = await rejection(admin.clients.create({ ...input, scopes: ["nonexistent.scope"] }));
    assert.equal(err.name, "ValidationError");
    assert.equal(err.status, 400);
    assert.ok(err.details.some((d) => d.field === "/scopes"), JSON.stringify(err.details));
  });

  test("a 429 is retried after Retry-After", async () => {
    const admin = cloudflare(emulator);
    await emulator.fault({ path: "/client/v4/accounts", status: 429, retryAfter: "1", count: 1 });
    const started = Date.now();
    const page = await admin.clients.list();
    assert.ok(page.items.length > 0);
    assert.ok(Date.now() - started >= 900, "waited for Retry-After");
    assert.equal((await emulator.requests()).length, 2);
  });

  test("a 429 that outlasts the retries is a RateLimitError with retryAfterMs", async () => {
    const admin = cloudflare(emulator, { maxRetries: 0 });
    await emulator.fault({ path: "/client/v4/accounts", status: 429, retryAfter: "7", count: 1 });
    const err = await rejection(admin.clients.list());
    assert.equal(err.name, "RateLimitError");
    assert.equal(err.status, 429);
    assert.equal(err.retryAfterMs, 7000);
  });

  test("a 503 on GET is retried; a 500 on create is not", async () => {
    const admin = cloudflare(emulator);
    await emulator.fault({ path: "/client/v4/accounts", method: "GET", status: 503, retryAfter: "0", count: 1 });
    assert.ok((await admin.clients.list()).items.length > 0);

    await emulator.fault({ path: "/client/v4/accounts", method: "POST", status: 500, count: 1 });
    const err = await rejection(admin.clients.create(input));
    assert.equal(err.name, "ServerError");
    assert.equal(err.status, 500);
    const posts = (await emulator.requests()).filter((r) => r.method === "POST");
    assert.equal(posts.length, 1, "a create is never repeated after a 500");
  });

  test("timeoutMs ends a slow call with a TimeoutError", async () => {
    const admin = cloudflare(emulator);
    await emulator.fault({ path: "/client/v4/accounts", latencyMs: 2000, count: 1 });
    const err = await rejection(admin.clients.list(undefined, { timeoutMs: 200 }));
    assert.equal(err.name, "TimeoutError");
  });

  test("an AbortSignal ends the call with an AbortError", async () => {
    const admin = cloudflare(emulator);
    await emulator.fault({ path: "/client/v4/accounts", latencyMs: 2000, count: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort("user left"), 100);
    const err = await rejection(admin.clients.list(undefined, { signal: controller.signal }));
    assert.equal(err.name, "AbortError");

    const already = AbortSignal.abort();
    assert.equal((await rejection(admin.clients.get("x", { signal: already }))).name, "AbortError");
  });

  test("403, 409 and an unreadable body map to their kinds", async () => {
    const otherAccount = new OAuthAdmin({
      provider: "cloudflare",
      accountId: "ffffffffffffffffffffffffffffffff",
      auth: { bearer: "cf-emulator-token" },
      baseUrl: `${emulator.url}/client/v4`,
    });
    const denied = await rejection(otherAccount.clients.list());
    assert.equal(denied.name, "PermissionDeniedError");
    assert.equal(denied.status, 403);

    const admin = cloudflare(emulator);
    await emulator.fault({ path: "/client/v4/accounts", method: "PATCH", status: 409 });
    const conflict = await rejection(admin.clients.update("cf000000000000000000000000000001", { name: "x" }));
    assert.equal(conflict.name, "ConflictError");
    assert.equal(conflict.status, 409);

    await emulator.fault({ path: "/client/v4/accounts", status: 200, body: { success: true, result: [{ visibility: 1 }] } });
    const decode = await rejection(admin.clients.list());
    assert.equal(decode.name, "DecodeError");
    assert.equal(decode.provider, "cloudflare");
  });

  test("nothing listens: ConnectionError", async () => {
    const admin = new OAuthAdmin({
      provider: "cloudflare",
      accountId: ACCOUNT_ID,
      auth: { bearer: "t" },
      baseUrl: "http://127.0.0.1:9/client/v4",
      maxRetries: 0,
    });
    assert.equal((await rejection(admin.clients.list())).name, "ConnectionError");
  });

  test("bad call options are a ValidationError", async () => {
    const admin = cloudflare(emulator);
    const err = await rejection(admin.clients.list(undefined, { timeoutMs: -1 }));
    assert.equal(err.name, "ValidationError");
    assert.equal(err.details[0].field, "timeoutMs");
  });

  test("a bad constructor option throws a ValidationError naming it", () => {
    assert.throws(
      () => new OAuthAdmin({ provider: "cloudflare", accountId: "short", auth: { bearer: "t" } }),
      (err) => err.name === "ValidationError" && err.details[0].field === "accountId",
    );
  });
});
