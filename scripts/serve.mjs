// Serves the built admin page (www/dist) on 127.0.0.1 next to a local emulator.
//
//   node scripts/serve.mjs            start the emulator and the page, print where, run until Ctrl-C
//
// Environment: EMULATOR_PORT (default 8787) and PAGE_PORT (default 8080); when a port is taken,
// any free one is used instead. The page learns the emulator's origin from /config.json, which
// never holds credentials: the person types those in. The page is served first so that the
// emulator can be told its origin (`--allow-origin`): the emulator's test hooks answer no other
// web page.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// The headers www/README.md ("Hosting") asks every host to send, from one list.
import { securityHeaders as SECURITY_HEADERS } from "../www/csp.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** Listens on 127.0.0.1:`port`, or on any free port if that one is taken. */
async function listen(server, port) {
  for (const attempt of port === 0 ? [0] : [port, 0]) {
    try {
      server.listen(attempt, "127.0.0.1");
      await once(server, "listening");
      return server.address().port;
    } catch (error) {
      if (error.code !== "EADDRINUSE" || attempt === 0) throw error;
    }
  }
  throw new Error("unreachable");
}

/**
 * Serves `dir` (the built page) read-only, plus /config.json with `config` (read on every
 * request, so it can be filled in after the server starts), with the security `headers` (tests
 * pass `{}` to stand in for a static host that sends none). Resolves to `{ url, close() }`.
 */
export async function servePage({ dir = join(root, "www/dist"), port = 0, config = {}, headers = SECURITY_HEADERS } = {}) {
  const base = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path === "/config.json") {
      res.writeHead(200, { ...headers, "content-type": TYPES[".json"], "cache-control": "no-store" });
      res.end(JSON.stringify(config));
      return;
    }
    const file = normalize(join(base, path.endsWith("/") ? `${path}index.html` : path));
    // normalize() resolves "..": anything that ends up outside dist/ is not served.
    if (!file.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end("Not found");
    }
  });
  const actual = await listen(server, port);
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts target/debug/oauth-admin-emulator on `port` (any free port when taken or 0).
 * `allowOrigin` is the page origin (or URL) whose scripts may call the emulator's test hooks,
 * besides callers without an Origin such as Node; without it, no other web page may.
 * Resolves to `{ url, child, stop() }` once it prints its address.
 */
export async function startEmulator({ port = 0, log, allowOrigin } = {}) {
  const args = allowOrigin ? ["--allow-origin", new URL(allowOrigin).origin] : [];
  for (const attempt of port === 0 ? [0] : [port, 0]) {
    const child = spawn(join(root, "target/debug/oauth-admin-emulator"), ["--port", String(attempt), ...args], {
      stdio: ["ignore", "pipe", log ? "pipe" : "ignore"],
    });
    if (log) createInterface({ input: child.stderr }).on("line", log);
    const lines = createInterface({ input: child.stdout });
    const started = await new Promise((resolve) => {
      lines.on("line", (line) => {
        const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) resolve({ url: match[1] });
      });
      child.once("exit", () => resolve(undefined));
    });
    if (started) {
      return {
        ...started,
        child,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          await once(child, "exit");
        },
      };
    }
    // An early exit with a fixed port almost always means the port is taken: try any port.
  }
  throw new Error("the emulator did not start (run `make emulator` first)");
}

async function main() {
  const config = {};
  const page = await servePage({ port: Number(process.env.PAGE_PORT ?? 8080), config });
  let emulator;
  try {
    emulator = await startEmulator({
      port: Number(process.env.EMULATOR_PORT ?? 8787),
      log: (line) => console.log(`[emulator] ${line}`),
      allowOrigin: page.url,
    });
  } catch (error) {
    await page.close();
    throw error;
  }
  config.emulator = emulator.url;

  console.log(`
  Admin page:  ${page.url}
  Emulator:    ${emulator.url}  (the page's default base URL)

  The emulator's seeded credentials (emulator/README.md has them all):
    Cloudflare  Account ID 0123456789abcdef0123456789abcdef, API token cf-emulator-token
                (or E-mail admin@example.com and Global API key cf-emulator-key)
    Clerk       Secret key sk_test_emulator
    Atlan       API token atlan-emulator-token
                (or OAuth client: Client ID oauth-client-5eedc11e-0000-4000-8000-000000000001
                 and Client secret atlan-seed-secret-01; any of the 25 seeded clients works)
    SailPoint   Access token sailpoint-emulator-token
                (or personal access token: Client ID sailpoint-emulator-pat
                 and Client secret sailpoint-emulator-pat-secret)
    Databricks  Account ID 0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6, token dbx-emulator-token
                (or OAuth M2M: Client ID dbx-emulator-sp and Client secret dbx-emulator-secret)
    RFC 7591    Issuer ${emulator.url}/rfc7591, initial access token rfc7591-initial-token

  Press Ctrl-C to stop.
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([page.close(), emulator.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // Ctrl-C reaches the emulator too (same process group) and it exits 0; anything else is a crash.
  emulator.child.once("exit", (code) => {
    if (stopping) return;
    if (code !== 0) console.error(`the emulator stopped unexpectedly (exit code ${code})`);
    stopping = true;
    void page.close().then(() => process.exit(code === 0 ? 0 : 1));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  await main();
}
