// Shared set-up for the integration suites: a private emulator per test file, its control
// API, and admins pointed at it.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

import { OAuthAdmin } from "../../pkg/node.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef";
export const CLOUDFLARE_TOKEN = "cf-emulator-token";
export const CLERK_KEY = "sk_test_emulator";
export const ATLAN_TOKEN = "atlan-emulator-token";

/** Starts the emulator on an ephemeral port; resolves once it prints its URL. */
export async function startEmulator({ binary = `${root}/target/debug/oauth-admin-emulator` } = {}) {
  const child = spawn(binary, ["--port", "0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise((resolve, reject) => {
    lines.on("line", (line) => {
      const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
  });
  const url = await ready;
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    url,
    reset: () => control("POST", "reset"),
    fault: (spec) => control("POST", "faults", spec),
    requests: () => control("GET", "requests"),
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** An admin for the emulator's seeded Cloudflare account. */
export function cloudflare(emulator, extra = {}) {
  return new OAuthAdmin({
    provider: "cloudflare",
    accountId: ACCOUNT_ID,
    auth: { bearer: CLOUDFLARE_TOKEN },
    baseUrl: `${emulator.url}/client/v4`,
    ...extra,
  });
}

/** An admin for the emulator's Clerk instance. */
export function clerk(emulator, extra = {}) {
  return new OAuthAdmin({ provider: "clerk", auth: { bearer: CLERK_KEY }, baseUrl: `${emulator.url}/v1`, ...extra });
}

/** An admin for the emulator's Atlan tenant (the tenant root is the emulator's origin). */
export function atlan(emulator, extra = {}) {
  return new OAuthAdmin({ provider: "atlan", auth: { bearer: ATLAN_TOKEN }, baseUrl: emulator.url, ...extra });
}

/** Collects every item `iterable` yields. */
export async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Runs `promise` and returns the error it rejects with (fails if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export const SAILPOINT_TOKEN = "sailpoint-emulator-token";
/** The emulator's seeded SailPoint personal access token, as `auth`. */
export const SAILPOINT_PAT = { clientId: "sailpoint-emulator-pat", clientSecret: "sailpoint-emulator-pat-secret" };

/** An admin for the emulator's SailPoint tenant (the API root is the emulator's origin). */
export function sailpoint(emulator, extra = {}) {
  return new OAuthAdmin({ provider: "sailpoint", auth: { bearer: SAILPOINT_TOKEN }, baseUrl: emulator.url, ...extra });
}

/** A registration store over a Map, as a caller writes one (`async: true` answers with
 * promises), with helpers to read and plant tokens and to make the next `set` throw. */
export function memoryRegistrations({ async = false } = {}) {
  const saved = new Map();
  let failure;
  const answer = (value) => (async ? Promise.resolve(value) : value);
  return {
    get: (clientId) => answer(saved.get(clientId)),
    set(clientId, registration) {
      if (failure) {
        const err = failure;
        failure = undefined;
        throw err;
      }
      saved.set(clientId, { ...registration, registrationAccessToken: registration.registrationAccessToken.expose() });
      return answer(undefined);
    },
    delete: (clientId) => answer(void saved.delete(clientId)),
    keys: () => answer([...saved.keys()]),
    token: (clientId) => saved.get(clientId)?.registrationAccessToken,
    put(clientId, token) {
      saved.set(clientId, { ...saved.get(clientId), registrationAccessToken: token });
    },
    failNextSet(err) {
      failure = err;
    },
  };
}

/** The emulator's initial access token for RFC 7591 registration (emulator/README.md). */
export const RFC7591_INITIAL_TOKEN = "rfc7591-initial-token";

/** An admin for the emulator's RFC 7591/7592 server (issuer `<origin>/rfc7591`). */
export function rfc7591(emulator, extra = {}) {
  return new OAuthAdmin({ provider: "rfc7591", issuer: `${emulator.url}/rfc7591`, auth: { bearer: RFC7591_INITIAL_TOKEN }, ...extra });
}

export const DATABRICKS_ACCOUNT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
export const DATABRICKS_TOKEN = "dbx-emulator-token";
/** The service principal whose OAuth secret the emulator's token endpoint accepts. */
export const DATABRICKS_M2M = { clientId: "dbx-emulator-sp", clientSecret: "dbx-emulator-secret" };

/** An admin for the emulator's Databricks account (the accounts host is its origin). */
export function databricks(emulator, extra = {}) {
  return new OAuthAdmin({
    provider: "databricks",
    accountId: DATABRICKS_ACCOUNT,
    auth: { bearer: DATABRICKS_TOKEN },
    baseUrl: emulator.url,
    ...extra,
  });
}
