// Databricks through the page, drawn from `capabilities.resources` alone: a confidential custom
// app through the clients screens, a service principal's secret (a kind that asks for its parent
// id first) and a federation policy created, edited and deleted from its tab. Screenshots land in
// tests/www/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { connect, kindTable, openKind, startHarness, tab } from "./harness.mjs";

const ACCOUNT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

let h;
let page;

before(async () => {
  h = await startHarness();
  page = h.page;
  await page.goto(h.server.url);
  await connect(page, { provider: "databricks", options: { accountId: ACCOUNT }, auth: { bearer: "dbx-emulator-token" } });
  await page.locator("table.clients tbody tr").first().waitFor();
});

after(async () => {
  assert.deepEqual(h?.problems ?? [], [], "no page errors, CSP violations or alerts");
  await h?.stop();
});

/** Reads the one-time dialog titled `title`, acknowledges it, and checks the secret is gone. */
async function takeSecret(title, screenshot) {
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  const secret = await dialog.getByLabel("Client secret").inputValue();
  assert.match(secret, /^dose/);
  assert.ok(await dialog.getByRole("button", { name: "Close" }).isDisabled(), "Close waits for the acknowledgement");
  await h.screenshot(screenshot);
  await dialog.getByLabel("I have stored it").check();
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "detached" });
  const left = await page.evaluate((s) => document.documentElement.outerHTML.includes(s), secret);
  assert.equal(left, false, "the secret is gone from the page once closed");
  return secret;
}

test("every kind has a tab; the custom app lists page by token", async () => {
  const tabs = await page.getByRole("tab").allTextContents();
  assert.deepEqual(tabs, [
    "OAuth app integrations",
    "Custom app integrations",
    "Published apps",
    "Published app integrations",
    "Service principal secrets",
    "Federation policies",
    "Service principal federation policies",
  ]);
  const published = await openKind(page, "Published apps");
  assert.ok((await kindTable(published)).rows.length >= 4);
  await tab(page, "OAuth app integrations").click();
  await page.locator("table.clients tbody tr").first().waitFor();
  await h.screenshot("40-databricks-apps");
});

test("a confidential custom app: created through the clients screens, its secret shown once", async () => {
  await tab(page, "OAuth app integrations").click();
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Reports portal");
  await page.getByRole("textbox", { name: "Redirect URLs", exact: true }).fill("https://reports.example.com/cb");
  await page.getByLabel("Confidential (gets a client secret)").selectOption("true");
  await h.clearRequests();
  await page.getByRole("button", { name: "Create client" }).click();
  await takeSecret("Client created", "41-databricks-app-secret");
  await page.locator("#notice").filter({ hasText: "Created “Reports portal”" }).waitFor();
  const [post] = (await h.requests()).filter((r) => r.method === "POST");
  assert.deepEqual(post.body, { name: "Reports portal", redirect_urls: ["https://reports.example.com/cb"], confidential: true });
  await page.getByRole("button", { name: "← All clients" }).click();
  await page.locator("table.clients tbody tr").first().waitFor();
});

test("a service principal's secret: the tab asks for the parent id, then creates and deletes", async () => {
  const panel = page.getByRole("tabpanel", { name: "Service principal secrets", exact: true });
  await tab(page, "Service principal secrets").click();
  await panel.getByRole("button", { name: "Show Service principal secrets" }).click();
  await panel.getByText("Enter the Service principal ID.").waitFor();
  await panel.getByLabel("Service principal ID").fill("1001");
  await panel.getByRole("button", { name: "Show Service principal secrets" }).click();
  await panel.locator(".list-status").filter({ hasText: "4 items" }).waitFor();

  await panel.getByRole("button", { name: "Add to Service principal secrets" }).click();
  await panel.getByRole("textbox", { name: "Scopes (empty: all APIs)" }).fill("sql");
  await h.clearRequests();
  await panel.getByRole("button", { name: "Create" }).click();
  await takeSecret("Secret created", "42-databricks-sp-secret");
  const [post] = (await h.requests()).filter((r) => r.method === "POST");
  assert.equal(post.path, `/api/2.0/accounts/${ACCOUNT}/servicePrincipals/1001/credentials/secrets`);
  assert.deepEqual(post.body, { scopes: ["sql"] });
  await panel.locator(".list-status").filter({ hasText: "5 items" }).waitFor();
  await h.screenshot("43-databricks-sp-secrets");

  const before = (await kindTable(panel)).rows.length;
  await panel.getByRole("button", { name: /^Delete / }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await panel.locator(".list-status").filter({ hasText: `${before - 1} items` }).waitFor();
});

test("a federation policy: created with nested OIDC fields, edited by mask, deleted", async () => {
  const panel = await openKind(page, "Federation policies");
  await panel.getByRole("button", { name: "Add to Federation policies" }).click();
  await panel.getByLabel("Policy ID (optional)").fill("Bad Id");
  await panel.getByLabel("OIDC issuer").fill("https://token.actions.githubusercontent.com");
  await panel.getByRole("button", { name: "Create" }).click();
  await panel.locator(".field-error").filter({ hasText: /lowercase/ }).waitFor();
  await h.screenshot("44-databricks-policy-invalid");
  await panel.getByLabel("Policy ID (optional)").fill("gh-main");
  await panel.getByRole("textbox", { name: "Audiences" }).fill(ACCOUNT);
  await panel.getByRole("button", { name: "Create" }).click();
  await panel.locator(".list-status").filter({ hasText: "4 items" }).waitFor();

  await panel.getByRole("button", { name: /^View .*gh-main$/ }).click();
  await panel.locator(".kind-detail code", { hasText: "oidcPolicy" }).waitFor();
  assert.match(await panel.locator(".kind-detail").textContent(), /token\.actions\.githubusercontent\.com/);
  await panel.getByRole("button", { name: "← Back to the list" }).click();

  await h.clearRequests();
  await panel.getByRole("button", { name: /^Edit .*gh-main$/ }).click();
  assert.equal(await panel.getByLabel("OIDC issuer").inputValue(), "https://token.actions.githubusercontent.com");
  await panel.getByLabel("Description").fill("GitHub Actions, main");
  await h.screenshot("45-databricks-policy-edit");
  await panel.getByRole("button", { name: "Save changes" }).click();
  await panel.locator(".list-status").filter({ hasText: "4 items" }).waitFor();
  const [patch] = (await h.requests()).filter((r) => r.method === "PATCH");
  assert.equal(patch.query, "update_mask=description");
  assert.deepEqual(patch.body, { description: "GitHub Actions, main" });
  assert.ok((await kindTable(panel)).rows.some((row) => row.includes("GitHub Actions, main")));

  await panel.getByRole("button", { name: /^Delete .*gh-main$/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await panel.locator(".list-status").filter({ hasText: "3 items" }).waitFor();
});
