// What runtimes.test.mjs runs inside Deno, Bun and a Worker served by workerd: the packed
// package imported by name (no init call) against the emulator's Clerk API. It returns a
// plain object; the Node test compares it. Not a test file itself (node --test skips it).
import { OAuthAdmin } from "oauth-admin";

export async function scenario(emulatorUrl) {
  const admin = new OAuthAdmin({ provider: "clerk", auth: { bearer: "sk_test_emulator" }, baseUrl: `${emulatorUrl}/v1` });

  // Every page by cursor, then the same through the async iterator.
  const pages = [];
  const ids = [];
  let cursor;
  do {
    const page = await admin.clients.list({ limit: 10, cursor });
    pages.push(page.items.length);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.next;
  } while (cursor !== undefined && cursor !== null);
  let iterated = 0;
  for await (const client of admin.clients.iterate({ limit: 10 })) iterated += client.id ? 1 : 0;

  const { client, secret } = await admin.clients.create({
    name: "Runtime check",
    redirectUris: ["https://runtime.example.com/callback"],
    scopes: ["profile", "email"],
  });
  const read = await admin.clients.get(client.id);
  await admin.clients.delete(client.id);

  let error;
  try {
    await admin.clients.get(client.id);
  } catch (err) {
    error = { isError: err instanceof Error, name: err.name, status: err.status, provider: err.provider, message: err.message };
  }

  return {
    pages,
    unique: new Set(ids).size,
    iterated,
    created: { id: client.id, name: client.name, scopes: client.scopes, secret: typeof secret.expose() },
    read: { id: read.id, name: read.name },
    error,
  };
}
