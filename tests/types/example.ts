// Compiled with `tsc --strict` against pkg/'s declarations: the README's TypeScript
// examples must type-check, and misuse must not.
import {
  OAuthAdmin,
  type Capabilities,
  type CloudflareScope,
  type Created,
  type OAuthAdminConfig,
  type OAuthAdminError,
  type OAuthClient,
  type Page,
  type RegistrationStore,
  type Secret,
  type StoredRegistration,
} from "oauth-admin";

export async function tour(token: string, accountId: string): Promise<void> {
  const admin = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { bearer: token }, timeoutMs: 10_000 });
  const legacy = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { email: "a@example.com", apiKey: "k" } });
  void legacy;

  const caps: Capabilities = admin.capabilities;
  const paging: "single" | "offset" | "pageToken" = caps.paging;
  void paging;

  const page: Page<OAuthClient<"cloudflare">> = await admin.clients.list();
  const next: string | undefined = page.next;
  const total: number | undefined = page.total;
  void next;
  void total;

  for await (const client of admin.clients.iterate({ limit: 50 })) {
    const name: string | undefined = client.name;
    // A Cloudflare admin's clients carry Cloudflare's own record: no narrowing needed.
    const rotated: boolean | undefined = client.record.hasRotatedSecret;
    const provider: "cloudflare" = client.provider;
    void [name, rotated, provider];
  }

  const controller = new AbortController();
  const created: Created<OAuthClient<"cloudflare">> = await admin.clients.create(
    { name: "App", redirectUris: ["https://app.example.com/cb"], scopes: ["workers-platform.read"], grantTypes: ["authorization_code", "refresh_token"] },
    { signal: controller.signal, timeoutMs: 5_000 },
  );
  const secret: string | undefined = created.secret?.expose();
  void secret;

  await admin.clients.update(created.client.id, { logoUri: "https://app.example.com/logo.png" });
  const { secret: fresh } = await admin.clients.rotateSecret(created.client.id);
  const freshSecret: string = fresh.expose();
  // @ts-expect-error: a Secret is not a string; `expose()` is the one way to its value.
  const leaked: string = fresh;
  void leaked;
  void freshSecret;
  await admin.clients.deleteRotatedSecret(created.client.id);
  await admin.clients.delete(created.client.id);
  const scopes: Page<CloudflareScope> = await admin.cloudflare.scopes.list();
  const first: string | undefined = scopes.items[0]?.id;
  void first;
  for await (const scope of admin.cloudflare.scopes.iterate()) void scope.category;

  try {
    await admin.clients.get("missing");
  } catch (e) {
    const err = e as OAuthAdminError;
    if (err.name === "RateLimitError") {
      const wait: number | undefined = err.retryAfterMs;
      void wait;
    }
    const fields: (string | undefined)[] = err.details.map((d) => d.field);
    void fields;
  }
}

export async function otherProviders(key: string, token: string): Promise<void> {
  const clerk = new OAuthAdmin({ provider: "clerk", auth: { bearer: key }, apiVersion: "2025-11-10" });
  const page = await clerk.clients.list({ limit: 100, sort: "-createdAt", name: "portal" });
  for (const c of page.items) {
    const scopes: string | undefined = c.record.scopes;
    const pkce: boolean | undefined = c.record.pkceRequired;
    void [scopes, pkce];
  }
  await clerk.clients.create({ name: "Portal", scopes: ["profile", "email"], public: true });

  const atlan = new OAuthAdmin({ provider: "atlan", auth: { bearer: token }, baseUrl: "https://acme.atlan.com" });
  const roles = await atlan.atlan.roles.list();
  const role: string | undefined = roles.items[0]?.description;
  void role;
  const { client } = await atlan.clients.create({ name: "Bot", role: "Admin", personaQNs: [] });
  const created: number | undefined = client.record.createdAt;
  void created;
  const script = new OAuthAdmin({
    provider: "atlan",
    auth: { clientId: "oauth-client-1", clientSecret: "s" },
    baseUrl: "https://acme.atlan.com",
  });
  void script;
}

/** A provider chosen at run time: the admin is a union, narrowed by `provider`. */
export async function anyProvider(config: OAuthAdminConfig): Promise<string[]> {
  const admin = new OAuthAdmin(config);
  const page = await admin.clients.list();
  const names = page.items.map((c: OAuthClient) => {
    switch (c.provider) {
      case "cloudflare":
        return `${c.name} (${c.record.visibility})`;
      case "clerk":
        return `${c.name} (${c.record.scopes ?? ""})`;
      case "atlan":
        return `${c.name} (${c.record.role ?? "?"})`;
      case "sailpoint":
        return `${c.name} (${c.record.lastUsed ?? "never used"})`;
      case "rfc7591":
        return `${c.name} (${c.record.scope ?? ""})`;
      case "databricks":
        return `${c.name} (${c.record.principalId ?? "?"})`;
    }
  });
  if (admin.provider === "cloudflare") {
    const scopes = await admin.cloudflare.scopes.list();
    names.push(...scopes.items.map((s) => s.id));
  }
  return names;
}

export function misuse(accountId: string): void {
  // @ts-expect-error: `provider` must be one of the supported providers.
  new OAuthAdmin({ provider: "okta", accountId, auth: { bearer: "t" } });
  // @ts-expect-error: Cloudflare needs an account id.
  new OAuthAdmin({ provider: "cloudflare", auth: { bearer: "t" } });
  const admin = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { bearer: "t" } });
  // @ts-expect-error: `name` is required on create.
  void admin.clients.create({ redirectUris: [], scopes: [] });
  // @ts-expect-error: list params are typed.
  void admin.clients.list({ pageSize: 5 });
  // @ts-expect-error: Clerk takes no account id.
  new OAuthAdmin({ provider: "clerk", accountId, auth: { bearer: "k" } });
  // @ts-expect-error: options are exact: `baseURL` is not `baseUrl`.
  new OAuthAdmin({ provider: "clerk", auth: { bearer: "k" }, baseURL: "https://x" });
  // @ts-expect-error: Clerk logs in with a secret key only.
  new OAuthAdmin({ provider: "clerk", auth: { clientId: "a", clientSecret: "b" } });
}

export function narrowsByProvider(accountId: string): void {
  const clerk = new OAuthAdmin({ provider: "clerk", auth: { bearer: "k" } });
  // @ts-expect-error: Clerk's create input has no Cloudflare `grantTypes`.
  void clerk.clients.create({ name: "x", grantTypes: ["authorization_code"] });
  // @ts-expect-error: only Clerk's namespace exists on a Clerk admin.
  void clerk.cloudflare;
  // @ts-expect-error: Clerk has no rotated secret to delete.
  void clerk.clients.deleteRotatedSecret("id");
  void clerk.clients.get("id").then((c) => {
    const pkce: boolean | undefined = c.record.pkceRequired;
    // @ts-expect-error: a Clerk client's record is Clerk's: no typed Cloudflare `visibility`.
    const visibility: string = c.record.visibility;
    void visibility;
    void pkce;
  });

  const cf = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { bearer: "t" } });
  // @ts-expect-error: Cloudflare's create input has no Atlan `role`.
  void cf.clients.create({ name: "x", redirectUris: [], scopes: [], role: "Admin" });
  // @ts-expect-error: scopes can only be listed.
  void cf.cloudflare.scopes.get("account.read");
  // @ts-expect-error: Atlan's namespace is not on a Cloudflare admin.
  void cf.atlan.roles.list();

  const atlan = new OAuthAdmin({ provider: "atlan", auth: { bearer: "t" }, baseUrl: "https://acme.atlan.com" });
  // @ts-expect-error: Atlan has no secret rotation.
  void atlan.clients.rotateSecret("id");
}

export async function sailpoint(patId: string, patSecret: string): Promise<void> {
  const admin = new OAuthAdmin({
    provider: "sailpoint",
    baseUrl: "https://acme.api.identitynow.com",
    auth: { clientId: patId, clientSecret: patSecret },
    apiVersion: "v2025",
  });
  const stale = await admin.clients.list({ lastUsedBefore: "2025-01-01T00:00:00Z", neverUsed: true });
  for (const c of stale.items) {
    const lastUsed: string | undefined = c.lastUsedAt;
    const wire: string | undefined = c.record.lastUsed;
    const grants: ("CLIENT_CREDENTIALS" | "AUTHORIZATION_CODE" | "REFRESH_TOKEN" | (string & {}))[] | undefined = c.record.grantTypes;
    const type: string | undefined = c.record.type;
    void [lastUsed, wire, grants, type];
  }
  const { client, secret } = await admin.clients.create({ name: "CI", grantTypes: ["CLIENT_CREDENTIALS"], accessType: "OFFLINE" });
  void secret?.expose();
  await admin.clients.update(client.id, { enabled: false, description: null, accessTokenValiditySeconds: 900 });
  await admin.clients.delete(client.id);
  const bearer = new OAuthAdmin({ provider: "sailpoint", baseUrl: "https://acme.api.identitynow.com", auth: { bearer: "jwt" } });
  void bearer;

  // @ts-expect-error: SailPoint has no secret rotation.
  void admin.clients.rotateSecret(client.id);
  // @ts-expect-error: `type` cannot be patched.
  void admin.clients.update(client.id, { type: "PUBLIC" });
  // @ts-expect-error: `name` cannot be cleared.
  void admin.clients.update(client.id, { name: null });
  // @ts-expect-error: API versions are the published ones.
  new OAuthAdmin({ provider: "sailpoint", baseUrl: "https://acme.api.identitynow.com", auth: { bearer: "t" }, apiVersion: "v1" });
  // @ts-expect-error: `neverUsed` is a boolean.
  void admin.clients.list({ neverUsed: "yes" });
}

export async function registersOnAnyStandardServer(issuer: string, initialAccessToken: string): Promise<string> {
  const saved = new Map<string, StoredRegistration>();
  const registrations: RegistrationStore = {
    get: (clientId) => saved.get(clientId),
    set: async (clientId, registration) => {
      saved.set(clientId, { ...registration, registrationAccessToken: registration.registrationAccessToken.expose() });
    },
    delete: (clientId) => void saved.delete(clientId),
    keys: () => saved.keys(),
  };
  const admin = new OAuthAdmin({ provider: "rfc7591", issuer, auth: { bearer: initialAccessToken }, registrations });
  const { client, secret, registration } = await admin.clients.create({
    clientName: "Nightly export",
    grantTypes: ["client_credentials"],
    responseTypes: [],
    scope: ["api:read"],
    "clientName#fr": "Export de nuit",
    software_statement_extension: "kept as sent",
  });
  const token: Secret | undefined = registration?.registrationAccessToken;
  const expires: number | undefined = client.record.clientSecretExpiresAt;
  const expiresAt: string | undefined = client.secretExpiresAt;
  void token;
  void expires;
  void expiresAt;
  const clerk = await new OAuthAdmin({ provider: "clerk", auth: { bearer: "k" } }).clients.get("id");
  // @ts-expect-error: only RFC 7591 clients report when their secret expires.
  void clerk.secretExpiresAt;
  void secret?.expose();
  await admin.clients.update(client.id, { contacts: ["ops@example.com"] });
  const page = await admin.clients.list();
  try {
    await admin.clients.get(client.id);
  } catch (err) {
    const failure = err as OAuthAdminError;
    if (failure.name === "StoreError" && failure.registration) saved.set(client.id, failure.registration);
  }
  // @ts-expect-error: the standard defines no secret rotation.
  void admin.clients.rotateSecret(client.id);
  // @ts-expect-error: grant types are strings.
  void admin.clients.create({ grantTypes: [1] });
  // @ts-expect-error: a standard server is named by its issuer or registration endpoint, not a baseUrl-only config with auth shapes it does not take.
  new OAuthAdmin({ provider: "rfc7591", issuer, auth: { email: "a", apiKey: "b" } });
  new OAuthAdmin({ provider: "rfc7591", registrationEndpoint: `${issuer}/reg` });
  return page.items.map((c) => c.name ?? c.clientId).join(", ");
}

export async function databricks(accountId: string): Promise<string[]> {
  const admin = new OAuthAdmin({ provider: "databricks", accountId, auth: { clientId: "id", clientSecret: "s" } });
  const { client, secret } = await admin.clients.create({ name: "Reports", confidential: true, scopes: ["all-apis"] });
  const principal: string | undefined = client.record.principalId;
  const updated = await admin.clients.update(client.id, { redirectUrls: ["https://example.com/cb"] });
  // @ts-expect-error: the name is fixed at creation.
  void admin.clients.update(client.id, { name: "renamed" });
  // Kinds with a parent take its id first: a string, a number or a bigint.
  const made = await admin.databricks.servicePrincipalSecrets.create("1001", { lifetimeSeconds: 3600 });
  const value: string = made.secret.expose();
  const ids = (await admin.databricks.servicePrincipalSecrets.list(1001n, { limit: 5 })).items.map((s) => s.id);
  for await (const policy of admin.databricks.servicePrincipalFederationPolicies.iterate(1001)) ids.push(policy.policyId);
  // @ts-expect-error: a parented kind needs its parent id first.
  void admin.databricks.servicePrincipalSecrets.list({ limit: 5 });
  // @ts-expect-error: secrets cannot be read one by one.
  void admin.databricks.servicePrincipalSecrets.get("1001", "s1");
  const policy = await admin.databricks.federationPolicies.update("p1", { oidcPolicy: { audiences: ["x"] } });
  const apps = await admin.databricks.publishedApps.list();
  // @ts-expect-error: the published app catalogue is read-only.
  void admin.databricks.publishedApps.create({});
  return [principal ?? "", updated.id, value, policy.policyId, ...ids, ...apps.items.map((a) => a.appId), String(secret)];
}
