// Every provider the library offers, through the same page: connect to each with the emulator's
// credentials and open a tab for each of its other resource kinds, then the paging, totals,
// sort, name filter and "load all" of the providers that page (Clerk: 23 seeded apps), a create
// form whose library check names a field (Atlan), Atlan's roles, and Atlan's second way to sign
// in: an OAuth client's id and secret, which the library exchanges for access tokens.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { OAuthAdmin, providers } from "../../pkg/node.mjs";
import { ATLAN_OAUTH_CLIENT, connect, kindTable, names, openKind, startHarness, tab } from "./harness.mjs";

/** The emulator's credentials per provider (emulator/README.md), as the connect form's fields. */
const EMULATOR_LOGINS = {
  cloudflare: { options: { accountId: "0123456789abcdef0123456789abcdef" }, auth: { bearer: "cf-emulator-token" } },
  clerk: { auth: { bearer: "sk_test_emulator" } },
  atlan: { auth: { bearer: "atlan-emulator-token" } },
  sailpoint: { auth: { bearer: "sailpoint-emulator-token" } },
  databricks: { options: { accountId: "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6" }, auth: { bearer: "dbx-emulator-token" } },
};
const CLERK_APPS = "/v1/oauth_applications";
const ATLAN_CLIENTS = "/api/service/oauth-clients";
// The roles a client can be given: the library asks for workspace and admin-subrole levels only,
// so the emulator's `$api-token-default-access` (level default-roles) is not among them.
const ATLAN_ROLES = ["$admin", "$member", "$guest", "$admin_connections"];

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
const pageLabel = () => page.locator(".page-label");
const waitStatus = (text) => status().filter({ hasText: text }).waitFor();

async function signIn(provider) {
  await connect(page, { provider, ...EMULATOR_LOGINS[provider] });
  await page.locator("table.clients").waitFor();
}

async function signOut() {
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.locator("form.connect").waitFor();
}

for (const info of providers()) {
  test(`${info.label}: connects from its generated form and lists the seeded clients`, async (t) => {
    if (!EMULATOR_LOGINS[info.provider]) {
      t.skip(`no emulator credentials for ${info.provider} in this test yet`);
      return;
    }
    await page.locator("form.connect").getByLabel("Provider", { exact: true }).selectOption(info.provider);
    for (const option of info.options) {
      assert.ok(await page.locator(`form.connect [name="${option.name}"]`).isVisible(), `${option.name} is asked for`);
    }
    await signIn(info.provider);
    assert.ok((await names(page)).length > 0);
    assert.match(await page.locator("#connection").textContent(), new RegExp(info.label));

    // The same kinds the library reports, read in Node with the same credentials.
    const { options, auth } = EMULATOR_LOGINS[info.provider];
    const admin = new OAuthAdmin({ provider: info.provider, ...options, auth, baseUrl: `${h.emulator.url}${info.basePath}` });
    const resources = admin.capabilities.resources;
    admin.free();
    assert.equal(resources[0].path, "clients");
    const tabs = await page.getByRole("tab").allTextContents();
    assert.deepEqual(tabs, resources.length > 1 ? resources.map((r) => r.label) : [], "a tab per kind, none when there is only one");
    // Kinds under a parent wait for its id (tests/www/databricks.test.mjs fills one in).
    for (const kind of resources.slice(1).filter((r) => r.operations.list && r.parents.length === 0)) {
      const panel = await openKind(page, kind.label);
      assert.equal(await panel.locator(".error-panel").count(), 0, `${kind.path} lists without an error`);
      assert.ok((await kindTable(panel)).rows.length > 0, `${kind.path} has items in the emulator`);
    }
    await signOut();
  });
}

test("Cloudflare: the e-mail + global API key shape, and advanced settings checked before connecting", async () => {
  const form = page.locator("form.connect");
  await form.getByLabel("Provider", { exact: true }).selectOption("cloudflare");
  await form.getByText("Advanced").click();
  await form.getByLabel("Retries after a failure").fill("two");
  await connect(page, {
    provider: "cloudflare",
    options: EMULATOR_LOGINS.cloudflare.options,
    authOption: "Global API key",
    auth: { email: "admin@example.com", apiKey: "cf-emulator-key" },
  });
  const retries = page.getByLabel("Retries after a failure");
  await form.locator(".field", { has: retries }).getByText("Enter a whole number.").waitFor();
  assert.ok(await retries.evaluate((el) => el === document.activeElement));
  await retries.fill("0");
  await form.getByRole("button", { name: "Connect" }).click();
  await page.locator("table.clients tbody tr").first().waitFor();
  const [list] = (await h.requests()).filter((r) => r.method === "GET").slice(-1);
  assert.equal(list.headers["x-auth-email"], "admin@example.com");
  await signOut();
});

test("Clerk: pages with totals, previous/next, sort and a name filter", async () => {
  await h.reset();
  await signIn("clerk");
  await page.getByLabel("Per page").selectOption("10");
  await waitStatus("Showing 1–10 of 23");
  assert.equal(await pageLabel().textContent(), "Page 1 of 3");
  const previous = page.getByRole("button", { name: "Previous" });
  const next = page.getByRole("button", { name: "Next" });
  assert.ok(await previous.isDisabled());
  const first = await names(page);
  assert.equal(first[0], "Zephyr Mobile");
  await h.screenshot("20-paged-list");

  await next.click();
  await waitStatus("Showing 11–20 of 23");
  await next.click();
  await waitStatus("Showing 21–23 of 23");
  assert.equal(await pageLabel().textContent(), "Page 3 of 3");
  assert.ok(await next.isDisabled(), "no next page after the last");
  assert.ok((await names(page)).includes("Vertex Calendar"));
  await previous.click();
  await waitStatus("Showing 11–20 of 23");
  await previous.click();
  await waitStatus("Showing 1–10 of 23");
  assert.deepEqual(await names(page), first);

  await page.getByLabel("Sort by").selectOption("name");
  await waitStatus("Showing 1–10 of 23");
  assert.equal((await names(page))[0], "Acme Portal");
  await page.getByLabel("Sort by").selectOption("-createdAt");
  await page.locator("table.clients tbody th").first().filter({ hasText: "Vertex Calendar" }).waitFor();

  await page.getByLabel("Name contains").fill("an");
  await status().filter({ hasText: /of [0-9]$/ }).waitFor();
  const filtered = await names(page);
  assert.ok(filtered.length > 0 && filtered.length < 10);
  for (const name of filtered) assert.match(name, /an/i);
  const [lastList] = (await h.requests()).filter((r) => r.method === "GET" && r.path === CLERK_APPS).slice(-1);
  assert.match(lastList.query, /name_query=an/);

  await page.getByLabel("Name contains").fill("no such app");
  await page.getByText("No clients have a name containing “no such app”.").waitFor();
  await page.getByLabel("Name contains").fill("");
  await waitStatus("Showing 1–10 of 23");
});

test("Clerk: load all shows progress and can be cancelled", async () => {
  // Slow pages so the progress can be seen; one page at a time with the provider's largest limit.
  await h.fault({ path: CLERK_APPS, method: "GET", latencyMs: 1200 });
  await page.getByRole("button", { name: "Load all" }).click();
  const progress = page.locator(".progress-box");
  await progress.waitFor();
  assert.match(await progress.textContent(), /0 of 23/);
  assert.ok(await page.getByRole("button", { name: "Cancel" }).evaluate((el) => el === document.activeElement));
  await h.screenshot("21-load-all-progress");
  await page.getByRole("button", { name: "Cancel" }).click();
  await waitStatus("Stopped after 0 clients.");
  assert.equal(await progress.isVisible(), false);

  await page.getByRole("button", { name: "Load all" }).click();
  await waitStatus("All 23 clients");
  assert.equal((await names(page)).length, 23);
  assert.equal(await page.locator("nav.pager").isVisible(), false);
  await page.getByRole("button", { name: "Refresh" }).click();
  await waitStatus("Showing 1–10 of 23");
});

test("Clerk: a public client is created without a secret dialog", async () => {
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Kiosk app");
  await page.getByLabel("Public client (no secret)").selectOption("true");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.locator("main h2").filter({ hasText: "Kiosk app" }).waitFor();
  assert.equal(await page.locator("dialog").count(), 0);
  await page.locator("#notice").filter({ hasText: "public client, so it has no secret" }).waitFor();
  await page.getByRole("button", { name: "← All clients" }).click();
  await waitStatus("of 24");
  await signOut();
});

test("Atlan: an unknown role is flagged on the role field with the roles to choose from", async () => {
  await signIn("atlan");
  await waitStatus("of 25");
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Lineage bot");
  await page.getByRole("textbox", { name: "Description" }).fill("Pushes lineage from CI");
  const role = page.getByRole("textbox", { name: /^Role/ });
  await role.fill("Owner");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.locator(".field", { has: role }).locator(".field-error").waitFor();
  assert.equal(await role.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator(".form-summary").textContent(), /Admin/);
  await h.screenshot("22-create-unknown-role");

  await role.fill("Member");
  await page.getByRole("button", { name: "Create client" }).click();
  const dialog = page.getByRole("dialog", { name: "Client created" });
  await dialog.waitFor();
  await dialog.getByLabel("I have stored it").check();
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.locator("main h2").filter({ hasText: "Lineage bot" }).waitFor();
  assert.match(await page.locator(".detail-body").textContent(), /Pushes lineage from CI/);
  await h.screenshot("23-atlan-detail");
  await signOut();
});

test("Atlan: the Roles tab lists the workspace roles with their fields", async () => {
  await h.reset();
  await signIn("atlan");
  const panel = await openKind(page, "Roles");
  const { columns, rows } = await kindTable(panel);
  for (const column of ["Name", "Level"]) assert.ok(columns.includes(column), `a ${column} column`);
  const name = columns.indexOf("Name");
  assert.deepEqual(rows.map((row) => row[name]), ATLAN_ROLES);
  assert.equal(rows[0][columns.indexOf("Level")], "workspace");
  assert.equal(await panel.locator(".list-status").textContent(), `${ATLAN_ROLES.length} items`);
  await h.screenshot("24-atlan-roles");
  await tab(page, "OAuth clients").click();
  await waitStatus("of 25");
  await signOut();
});

test("Atlan: the connect form offers an API token or an OAuth client's id and secret", async () => {
  const form = page.locator("form.connect");
  await form.getByLabel("Provider", { exact: true }).selectOption("atlan");
  const token = form.locator('[name="bearer"]');
  assert.ok(await form.getByRole("radio", { name: "API token" }).isChecked());
  assert.ok(await token.isVisible());
  await form.getByRole("radio", { name: "OAuth client" }).check();
  assert.equal(await token.isVisible(), false, "only the chosen shape's fields are shown");
  assert.ok(await form.getByLabel("Client ID").isVisible());
  assert.equal(await form.getByLabel("Client secret").getAttribute("type"), "password");
  await form.getByRole("button", { name: "Connect" }).click();
  // Empty credentials: the form flags them and sends nothing (the library would accept them).
  await form.locator(".field", { has: page.getByLabel("Client ID") }).locator(".field-error").waitFor();
  assert.equal(await form.getByLabel("Client secret").getAttribute("aria-invalid"), "true");
  await h.screenshot("25-atlan-connect-oauth-client");
  await form.getByRole("radio", { name: "API token" }).check();
});

test("Atlan: connecting with an OAuth client's id and secret lists the clients", async () => {
  await h.reset();
  await connect(page, ATLAN_OAUTH_CLIENT);
  const connected = page.locator("table.clients");
  const failed = page.locator("form.connect .error-panel");
  await connected.or(failed).first().waitFor();
  const requests = await h.requests();
  const exchange = requests.find((r) => r.method === "POST" && r.path === `${ATLAN_CLIENTS}/token`);
  assert.ok(exchange, "the id and secret are exchanged for an access token");
  assert.equal(exchange.body.clientId, ATLAN_OAUTH_CLIENT.auth.clientId);
  assert.equal(exchange.body.clientSecret, "[redacted]", "the emulator's request log keeps no secret");
  assert.ok(!JSON.stringify(requests).includes(ATLAN_OAUTH_CLIENT.auth.clientSecret));
  if (!(await connected.isVisible())) assert.fail(`no list: ${await failed.textContent()}`);
  await waitStatus("of 25");
  assert.ok((await names(page)).includes("Snowflake Sync"));
  const list = requests.find((r) => r.method === "GET" && r.path === ATLAN_CLIENTS);
  assert.equal(list.headers.authorization, "[redacted]", "the list call carries the access token");
  await h.screenshot("26-atlan-oauth-client-list");
  await signOut();
});

test("nothing went wrong in the page: no errors, CSP violations or alerts", () => {
  assert.deepEqual(h.problems, []);
});
