// The page's Content-Security-Policy, shared by the build (a <meta> in index.html, so the
// policy travels with the files wherever they are hosted) and the local server (a header,
// which can also forbid framing). www/README.md ("Hosting") lists the headers a host must send.
//
// connect-src stays open to any https origin and to loopback http because the person chooses
// the provider's base URL at run time; everything else is limited to the page's own files.
// 'wasm-unsafe-eval' is what browsers require to compile the library's WebAssembly.
//
// Trusted Types: the page never writes HTML or script text (every server value becomes a text
// node, see src/dom.ts), and neither does Vite's output or the library's glue. So the DOM's
// injection sinks (innerHTML, outerHTML, insertAdjacentHTML, document.write, script text and
// src, inline handler attributes, eval-like calls) refuse plain strings, and `trusted-types
// 'none'` lets no script create a policy that could turn a string into trusted HTML.
export const policy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

/** The header form adds what a <meta> policy cannot express: browsers ignore `frame-ancestors` there. */
export const headerPolicy = `${policy}; frame-ancestors 'none'`;

/**
 * Every response header the page relies on, as scripts/serve.mjs sends them and as a host
 * must (www/README.md, "Hosting"). `.wasm` files must also be served as `application/wasm`.
 */
export const securityHeaders = {
  "content-security-policy": headerPolicy,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};
