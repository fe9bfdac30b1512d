// What the page's headers and policy promise, checked in Chromium: Trusted Types are on in both
// the header scripts/serve.mjs sends and the page's own <meta> (so a host that sends no header
// still gets them), the page works under them, framing is refused only by the header (which is
// why www/README.md asks hosts to send it), and the emulator's test hooks answer the demo page's
// origin but no other page.
import assert from "node:assert/strict";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { headerPolicy, policy, securityHeaders } from "../../www/csp.mjs";
import { servePage } from "../../scripts/serve.mjs";
import { CLOUDFLARE, connect, names, startHarness } from "./harness.mjs";

const TRUSTED_TYPES = ["require-trusted-types-for 'script'", "trusted-types 'none'"];

let h;
/** A second page server, on another origin: the "some other web page" of the threat. */
let other;
/** The built page on a static host that sends no headers at all: only its <meta> policy applies. */
let bare;

before(async () => {
  h = await startHarness();
  other = await servePage({ config: {} });
  bare = await servePage({ config: { emulator: h.emulator.url }, headers: {} });
  await h.page.goto(h.server.url);
  await h.page.locator("form.connect").waitFor();
});

after(async () => {
  await bare?.close();
  await other?.close();
  await h?.stop();
});

/** The page's directives, split and trimmed. */
const directives = (text) => text.split(";").map((d) => d.trim()).filter(Boolean);

/** The content of the page's CSP <meta>, as served. */
async function metaPolicy(url) {
  const html = await (await fetch(url)).text();
  const match = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(match, "the built page carries its policy in a <meta>");
  return match[1];
}

/**
 * Tries the DOM's script-injection sinks in `page` and reports what happened, with the policy
 * violations the browser reported for them.
 */
function probeSinks(page) {
  return page.evaluate(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
    const attempt = (run) => {
      try {
        run();
        return "allowed";
      } catch (error) {
        return error.name;
      }
    };
    const result = {
      innerHTML: attempt(() => {
        document.createElement("div").innerHTML = "<img src=x>";
      }),
      insertAdjacentHTML: attempt(() => document.body.insertAdjacentHTML("beforeend", "<b>x</b>")),
      scriptText: attempt(() => {
        document.createElement("script").textContent = "1";
      }),
      createPolicy: attempt(() => window.trustedTypes.createPolicy("anything", { createHTML: (s) => s })),
    };
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ...result, violations: [...new Set(violations)].sort() };
  });
}

const BLOCKED = {
  innerHTML: "TypeError",
  insertAdjacentHTML: "TypeError",
  scriptText: "TypeError",
  createPolicy: "TypeError",
  violations: ["require-trusted-types-for", "trusted-types"],
};

test("Trusted Types are in the header the server sends and in the page's <meta>, with everything else the README asks hosts for", async () => {
  const res = await fetch(h.server.url);
  const header = res.headers.get("content-security-policy");
  assert.equal(header, headerPolicy);
  for (const directive of [...TRUSTED_TYPES, "frame-ancestors 'none'"]) {
    assert.ok(directives(header).includes(directive), `header: ${directive}`);
  }
  for (const [name, value] of Object.entries(securityHeaders)) assert.equal(res.headers.get(name), value, name);

  const meta = await metaPolicy(h.server.url);
  assert.equal(meta, policy);
  for (const directive of TRUSTED_TYPES) assert.ok(directives(meta).includes(directive), `meta: ${directive}`);
  // Browsers ignore frame-ancestors in a <meta> (and warn about it): it belongs in the header only.
  assert.ok(!meta.includes("frame-ancestors"));
  assert.deepEqual(directives(header), [...directives(meta), "frame-ancestors 'none'"], "one policy, the header adds framing");

  // www/README.md tells hosts exactly these headers.
  const readme = readFileSync(fileURLToPath(new URL("../../www/README.md", import.meta.url)), "utf8");
  const hosting = readme.slice(readme.indexOf("## Hosting"));
  for (const [name, value] of Object.entries(securityHeaders)) {
    const line = `${name.replace(/(^|-)([a-z])/g, (_, dash, c) => dash + c.toUpperCase())}: ${value}`;
    assert.ok(hosting.split("\n").includes(line), `README hosting section lists ${line}`);
  }
});

test("Trusted Types are enforced in the served page: no HTML or script text from strings, no policies", async () => {
  const probe = await h.browser.newPage();
  try {
    await probe.goto(h.server.url);
    await probe.locator("form.connect").waitFor();
    assert.deepEqual(await probeSinks(probe), BLOCKED);
  } finally {
    await probe.close();
  }
});

test("on a host that sends no headers, the <meta> alone enforces Trusted Types and the page still works", async () => {
  const res = await fetch(bare.url);
  assert.equal(res.headers.get("content-security-policy"), null, "a bare static host");
  const context = await h.browser.newContext();
  const problems = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
    });
    await page.goto(bare.url);
    await connect(page, CLOUDFLARE);
    await page.locator("table.clients tbody tr").first().waitFor();
    assert.deepEqual(await names(page), ["Workers CI Deployer", "Support Dashboard", "Partner Analytics"]);
    assert.deepEqual(problems, [], "the page runs under Trusted Types without a violation");
    assert.deepEqual(await probeSinks(page), BLOCKED);
  } finally {
    await context.close();
  }
});

/** Opens a page on another origin that embeds `target` in an iframe; says what the frame shows. */
async function framed(target) {
  const framer = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Another site</title><iframe src="${target}"></iframe>`);
  });
  framer.listen(0, "127.0.0.1");
  await once(framer, "listening");
  const context = await h.browser.newContext();
  const messages = [];
  try {
    const page = await context.newPage();
    page.on("console", (message) => messages.push(message.text()));
    const loaded = page.waitForEvent("framenavigated", (frame) => frame !== page.mainFrame());
    await page.goto(`http://127.0.0.1:${framer.address().port}/`);
    const frame = await loaded;
    await frame.waitForLoadState();
    if (frame.url().startsWith("chrome-error:")) return { shown: false, messages };
    await frame.locator("form.connect").waitFor();
    return { shown: true, messages };
  } finally {
    await context.close();
    await new Promise((resolve) => framer.close(resolve));
  }
}

test("framing is refused by the header; a <meta> policy alone cannot refuse it", async () => {
  const withHeader = await framed(h.server.url);
  assert.equal(withHeader.shown, false, "the header's frame-ancestors 'none' refuses the frame");
  assert.ok(withHeader.messages.some((m) => m.includes("frame-ancestors 'none'")), withHeader.messages.join("\n"));
  const metaOnly = await framed(bare.url);
  assert.equal(metaOnly.shown, true, "with only the <meta>, another site can frame the page");
});

test("the emulator's test hooks answer the demo page's origin, and no other page", async () => {
  const hooks = `${h.emulator.url}/__emulator`;
  // The demo page's origin (--allow-origin): readable.
  const fromDemo = await h.page.evaluate(async (url) => {
    const res = await fetch(`${url}/requests`);
    return { status: res.status, list: Array.isArray(await res.json()) };
  }, hooks);
  assert.deepEqual(fromDemo, { status: 200, list: true });

  await h.fault({ path: "/v1", status: 503, count: 5 });
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(other.url);
    const fromOther = await page.evaluate(
      async ({ url, api }) => {
        const outcome = async (run) => {
          try {
            const res = await run();
            return res.type === "opaque" ? "opaque" : res.status;
          } catch (error) {
            return error.name;
          }
        };
        return {
          read: await outcome(() => fetch(`${url}/requests`)),
          clear: await outcome(() => fetch(`${url}/faults`, { method: "DELETE" })),
          // A form-like POST needs no preflight: the emulator must refuse it before resetting.
          reset: await outcome(() => fetch(`${url}/reset`, { method: "POST", mode: "no-cors" })),
          // The provider APIs still answer any page: the admin page calls them cross-origin.
          api: await outcome(() => fetch(api, { headers: { authorization: "Bearer atlan-emulator-token" } })),
        };
      },
      { url: hooks, api: `${h.emulator.url}/api/service/roles` },
    );
    assert.deepEqual(fromOther, { read: "TypeError", clear: "TypeError", reset: "opaque", api: 200 });
  } finally {
    await context.close();
  }
  const faults = await h.faults();
  assert.equal(faults.length, 1, "neither the reset nor the DELETE from the other page ran");
  await h.clearFaults();
  // Node (no Origin) still reads the log, as tests/node and this harness do.
  assert.ok(Array.isArray(await h.requests()));
});

test("nothing went wrong in the page: no errors, CSP violations or alerts", () => {
  assert.deepEqual(h.problems, []);
});
