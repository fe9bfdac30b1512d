// The page's Content-Security-Policy, shared by the build (a <meta> in index.html, so the
// policy travels with the files wherever they are hosted) and the local server (a header,
// which can also forbid framing).
//
// connect-src stays open to any https origin and to loopback http because the person chooses
// the provider's base URL at run time; everything else is limited to the page's own files.
// 'wasm-unsafe-eval' is what browsers require to compile the library's WebAssembly.
export const policy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The header form adds what a <meta> policy cannot express. */
export const headerPolicy = `${policy}; frame-ancestors 'none'`;
