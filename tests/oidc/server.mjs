// A real RFC 7591/7592 server for the tests: node oidc-provider (pinned in package-lock.json)
// on 127.0.0.1, an ephemeral port, with registration behind an initial access token minted
// at start-up, registration management rotating the registration token on every update, and
// the client credentials grant. Run it alone (`node tests/oidc/server.mjs`) to try it by hand.
import { createServer } from "node:http";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

/** Starts the server; resolves to `{ issuer, initialAccessToken, stop() }`. */
export async function startOidcProvider() {
  // oidc-provider prefers Node 22 and says so on import, and warns that its in-memory
  // storage and signing keys are for development: exactly what a test server is.
  const { default: Provider } = await quietly(() => import("oidc-provider"));
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = await quietly(() => new Provider(issuer, {
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      registration: { enabled: true, initialAccessToken: true },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
    },
    // Clients registered without redirects (the client credentials grant) need no defaults
    // that ask for them.
    clientDefaults: { grant_types: ["client_credentials"], response_types: [], token_endpoint_auth_method: "client_secret_basic" },
    scopes: ["api:read", "api:write"],
  }));
  server.on("request", provider.callback());
  const initialAccessToken = await new provider.InitialAccessToken({}).save();
  return {
    issuer,
    initialAccessToken,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function quietly(load) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!String(args[0]).startsWith("oidc-provider WARNING")) warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { issuer, initialAccessToken } = await startOidcProvider();
  console.log(`oidc-provider listening on ${issuer}`);
  console.log(`initial access token: ${initialAccessToken}`);
}
