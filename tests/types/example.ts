// Compiled with `tsc --strict` against pkg/'s declarations: the README's TypeScript
// examples must type-check, and misuse must not.
import {
  OAuthAdmin,
  type Capabilities,
  type Created,
  type OAuthAdminError,
  type OAuthClient,
  type Page,
} from "oauth-admin";

export async function tour(token: string, accountId: string): Promise<void> {
  const admin = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { bearer: token }, timeoutMs: 10_000 });
  const legacy = new OAuthAdmin({ provider: "cloudflare", accountId, auth: { email: "a@example.com", apiKey: "k" } });
  void legacy;

  const caps: Capabilities = admin.capabilities;
  const paging: "single" | "offset" | "pageToken" = caps.paging;
  void paging;

  const page: Page<OAuthClient> = await admin.clients.list();
  const next: string | undefined = page.next;
  const total: number | undefined = page.total;
  void next;
  void total;

  for await (const client of admin.clients.iterate({ limit: 50 })) {
    const name: string | undefined = client.name;
    if (client.record.provider === "cloudflare") {
      // Narrowed to Cloudflare's own record.
      const rotated: boolean | undefined = client.record.hasRotatedSecret;
      void rotated;
    }
    void name;
  }

  const controller = new AbortController();
  const created: Created = await admin.clients.create(
    { name: "App", redirectUris: ["https://app.example.com/cb"], scopes: ["workers-platform.read"], grantTypes: ["authorization_code", "refresh_token"] },
    { signal: controller.signal, timeoutMs: 5_000 },
  );
  const secret: string | undefined = created.secret;
  void secret;

  await admin.clients.update(created.client.id, { logoUri: "https://app.example.com/logo.png" });
  const { secret: fresh } = await admin.clients.rotateSecret(created.client.id);
  const freshSecret: string = fresh;
  void freshSecret;
  await admin.clients.deleteRotatedSecret(created.client.id);
  await admin.clients.delete(created.client.id);
  const scopes = await admin.cloudflare.scopes();
  const first: string | undefined = scopes[0]?.id;
  void first;

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
    if (c.record.provider === "clerk") {
      const scopes: string | undefined = c.record.scopes;
      const pkce: boolean | undefined = c.record.pkceRequired;
      void scopes;
      void pkce;
    }
  }
  await clerk.clients.create({ name: "Portal", scopes: ["profile", "email"], public: true });

  const atlan = new OAuthAdmin({ provider: "atlan", auth: { bearer: token }, baseUrl: "https://acme.atlan.com" });
  const roles = await atlan.atlan.roles();
  const role: string | undefined = roles[0]?.description;
  void role;
  const { client } = await atlan.clients.create({ name: "Bot", role: "Admin", personaQNs: [] });
  if (client.record.provider === "atlan") {
    const created: number | undefined = client.record.createdAt;
    void created;
  }
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
}
