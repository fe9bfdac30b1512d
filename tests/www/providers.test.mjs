// Every provider the library offers, through the same page: connect to each with the emulator's
// credentials, then the paging, totals, sort, name filter and "load all" of the providers
// that page (Clerk: 23 seeded apps), and a create form whose library check names a field (Atlan).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { providers } from "../../pkg/node.mjs";
import { connect, names, startHarness } from "./harness.mjs";

/** The emulator's credentials per provider (emulator/README.md), as the connect form's fields. */
const EMULATOR_LOGINS = {
  cloudflare: { options: { accountId: "0123456789abcdef0123456789abcdef" }, auth: { bearer: "cf-emulator-token" } },
  clerk: { auth: { bearer: "sk_test_emulator" } },
  atlan: { auth: { bearer: "atlan-emulator-token" } },
};
const CLERK_APPS = "/v1/oauth_applications";

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

test("nothing went wrong in the page: no errors, CSP violations or alerts", () => {
  assert.deepEqual(h.problems, []);
});
