// Shared set-up for the admin page tests: the built page (www/dist) served by scripts/serve.mjs
// with its real headers, a private emulator that lets that page's origin call its test hooks (as
// `make demo` does), and Debian's Chromium driven by playwright-core.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { servePage, startEmulator } from "../../scripts/serve.mjs";

export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

/** The emulator's seeded Cloudflare account (emulator/README.md). */
export const CLOUDFLARE = {
  provider: "cloudflare",
  options: { accountId: "0123456789abcdef0123456789abcdef" },
  auth: { bearer: "cf-emulator-token" },
};

/** One of the emulator's seeded Atlan OAuth clients (id and secret), as the connect form takes
 * it; the library exchanges them for access tokens at `POST /api/service/oauth-clients/token`. */
export const ATLAN_OAUTH_CLIENT = {
  provider: "atlan",
  authOption: "OAuth client",
  auth: { clientId: "oauth-client-5eedc11e-0000-4000-8000-000000000001", clientSecret: "atlan-seed-secret-01" },
};

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];

/**
 * Starts everything one test file needs. `problems` collects page errors, CSP violations and
 * any alert() (which would mean injected markup ran); each file asserts it stays empty.
 */
export async function startHarness() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const config = {};
  const server = await servePage({ config });
  const emulator = await startEmulator({ allowOrigin: server.url });
  config.emulator = emulator.url;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // Chromium logs every non-2xx response; the error states under test cause those on purpose.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on("dialog", async (dialog) => {
    problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });

  const control = async (method, path, body) => {
    const res = await fetch(`${emulator.url}/__emulator/${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(res.ok, `emulator ${method} ${path}: ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  };

  return {
    emulator,
    server,
    browser,
    page,
    problems,
    reset: () => control("POST", "reset"),
    fault: (spec) => control("POST", "faults", spec),
    faults: () => control("GET", "faults"),
    clearFaults: () => control("DELETE", "faults"),
    requests: () => control("GET", "requests"),
    clearRequests: () => control("DELETE", "requests"),
    /** The whole page; a modal dialog only the window, since its backdrop covers only that. */
    async screenshot(name) {
      const modal = await page.locator("dialog[open]").count();
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: modal === 0 });
    },
    async stop() {
      await browser.close();
      await server.close();
      await emulator.stop();
    },
  };
}

/** Fills and submits the connect form, the way a person would. */
export async function connect(page, { provider, options = {}, auth, authOption }) {
  const form = page.locator("form.connect");
  await form.getByLabel("Provider").selectOption(provider);
  for (const [name, value] of Object.entries(options)) await form.locator(`[name="${name}"]`).fill(value);
  if (authOption) await form.getByRole("radio", { name: authOption }).check();
  for (const [name, value] of Object.entries(auth)) await form.locator(`.auth-fields:visible [name="${name}"]`).fill(value);
  await form.getByRole("button", { name: "Connect" }).click();
}

/** The text of every row's name cell, in order. */
export function names(page) {
  return page.locator("table.clients tbody th").allTextContents();
}

/** The tab of a resource kind, by its label. */
export function tab(page, label) {
  return page.getByRole("tab", { name: label, exact: true });
}

/** Opens a kind's tab and waits until its items (or why there are none) are shown. */
export async function openKind(page, label) {
  await tab(page, label).click();
  const panel = page.getByRole("tabpanel", { name: label, exact: true });
  await panel.locator(".list-status").filter({ hasText: /item|There are none|could not/ }).waitFor();
  return panel;
}

/** A kind's table as header texts and rows of cell texts. */
export async function kindTable(panel) {
  const table = panel.locator("table.items");
  return {
    columns: await table.locator("thead th").allTextContents(),
    rows: await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent))),
  };
}
