// pkg/ as users get it: packed, installed into an empty folder, imported by name from a
// Node ESM script with no init call, and bundled by Vite into a page that runs in Chromium.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";
import { build } from "vite";

import { ACCOUNT_ID, CLOUDFLARE_TOKEN, startEmulator } from "./support.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
let app;
let emulator;

before(async () => {
  emulator = await startEmulator();
  app = mkdtempSync(join(tmpdir(), "oauth-admin-app-"));
  execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", app, "--silent"], { stdio: "ignore" });
  const tarball = readdirSync(app).find((f) => f.endsWith(".tgz"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `./${tarball}`], { cwd: app, stdio: "ignore" });
});

after(async () => {
  await emulator.stop();
  rmSync(app, { recursive: true, force: true });
});

const script = (baseUrl) => `
import { OAuthAdmin } from "oauth-admin";
const admin = new OAuthAdmin({ provider: "cloudflare", accountId: "${ACCOUNT_ID}",
  auth: { bearer: "${CLOUDFLARE_TOKEN}" }, baseUrl: "${baseUrl}/client/v4" });
const page = await admin.clients.list();
export const result = admin.capabilities.provider + ":" + page.items.length;
`;

test("the packed package only ships what it needs", () => {
  const files = execFileSync("tar", ["-tzf", join(app, readdirSync(app).find((f) => f.endsWith(".tgz")))], {
    encoding: "utf8",
  });
  for (const wanted of ["core_bg.wasm", "core.js", "index.d.ts", "node.mjs", "index.mjs", "snippets/"]) {
    assert.ok(files.includes(`package/${wanted}`), `${wanted} is in the tarball`);
  }
  assert.ok(!files.includes(".rs"), "no Rust sources");
});

test("Node ESM: import by name, no init call", () => {
  writeFileSync(join(app, "main.mjs"), `${script(emulator.url)}\nconsole.log(result);`);
  const out = execFileSync("node", ["main.mjs"], { cwd: app, encoding: "utf8" }).trim();
  assert.match(out, /^cloudflare:\d+$/);
  assert.notEqual(out, "cloudflare:0");
});

test("a Vite-built page runs it in Chromium", async () => {
  writeFileSync(join(app, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script><pre id="out">…</pre>`);
  writeFileSync(
    join(app, "page.js"),
    `${script(emulator.url)}\ndocument.getElementById("out").textContent = result;`,
  );
  await build({ root: app, logLevel: "silent", build: { target: "es2022", outDir: "dist" } });

  const dist = join(app, "dist");
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = createServer(async (req, res) => {
    try {
      const path = req.url === "/" ? "/index.html" : req.url.split("?")[0];
      const body = await readFile(join(dist, path));
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "…", null, { timeout: 10_000 });
    assert.match(await page.textContent("#out"), /^cloudflare:[1-9]\d*$/);
  } finally {
    await browser.close();
    server.close();
  }
});
