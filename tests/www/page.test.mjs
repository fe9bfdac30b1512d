// The admin page end to end on Cloudflare (the emulator's seeded account): one person's
// session from connecting to disconnecting, in order. Screenshots land in tests/www/screenshots/.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { OAuthAdmin, providers } from "../../pkg/node.mjs";
import { CLOUDFLARE, DESKTOP, NARROW, connect, kindTable, names, openKind, startHarness, tab } from "./harness.mjs";

const XSS = "<img src=x onerror=alert(1)>";
const LIST_PATH = `/client/v4/accounts/${CLOUDFLARE.options.accountId}/oauth_clients`;
const SEEDED = ["Workers CI Deployer", "Support Dashboard", "Partner Analytics"];
const SCOPES = ["account.read", "dns.read", "dns.write", "workers-platform.read", "workers-platform.write", "zone.read"];

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
const status = () => page.locator(".list-status").first();
const notice = (pattern) => page.locator("#notice").filter({ hasText: pattern }).waitFor();
const recordValue = (key) => page.locator(".fields-list > div", { has: page.locator(`code.key:text-is("${key}")`) }).locator("dd");

/** Whether `text` is anywhere in the page: markup, text or an input's value. */
const pageHolds = (text) =>
  page.evaluate(
    (t) => document.documentElement.outerHTML.includes(t) || [...document.querySelectorAll("input, textarea")].some((i) => i.value.includes(t)),
    text,
  );

/** Reads the one-time dialog, checks it cannot be dismissed early, copies and acknowledges. */
async function takeSecret(title, screenshot) {
  const dialog = page.getByRole("dialog", { name: title });
  await dialog.waitFor();
  const close = dialog.getByRole("button", { name: "Close" });
  assert.ok(await close.isDisabled(), "Close waits for the acknowledgement");
  await page.keyboard.press("Escape");
  assert.ok(await dialog.isVisible(), "Escape does not dismiss an unacknowledged secret");
  const secret = await dialog.getByLabel("Client secret").inputValue();
  assert.ok(secret.length >= 16, "a secret is shown");
  await dialog.getByRole("button", { name: "Copy" }).click();
  await dialog.getByText("Copied to the clipboard.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  if (screenshot) await h.screenshot(screenshot);
  await dialog.getByLabel("I have stored it").check();
  await close.click();
  // A closed <dialog> leaves the accessibility tree before its close handler removes it.
  await page.getByRole("dialog", { name: title, includeHidden: true }).waitFor({ state: "detached" });
  assert.equal(await pageHolds(secret), false, "the secret is gone from the page once closed");
  await page.evaluate(() => navigator.clipboard.writeText(""));
  return secret;
}

test("the page is served with a strict Content-Security-Policy and wasm as application/wasm", async () => {
  const res = await fetch(h.server.url);
  const header = res.headers.get("content-security-policy");
  assert.match(header, /default-src 'none'/);
  assert.match(header, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(header, /frame-ancestors 'none'/);
  assert.doesNotMatch(header, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(await res.text(), /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  const dist = fileURLToPath(new URL("../../www/dist/assets/", import.meta.url));
  const wasm = readdirSync(dist).find((f) => f.endsWith(".wasm"));
  const asset = await fetch(new URL(`assets/${wasm}`, h.server.url), { method: "HEAD" });
  assert.equal(asset.headers.get("content-type"), "application/wasm");
  const config = await (await fetch(new URL("config.json", h.server.url))).json();
  assert.deepEqual(config, { emulator: h.emulator.url }, "config.json tells where the emulator is, nothing more");
});

test("connect: the form offers every provider the library supports, pointed at the emulator", async () => {
  const form = page.locator("form.connect");
  await form.waitFor();
  const offered = await form.locator("select[name=provider] option").evaluateAll((options) => options.map((o) => [o.value, o.textContent]));
  assert.deepEqual(offered, providers().map((p) => [p.provider, p.label]));
  await form.getByLabel("Provider").selectOption("cloudflare");
  const cloudflare = providers().find((p) => p.provider === "cloudflare");
  assert.equal(await form.getByLabel("Base URL").inputValue(), `${h.emulator.url}${cloudflare.basePath}`);
  for (const option of cloudflare.options) assert.ok(await form.getByLabel(option.label).isVisible(), `${option.label} field`);
  assert.equal(await form.locator(".auth-fields input[type=password]").count(), cloudflare.auth.flatMap((a) => a.fields).filter((f) => f.type === "secret").length);
  await h.screenshot("01-connect");
});

test("connect: a missing option is flagged inline and a wrong token keeps the form with the error", async () => {
  await connect(page, { ...CLOUDFLARE, options: { accountId: "" } });
  const accountError = page.locator(".field", { has: page.getByLabel("Account ID") }).locator(".field-error");
  await accountError.waitFor();
  assert.equal(await page.getByLabel("Account ID").getAttribute("aria-invalid"), "true");
  assert.ok(await page.getByLabel("Account ID").evaluate((el) => el === document.activeElement), "focus moves to the bad field");

  await connect(page, { ...CLOUDFLARE, auth: { bearer: "not-the-token" } });
  const panel = page.locator("form.connect .error-panel");
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /AuthenticationError/);
  assert.match(text, /401/);
  assert.equal(await accountError.isVisible(), false, "the earlier inline error is cleared");
  await h.screenshot("02-connect-error");
});

test("connect and list: the seeded clients with name, id, grant types, scopes and created date", async () => {
  await connect(page, CLOUDFLARE);
  await page.locator("table.clients tbody tr").first().waitFor();
  assert.deepEqual(await names(page), SEEDED);
  assert.equal(await status().textContent(), "3 clients");
  const headers = await page.locator("table.clients thead th").allTextContents();
  assert.deepEqual(headers, ["Name", "Client ID", "Grant types", "Scopes", "Created"]);
  const first = page.locator("table.clients tbody tr").first();
  assert.match(await first.textContent(), /cf000000000000000000000000000001/);
  assert.match(await first.textContent(), /authorization_code/);
  assert.match(await first.textContent(), /workers-platform\.read/);
  assert.match(await first.locator("time").getAttribute("datetime"), /^2025-01-01T/);
  // Cloudflare returns everything in one page: no pager, no "load all".
  assert.equal(await page.locator("nav.pager").isVisible(), false);
  assert.equal(await page.getByRole("button", { name: "Load all" }).count(), 0);

  const kept = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    url: location.href,
  }));
  assert.deepEqual(kept, { local: 0, session: 0, cookie: "", url: h.server.url });
  assert.equal(await pageHolds(CLOUDFLARE.auth.bearer), false, "the token is not left in the page");
  assert.match(await page.locator("#connection").textContent(), /Cloudflare/);
  await h.screenshot("03-list");
});

test("other kinds: a Scopes tab beside the clients lists the scope catalogue, loaded when opened", async () => {
  const tabs = await page.getByRole("tablist").getByRole("tab").allTextContents();
  assert.deepEqual(tabs, ["OAuth clients", "Scopes"], "one tab per kind in capabilities.resources, clients first");
  assert.equal(await tab(page, "OAuth clients").getAttribute("aria-selected"), "true");
  const scopeRequests = async () => (await h.requests()).filter((r) => r.path === "/client/v4/oauth/scopes").length;
  assert.equal(await scopeRequests(), 0, "nothing is fetched for a tab not yet opened");

  const panel = await openKind(page, "Scopes");
  assert.equal(await tab(page, "Scopes").getAttribute("aria-selected"), "true");
  assert.equal(await page.locator("table.clients").isVisible(), false, "the client list is hidden behind its tab");
  assert.equal(await panel.locator(".list-status").textContent(), "6 items");
  const { columns, rows } = await kindTable(panel);
  assert.deepEqual(columns, ["Id", "Name", "Category"]);
  assert.deepEqual(rows.map((row) => row[0]), SCOPES);
  assert.deepEqual(rows[0], ["account.read", "Account Read", "Account"]);
  assert.equal(await scopeRequests(), 1);
  await h.screenshot("15-scopes");

  await tab(page, "OAuth clients").click();
  await page.locator("table.clients").waitFor();
  await page.keyboard.press("ArrowRight");
  assert.ok(await tab(page, "Scopes").evaluate((el) => el === document.activeElement), "arrow keys move along the tabs");
  assert.ok(await panel.isVisible());
  assert.equal(await scopeRequests(), 1, "opening the tab again does not fetch again");
  await panel.getByRole("button", { name: "Refresh" }).click();
  await panel.locator(".list-status").filter({ hasText: "6 items" }).waitFor();
  assert.equal(await scopeRequests(), 2, "Refresh does");
  await tab(page, "Scopes").focus();
  await page.keyboard.press("Home");
  await page.locator("table.clients").waitFor();
  assert.deepEqual(await names(page), SEEDED);
});

test("create: inline validation from the library, then the one-time secret dialog with copy", async () => {
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByRole("button", { name: "Create client" }).click();
  const name = page.getByLabel("Name");
  await page.locator(".field", { has: name }).locator(".field-error").waitFor();
  assert.equal(await name.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator(".form-summary .error-panel").textContent(), /ValidationError/);
  await h.screenshot("04-create-invalid");

  await name.fill("Build bot");
  await page.getByRole("textbox", { name: "Redirect URIs", exact: true }).fill("https://build.example.com/callback\n\n");
  await page.getByRole("textbox", { name: "Scopes", exact: true }).fill("workers-platform.read\naccount.read");
  await page.getByLabel("Token endpoint auth method").selectOption("client_secret_basic");
  await h.clearRequests();
  await page.getByRole("button", { name: "Create client" }).click();
  await takeSecret("Client created", "05-secret-dialog");

  await heading().filter({ hasText: "Build bot" }).waitFor();
  const [post] = (await h.requests()).filter((r) => r.method === "POST");
  assert.deepEqual(post.body.redirect_uris, ["https://build.example.com/callback"], "blank lines are dropped");
  assert.deepEqual(post.body.scopes, ["workers-platform.read", "account.read"]);
  assert.equal(post.body.token_endpoint_auth_method, "client_secret_basic");
  assert.equal(await recordValue("clientName").textContent(), "Build bot");
  await h.screenshot("06-detail");
});

test("edit: the form starts from the current values and sends only what changed", async () => {
  await page.getByRole("button", { name: "Edit" }).click();
  const name = page.getByLabel("Name");
  assert.equal(await name.inputValue(), "Build bot");
  assert.equal(await page.getByLabel("Token endpoint auth method").inputValue(), "client_secret_basic");
  assert.equal(await page.getByRole("textbox", { name: "Scopes", exact: true }).inputValue(), "workers-platform.read\naccount.read");
  await name.fill("Build bot (staging)");
  await page.getByLabel("Token endpoint auth method").selectOption("client_secret_post");
  await page.getByRole("checkbox", { name: "refresh_token" }).check();
  await h.screenshot("07-edit");
  await h.clearRequests();
  await page.getByRole("button", { name: "Save changes" }).click();
  await heading().filter({ hasText: "Build bot (staging)" }).waitFor();
  const [patch] = (await h.requests()).filter((r) => r.method === "PATCH");
  assert.deepEqual(Object.keys(patch.body).sort(), ["client_name", "grant_types", "token_endpoint_auth_method"]);
  assert.equal(await recordValue("tokenEndpointAuthMethod").textContent(), "client_secret_post");
  await notice(/Saved “Build bot \(staging\)”/);

  await page.getByRole("button", { name: "Edit" }).click();
  await h.clearRequests();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("button", { name: "Edit" }).waitFor();
  assert.equal((await h.requests()).filter((r) => r.method === "PATCH").length, 0, "no changes, no request");
});

test("rotate secret: confirm, the same one-time dialog, then delete the rotated secret", async () => {
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the secret?" });
  await confirm.getByRole("button", { name: "Rotate secret" }).click();
  await takeSecret("New client secret");
  await recordValue("hasRotatedSecret").filter({ hasText: "Yes" }).waitFor();

  await page.getByRole("button", { name: "Delete rotated secret" }).click();
  await page.getByRole("dialog", { name: "Delete the rotated secret?" }).getByRole("button", { name: "Delete rotated secret" }).click();
  await recordValue("hasRotatedSecret").filter({ hasText: "No" }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Delete rotated secret" }).isDisabled());
  const deletes = (await h.requests()).filter((r) => r.method === "DELETE");
  assert.equal(deletes.length, 1);
});

test("delete: the confirmation names the client; cancel keeps it, confirm removes it", async () => {
  const remove = page.getByRole("button", { name: "Delete", exact: true });
  await remove.click();
  const dialog = page.getByRole("dialog", { name: "Delete this client?" });
  assert.match(await dialog.textContent(), /“Build bot \(staging\)”/);
  assert.ok(await dialog.getByRole("button", { name: "Cancel" }).evaluate((el) => el === document.activeElement), "Cancel has focus");
  await h.screenshot("08-delete-confirm");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "Delete this client?", includeHidden: true }).waitFor({ state: "detached" });
  assert.ok(await remove.evaluate((el) => el === document.activeElement), "focus returns to Delete");

  await remove.click();
  await dialog.getByRole("button", { name: "Delete “Build bot (staging)”" }).click();
  await page.locator("table.clients").waitFor();
  await status().filter({ hasText: "3 clients" }).waitFor();
  assert.deepEqual(await names(page), SEEDED);
  await notice(/Deleted “Build bot \(staging\)”/);
});

test("a client named like markup is shown as text, never as HTML", async () => {
  const admin = new OAuthAdmin({
    provider: "cloudflare",
    accountId: CLOUDFLARE.options.accountId,
    auth: CLOUDFLARE.auth,
    baseUrl: `${h.emulator.url}/client/v4`,
  });
  await admin.clients.create({ name: XSS, redirectUris: ["https://x.example.com/cb"], scopes: ["zone.read"] });
  await page.getByRole("button", { name: "Refresh" }).click();
  await status().filter({ hasText: "4 clients" }).waitFor();
  assert.ok((await names(page)).includes(XSS));
  await page.getByRole("button", { name: XSS }).click();
  await heading().filter({ hasText: XSS }).waitFor();
  assert.equal(await heading().textContent(), XSS);
  assert.equal(await recordValue("clientName").textContent(), XSS);
  assert.equal(await page.locator("img").count(), 0, "no element was created from the name");
  await h.screenshot("09-markup-as-text");
  await page.getByRole("button", { name: "← All clients" }).click();
});

test("states: loading, empty, and a rate limit that says when to retry", async () => {
  await page.locator("table.clients").waitFor();
  await h.fault({ path: LIST_PATH, method: "GET", latencyMs: 1500 });
  await page.getByRole("button", { name: "Refresh" }).click();
  await status().filter({ hasText: "Loading clients…" }).waitFor();
  assert.equal(await page.locator("table.clients").getAttribute("aria-busy"), "true");
  await status().filter({ hasText: "4 clients" }).waitFor();

  await h.fault({ path: LIST_PATH, method: "GET", status: 200, body: { success: true, errors: [], messages: [], result: [] } });
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByText("There are no clients yet.").waitFor();
  assert.ok(await page.getByRole("button", { name: "Create the first client" }).isVisible());
  await h.screenshot("10-empty");

  // Three 429s: the first try and the library's two retries.
  await h.fault({ path: LIST_PATH, method: "GET", status: 429, retryAfter: "1", count: 3 });
  await page.getByRole("button", { name: "Refresh" }).click();
  const panel = page.locator(".list-view .error-panel");
  await panel.waitFor({ timeout: 15_000 });
  const text = await panel.textContent();
  assert.match(text, /Too many requests/);
  assert.match(text, /RateLimitError/);
  assert.match(text, /Status429/);
  assert.match(text, /Message.+/);
  assert.match(text, /Try again in 1 s \(after .+\)/);
  assert.equal(await panel.getAttribute("role"), "alert");
  await h.screenshot("11-rate-limited");
  const again = panel.getByRole("button", { name: "Try again" });
  await page.waitForFunction((el) => !el.disabled, await again.elementHandle(), { timeout: 5_000 });
  await again.click();
  await status().filter({ hasText: "4 clients" }).waitFor();
  assert.equal(await panel.count(), 0);
});

test("keyboard: open a client, use a dialog and come back without a mouse", async () => {
  await page.getByRole("button", { name: "Support Dashboard" }).focus();
  await page.keyboard.press("Enter");
  await heading().filter({ hasText: "Support Dashboard" }).waitFor();
  assert.ok(await heading().evaluate((el) => el === document.activeElement), "the new view's heading has focus");
  const active = () => page.evaluate(() => document.activeElement?.textContent ?? "");
  for (let i = 0; i < 10 && (await active()) !== "Delete"; i++) await page.keyboard.press("Tab");
  assert.equal(await active(), "Delete");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog", { name: "Delete this client?" }).waitFor();
  assert.equal(await active(), "Cancel");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  assert.equal(await active(), "Delete");
  await page.getByRole("button", { name: "← All clients" }).focus();
  await page.keyboard.press("Enter");
  await page.locator("table.clients").waitFor();
  assert.match(await active(), /clients$/);
});

test("narrow window: no sideways scrolling on the list, the scopes, a client and the create form", async () => {
  await page.setViewportSize(NARROW);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  try {
    assert.ok(await fits(), "list fits");
    await h.screenshot("12-narrow-list");
    await openKind(page, "Scopes");
    assert.ok(await fits(), "scopes fit");
    await h.screenshot("16-narrow-scopes");
    await tab(page, "OAuth clients").click();
    await page.getByRole("button", { name: "Workers CI Deployer" }).click();
    await recordValue("hasRotatedSecret").waitFor();
    assert.ok(await fits(), "detail fits");
    await h.screenshot("13-narrow-detail");
    await page.getByRole("button", { name: "← All clients" }).click();
    await page.getByRole("button", { name: "New client" }).click();
    assert.ok(await fits(), "form fits");
    await h.screenshot("14-narrow-create");
    await page.getByRole("button", { name: "Cancel" }).click();
  } finally {
    await page.setViewportSize(DESKTOP);
  }
});

test("disconnect forgets the session and the credentials", async () => {
  await page.getByRole("button", { name: "Disconnect" }).click();
  const form = page.locator("form.connect");
  await form.waitFor();
  assert.equal(await form.locator("[name=bearer]").inputValue(), "");
  assert.equal(await page.locator("#connection").textContent(), "");
  await notice(/Disconnected/);
});

test("nothing went wrong in the page: no errors, CSP violations or alerts", () => {
  assert.deepEqual(h.problems, []);
});
