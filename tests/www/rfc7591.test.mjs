// The admin page on a standard RFC 7591/7592 server (the emulator's, which rotates the
// registration token on every read and update): connect with an initial access token from the
// generated form, register a client, see its secret and its registration token once each,
// edit it and delete it. The page never stores the token: the library keeps it in memory.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { connect, names, startHarness } from "./harness.mjs";

const INITIAL_TOKEN = "rfc7591-initial-token";

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

const heading = () => page.locator("main h2").first();

/** Whether `text` is anywhere in the page or its storage. */
const pageHolds = (text) =>
  page.evaluate(
    (t) =>
      document.documentElement.outerHTML.includes(t) ||
      [...document.querySelectorAll("input, textarea")].some((i) => i.value.includes(t)) ||
      JSON.stringify({ ...localStorage }).includes(t) ||
      JSON.stringify({ ...sessionStorage }).includes(t) ||
      document.cookie.includes(t),
    text,
  );

/** Reads a one-time dialog's value, acknowledges and closes it; the value leaves the page. */
async function takeOnce(title, label) {
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  assert.ok(await dialog.getByRole("button", { name: "Close" }).isDisabled(), "Close waits for the acknowledgement");
  const value = await dialog.getByLabel(label).inputValue();
  assert.ok(value.length >= 16, `${label} is shown`);
  await dialog.getByLabel("I have stored it").check();
  await dialog.getByRole("button", { name: "Close" }).click();
  // A closed <dialog> leaves the accessibility tree before its close handler removes it.
  await page.getByRole("dialog", { name: title, includeHidden: true }).waitFor({ state: "detached" });
  assert.equal(await pageHolds(value), false, `${label} is gone from the page once closed`);
  return value;
}

test("connects with an initial access token from the generated form", async () => {
  const form = page.locator("form.connect");
  await form.getByLabel("Provider", { exact: true }).selectOption("rfc7591");
  assert.match(await form.locator('[name="baseUrl"]').inputValue(), /\/rfc7591$/, "the emulator's issuer is the base URL");
  assert.ok(await form.getByRole("radio", { name: "None (open registration)" }).isVisible(), "open registration is offered");
  await connect(page, { provider: "rfc7591", auth: { bearer: INITIAL_TOKEN } });
  await page.getByText("There are no clients yet.").waitFor();
});

test("register: the secret, then the registration token, each shown once", async () => {
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByLabel("Client name").fill("Web app");
  await page.getByRole("textbox", { name: "Redirect URIs", exact: true }).fill("https://web.example.com/callback");
  await h.clearRequests();
  await page.getByRole("button", { name: "Create client" }).click();
  await takeOnce("Client created", "Client secret");
  await page.getByRole("dialog", { name: "Registration access token" }).waitFor();
  await h.screenshot("30-registration-token");
  const token = await takeOnce("Registration access token", "Registration access token");
  await heading().filter({ hasText: "Web app" }).waitFor();
  const [post] = (await h.requests()).filter((r) => r.method === "POST");
  assert.equal(post.path, "/rfc7591/register");
  assert.equal(post.body.client_name, "Web app");
  assert.equal(await pageHolds(token), false);
});

test("edit reads, then replaces the whole document with the token the read returned", async () => {
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Client name").fill("Web app (staging)");
  await h.clearRequests();
  await page.getByRole("button", { name: "Save changes" }).click();
  await heading().filter({ hasText: "Web app (staging)" }).waitFor();
  const log = await h.requests();
  const put = log.find((r) => r.method === "PUT");
  assert.ok(put, "a PUT was sent");
  assert.equal(put.body.client_name, "Web app (staging)");
  assert.deepEqual(put.body.redirect_uris, ["https://web.example.com/callback"], "the fields not edited go along");
  assert.ok(!("registration_access_token" in put.body));
});

test("the list comes from the registrations this session made; delete removes one", async () => {
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete this client?" }).getByRole("button", { name: /Delete “Web app/ }).click();
  await page.getByText("There are no clients yet.").waitFor();
  assert.deepEqual(await names(page), []);
  const deletes = (await h.requests()).filter((r) => r.method === "DELETE");
  assert.equal(deletes.length, 1);
});

test("nothing went wrong in the page", () => {
  assert.deepEqual(h.problems, []);
});
