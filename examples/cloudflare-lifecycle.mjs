// A client's whole life on Cloudflare: create, list, rotate the secret, retire the old
// one, delete. Runs against the real API or the local emulator:
//   CLOUDFLARE_ACCOUNT_ID=... CLOUDFLARE_API_TOKEN=... [CLOUDFLARE_BASE_URL=...] node examples/cloudflare-lifecycle.mjs
import { OAuthAdmin } from "oauth-admin";

const admin = new OAuthAdmin({
  provider: "cloudflare",
  accountId: process.env.CLOUDFLARE_ACCOUNT_ID,
  auth: { bearer: process.env.CLOUDFLARE_API_TOKEN },
  baseUrl: process.env.CLOUDFLARE_BASE_URL, // undefined: https://api.cloudflare.com/client/v4
});

const mask = (secret) => `of ${secret.expose().length} characters (not printed)`;

const { client, secret } = await admin.clients.create({
  name: "Demo app",
  redirectUris: ["https://demo.example.com/callback"],
  scopes: ["workers-platform.read"],
});
console.log(`created  ${client.id} "${client.name}", secret ${mask(secret)}: store it now, it is shown once`);

for await (const c of admin.clients.iterate()) {
  console.log(`listed   ${c.id} "${c.name ?? ""}" scopes=${c.scopes.join(" ")}`);
}

const rotated = await admin.clients.rotateSecret(client.id);
console.log(`rotated  new secret ${mask(rotated.secret)}; the old one works until it is deleted`);
await admin.clients.deleteRotatedSecret(client.id);
console.log("retired  the old secret");

await admin.clients.delete(client.id);
try {
  await admin.clients.get(client.id);
} catch (err) {
  console.log(`deleted  ${client.id} (get now fails: ${err.name} ${err.status})`);
}
