// RFC 7591/7592 through pkg/, against a real server: node oidc-provider (tests/oidc/server.mjs)
// with an initial access token and registration tokens rotated on every update.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inspect } from "node:util";

import { OAuthAdmin } from "../../pkg/node.mjs";
import { startOidcProvider } from "../oidc/server.mjs";
import { memoryRegistrations, rejection } from "./support.mjs";

let server;
before(async () => {
  server = await startOidcProvider();
});
after(() => server.stop());

function admin(extra = {}) {
  return new OAuthAdmin({ provider: "rfc7591", issuer: server.issuer, auth: { bearer: server.initialAccessToken }, ...extra });
}

const backend = {
  clientName: "Nightly export",
  grantTypes: ["client_credentials"],
  responseTypes: [],
  scope: ["api:read"],
  tokenEndpointAuthMethod: "client_secret_basic",
};

/** A read of the client's configuration with `token`, straight to the server. */
async function readWith(uri, token) {
  return fetch(uri, { headers: { authorization: `Bearer ${token}` } });
}

test("register, read, update twice, client credentials, delete", async () => {
  const registrations = memoryRegistrations();
  const oauth = admin({ registrations });
  const { client, secret, registration } = await oauth.clients.create(backend);
  assert.equal(client.provider, "rfc7591");
  assert.equal(client.name, "Nightly export");
  assert.deepEqual(client.grantTypes, ["client_credentials"]);
  assert.deepEqual(client.scopes, ["api:read"]);
  assert.equal(client.confidential, true);
  assert.match(client.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  assert.equal(client.record.clientSecretExpiresAt, 0, "0: the secret never expires");
  assert.equal(client.secretExpiresAt, undefined, "so the neutral view has no expiry");
  assert.equal(typeof secret.expose(), "string");
  assert.ok(registration.registrationClientUri.startsWith(`${server.issuer}/`));
  const printed = `${JSON.stringify({ client, secret, registration })} ${inspect({ secret, registration })}`;
  assert.ok(!printed.includes(secret.expose()) && !printed.includes(registration.registrationAccessToken.expose()), printed);
  assert.equal(registrations.token(client.id), registration.registrationAccessToken.expose(), "stored before create returned");

  const read = await oauth.clients.get(client.id);
  assert.equal(read.name, "Nightly export");

  let previous = registrations.token(client.id);
  for (const name of ["Nightly export v2", "Nightly export v3"]) {
    const updated = await oauth.clients.update(client.id, { clientName: name, contacts: ["ops@example.com"] });
    assert.equal(updated.name, name);
    assert.deepEqual(updated.record.contacts, ["ops@example.com"]);
    assert.deepEqual(updated.scopes, ["api:read"], "the fields not changed are kept (the PUT sends the whole document)");
    const current = registrations.token(client.id);
    assert.notEqual(current, previous, "the server rotated the token and the store holds the new one");
    assert.equal((await readWith(registration.registrationClientUri, previous)).status, 401, "the previous token is refused");
    assert.equal((await readWith(registration.registrationClientUri, current)).status, 200);
    previous = current;
  }

  // The registered id and secret work: the registration is real.
  const { token_endpoint: tokenEndpoint } = await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json();
  const granted = await fetch(tokenEndpoint, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(secret.expose())}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials&scope=api%3Aread",
  });
  assert.equal(granted.status, 200);
  assert.equal(typeof (await granted.json()).access_token, "string");

  await oauth.clients.delete(client.id);
  assert.equal(registrations.token(client.id), undefined, "the registration left the store");
  assert.equal((await readWith(registration.registrationClientUri, previous)).status, 401, "a deleted client reads as 401");
  const gone = await rejection(oauth.clients.get(client.id));
  assert.equal(gone.name, "NotFoundError", "nothing is stored for it any more");
});

test("a refused registration token is an AuthenticationError that says so", async () => {
  const registrations = memoryRegistrations();
  const oauth = admin({ registrations });
  const { client } = await oauth.clients.create(backend);
  const stale = registrations.token(client.id);
  await oauth.clients.update(client.id, { clientName: "Rotated" });
  registrations.put(client.id, stale);
  const err = await rejection(oauth.clients.get(client.id));
  assert.equal(err.name, "AuthenticationError");
  assert.equal(err.status, 401);
  assert.match(err.message, /registration access token is no longer valid/);
  assert.ok(!err.message.includes(stale));
});

test("the server's own metadata errors are ValidationErrors with its codes", async () => {
  const oauth = admin();
  const metadata = await rejection(oauth.clients.create({ ...backend, tokenEndpointAuthMethod: "not_a_method" }));
  assert.equal(metadata.name, "ValidationError");
  assert.equal(metadata.code, "invalid_client_metadata");
  assert.equal(metadata.status, 400);
  assert.ok(metadata.message.length > 0);

  const redirect = await rejection(
    oauth.clients.create({ clientName: "Web", redirectUris: ["https://app.example.com/cb#fragment"], grantTypes: ["authorization_code"], responseTypes: ["code"] }),
  );
  assert.equal(redirect.name, "ValidationError");
  assert.equal(redirect.code, "invalid_redirect_uri");
  assert.equal(redirect.details[0].field, "redirectUris");
});

test("registering without the initial access token is refused", async () => {
  const open = new OAuthAdmin({ provider: "rfc7591", issuer: server.issuer });
  const err = await rejection(open.clients.create(backend));
  assert.equal(err.name, "AuthenticationError");
  assert.equal(err.status, 401);
  assert.match(err.message, /initial access token/);
});

test("inconsistent metadata is refused before anything is sent", async () => {
  const oauth = admin();
  const err = await rejection(oauth.clients.create({ clientName: "x", grantTypes: ["client_credentials"] }));
  assert.equal(err.name, "ValidationError");
  assert.equal(err.details[0].field, "grantTypes");
  const both = await rejection(oauth.clients.create({ ...backend, jwks: { keys: [] }, jwksUri: "https://app.example.com/jwks" }));
  assert.equal(both.details[0].field, "jwks");
  assert.equal((await rejection(oauth.clients.rotateSecret("any"))).name, "UnsupportedError");
});

test("a store that cannot save rejects with the registration it could not keep", async () => {
  const registrations = memoryRegistrations();
  const oauth = admin({ registrations });
  const { client } = await oauth.clients.create(backend);
  registrations.failNextSet(new Error("vault sealed"));
  const err = await rejection(oauth.clients.update(client.id, { clientName: "Renamed" }));
  assert.equal(err.name, "StoreError");
  assert.match(err.message, /server's state changed/);
  assert.match(err.message, /vault sealed/);
  const { registration } = err;
  assert.equal(registration.clientId, client.id);
  const token = registration.registrationAccessToken.expose();
  assert.ok(!err.message.includes(token) && !JSON.stringify(err).includes(token) && !Object.keys(err).includes("registration"));
  assert.ok(!inspect(registration).includes(token));
  // The new token is the working one: saved by hand, the client is reachable again.
  registrations.put(client.id, token);
  assert.equal((await oauth.clients.get(client.id)).name, "Renamed");
});

test("list reads the clients the store knows; promise-returning stores work", async () => {
  const registrations = memoryRegistrations({ async: true });
  const oauth = admin({ registrations });
  const ids = [];
  for (const name of ["one", "two"]) ids.push((await oauth.clients.create({ ...backend, clientName: name })).client.id);
  const page = await oauth.clients.list();
  assert.deepEqual(page.items.map((c) => c.id).sort(), [...ids].sort());
  const all = [];
  for await (const c of oauth.clients.iterate()) all.push(c.name);
  assert.deepEqual(all.sort(), ["one", "two"]);

  const blind = admin({ registrations: { get: () => undefined, set() {}, delete() {} } });
  assert.equal((await rejection(blind.clients.list())).name, "UnsupportedError");
});

test("options are checked before anything is sent", () => {
  const bad = (config) => {
    try {
      new OAuthAdmin({ provider: "rfc7591", ...config });
    } catch (err) {
      return err;
    }
    assert.fail("expected the constructor to throw");
  };
  assert.equal(bad({}).details[0].field, "issuer");
  assert.equal(bad({ issuer: "http://as.example.com" }).details[0].field, "issuer");
  assert.equal(bad({ issuer: server.issuer, registrations: {} }).details[0].field, "registrations");
  assert.equal(bad({ issuer: server.issuer, baseUrl: server.issuer }).details[0].field, "baseUrl");
  const other = (() => {
    try {
      new OAuthAdmin({ provider: "clerk", auth: { bearer: "sk_test_x" }, registrations: memoryRegistrations() });
    } catch (err) {
      return err;
    }
  })();
  assert.equal(other.details[0].field, "registrations", "only rfc7591 takes a store");
});
