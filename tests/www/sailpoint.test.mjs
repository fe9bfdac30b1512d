// SailPoint through the same page, with no page code of its own: signing in with a personal
// access token (exchanged for access tokens by the library), the "Last used" column and the
// stale filter that its capabilities offer, and an edit sent as a JSON Patch.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { connect, names, startHarness } from "./harness.mjs";

const CLIENTS = "/beta/oauth-clients";
const PAT = {
  provider: "sailpoint",
  authOption: "Personal access token or API client",
  auth: { clientId: "sailpoint-emulator-pat", clientSecret: "sailpoint-emulator-pat-secret" },
};
const DAY_MS = 86_400_000;

let h;
let page;

before(async () => {
  h = await startHarness();
  page = h.page;
  await page.goto(h.server.url);
});

after(async () => {
  await h?.stop();
});

const status = () => page.locator(".list-status").first();
const column = async (label) => {
  const headers = await page.locator("table.clients thead th").allTextContents();
  const index = headers.indexOf(label);
  assert.ok(index >= 0, `a ${label} column in ${headers}`);
  return page.locator("table.clients tbody tr").evaluateAll((rows, i) => rows.map((row) => row.cells[i]?.textContent), index);
};

test("SailPoint: a personal access token signs in and the list shows when each client was last used", async () => {
  await connect(page, PAT);
  await page.locator("table.clients").waitFor();
  await status().filter({ hasText: "12 clients" }).waitFor();
  const lastUsed = await column("Last used");
  assert.equal(lastUsed.filter((text) => text === "Never").length, 4);
  assert.equal(lastUsed.length, 12);
  const token = (await h.requests()).find((r) => r.path === "/oauth/token");
  assert.equal(token.body.client_id, PAT.auth.clientId);
  assert.equal(token.body.client_secret, "[redacted]");
  await h.screenshot("30-sailpoint-list");
});

test("SailPoint: the stale filter lists clients not used since a day, or never used", async () => {
  const since = new Date(Date.now() - 100 * DAY_MS).toISOString().slice(0, 10);
  await page.getByLabel("Not used since").fill(since);
  await status().filter({ hasText: /^3 clients$/ }).waitFor();
  await page.getByLabel("Or never used").check();
  await status().filter({ hasText: /^7 clients$/ }).waitFor();
  assert.equal((await column("Last used")).filter((text) => text === "Never").length, 4);
  const [last] = (await h.requests()).filter((r) => r.method === "GET" && r.path === CLIENTS).slice(-1);
  assert.equal(last.query, `filters=${encodeURIComponent(`lastUsed le ${since}T00:00:00Z or lastUsed isnull`)}`);
  await h.screenshot("31-sailpoint-stale");
  assert.ok((await names(page)).includes("Old SIEM Feed"));
  await page.getByLabel("Or never used").uncheck();
  await page.getByLabel("Not used since").fill("");
  await status().filter({ hasText: "12 clients" }).waitFor();
});

test("SailPoint: editing a client sends only the changes, as a typed JSON Patch", async () => {
  await page.getByRole("button", { name: "Identity Sync" }).click();
  await page.locator("main h2").filter({ hasText: "Identity Sync" }).waitFor();
  assert.match(await page.locator(".detail-body").textContent(), /Last used/);
  await page.getByRole("button", { name: "Edit" }).click();
  const validity = page.getByLabel("Access token validity (seconds)");
  assert.equal(await validity.inputValue(), "750");
  assert.ok(await page.getByRole("checkbox", { name: "CLIENT_CREDENTIALS" }).isChecked(), "the wire's grant types");
  await validity.fill("900");
  await page.getByLabel("Enabled").selectOption("false");
  await h.screenshot("32-sailpoint-edit");
  await h.clearRequests();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("button", { name: "Edit" }).waitFor();
  const patches = (await h.requests()).filter((r) => r.method === "PATCH");
  assert.equal(patches.length, 1);
  assert.equal(patches[0].headers["content-type"], "application/json-patch+json");
  assert.deepEqual(patches[0].body, [
    { op: "replace", path: "/accessTokenValiditySeconds", value: 900 },
    { op: "replace", path: "/enabled", value: false },
  ]);
  assert.match(await page.locator(".detail-body").textContent(), /900/);
  await h.screenshot("33-sailpoint-detail");
});

test("nothing went wrong in the page: no errors, CSP violations or alerts", () => {
  assert.deepEqual(h.problems, []);
});
