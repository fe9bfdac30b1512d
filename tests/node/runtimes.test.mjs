// pkg/ in the other JavaScript runtimes, as users get it: packed, installed into an empty
// folder and imported by name with no init call, then run against the emulator by
//   - Deno and Bun (a script each, one process start each), and
//   - a Cloudflare Worker bundled by esbuild the way wrangler bundles (conditions
//     workerd, worker, browser; the `.wasm` kept as a module import) and served by workerd.
// Each runs runtimes-scenario.mjs: Clerk's 23 seeded apps listed 10 a page, a client
// created, read and deleted, and the 404 that follows as a NotFoundError.
// The runtimes are the npm packages pinned in package-lock.json; DENO, BUN or WORKERD in the
// environment point a run at another binary.
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { build } from "esbuild";

import { startEmulator } from "./support.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name) => process.env[name.toUpperCase()] || join(root, "node_modules/.bin", name);
const run = promisify(execFile);
const TIMEOUT = 30_000;

let app;
let emulator;

before(async () => {
  emulator = await startEmulator();
  app = mkdtempSync(join(tmpdir(), "oauth-admin-runtimes-"));
  execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", app, "--silent"], { stdio: "ignore" });
  const tarball = readdirSync(app).find((f) => f.endsWith(".tgz"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `./${tarball}`], { cwd: app, stdio: "ignore" });
  copyFileSync(fileURLToPath(new URL("./runtimes-scenario.mjs", import.meta.url)), join(app, "scenario.mjs"));
  writeFileSync(
    join(app, "main.mjs"),
    `import { scenario } from "./scenario.mjs";
const url = globalThis.Deno ? Deno.args[0] : process.argv[2];
const runtime = globalThis.Deno ? "deno " + Deno.version.deno : "bun " + Bun.version;
const result = await scenario(url);
console.log(JSON.stringify({ runtime, entry: import.meta.resolve("oauth-admin"), ...result }));
`,
  );
});

after(async () => {
  await emulator?.stop();
  if (app) rmSync(app, { recursive: true, force: true });
});

beforeEach(() => emulator.reset());

/** What every runtime must have seen. */
function check(result) {
  assert.deepEqual(result.pages, [10, 10, 3], "23 seeded apps, 10 a page");
  assert.equal(result.unique, 23);
  assert.equal(result.iterated, 23, "the async iterator walks the same pages");
  assert.equal(result.created.name, "Runtime check");
  assert.deepEqual(result.created.scopes, ["profile", "email"]);
  assert.equal(result.created.secret, "string");
  assert.deepEqual(result.read, { id: result.created.id, name: "Runtime check" });
  assert.ok(result.error, "reading the deleted client fails");
  assert.equal(result.error.isError, true);
  assert.equal(result.error.name, "NotFoundError", result.error.message);
  assert.equal(result.error.status, 404);
  assert.equal(result.error.provider, "clerk");
}

/** The last stdout line of `main.mjs` as JSON. */
async function script(command, args, env = {}) {
  const { stdout } = await run(command, args, {
    cwd: app,
    timeout: TIMEOUT,
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1));
}

test("Deno: picks the node entry; needs only net access to the API and read access to node_modules", async (t) => {
  const result = await script(
    bin("deno"),
    ["run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-read=node_modules", "main.mjs", emulator.url],
    { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(app, ".deno") },
  );
  t.diagnostic(result.runtime);
  assert.match(result.entry, /\/node_modules\/oauth-admin\/node\.mjs$/);
  check(result);
});

test("Bun: picks the node entry", async (t) => {
  const result = await script(bin("bun"), ["main.mjs", emulator.url], { DO_NOT_TRACK: "1" });
  t.diagnostic(result.runtime);
  assert.match(result.entry, /\/node_modules\/oauth-admin\/node\.mjs$/);
  check(result);
});

test("Cloudflare Worker: bundled by esbuild as wrangler does, served by workerd", async (t) => {
  const dist = join(app, "worker");
  mkdirSync(dist);
  writeFileSync(
    join(app, "worker.mjs"),
    `import { scenario } from "./scenario.mjs";
export default {
  async fetch(request, env) {
    try {
      return Response.json(await scenario(env.EMULATOR));
    } catch (err) {
      return new Response(String(err?.stack ?? err), { status: 500 });
    }
  },
};
`,
  );
  // wrangler's own settings: these conditions, ES modules, `.wasm` imports left as modules.
  const { metafile } = await build({
    absWorkingDir: app,
    entryPoints: ["worker.mjs"],
    outdir: dist,
    bundle: true,
    format: "esm",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.includes("node_modules/oauth-admin/worker.mjs"), `the workerd entry is bundled: ${inputs}`);
  assert.ok(!inputs.includes("node_modules/oauth-admin/index.mjs"), "not the browser entry");

  // The config lists the bundle's modules, the main one first.
  const files = readdirSync(dist);
  const wasm = files.filter((name) => name.endsWith(".wasm"));
  assert.deepEqual(files.filter((name) => !wasm.includes(name)), ["worker.js"]);
  assert.equal(wasm.length, 1, "the .wasm beside the bundle");
  const modules = [
    `(name = "worker.js", esModule = embed "worker.js")`,
    ...wasm.map((name) => `(name = "${name}", wasm = embed "${name}")`),
  ];
  writeFileSync(
    join(dist, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # fetch() from the Worker goes out here; "local" lets it reach the emulator on 127.0.0.1.
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")},
  ],
  compatibilityDate = "2024-01-01",
  globalOutbound = "internet",
  bindings = [(name = "EMULATOR", text = "${emulator.url}")],
);
`,
  );

  // One process: workerd reports the port it bound on fd 3 once it listens.
  const workerd = spawn(bin("workerd"), ["serve", "config.capnp", "--control-fd=3"], {
    cwd: dist,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  workerd.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = once(workerd, "exit");
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workerd did not listen: ${stderr}`)), TIMEOUT);
      createInterface({ input: workerd.stdio[3] }).on("line", (line) => {
        const event = JSON.parse(line);
        if (event.event === "listen" && event.socket === "http") {
          clearTimeout(timer);
          resolve(event.port);
        }
      });
      exited.then(([code]) => {
        clearTimeout(timer);
        reject(new Error(`workerd exited (${code}): ${stderr}`));
      });
    });
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(TIMEOUT) });
    const body = await res.text();
    assert.equal(res.status, 200, `${body}\n${stderr}`);
    const version = JSON.parse(readFileSync(join(root, "node_modules/workerd/package.json"), "utf8")).version;
    t.diagnostic(process.env.WORKERD ? `workerd at ${process.env.WORKERD}` : `workerd ${version}`);
    check(JSON.parse(body));
  } finally {
    workerd.kill("SIGTERM");
    await exited.catch(() => {});
  }
});
