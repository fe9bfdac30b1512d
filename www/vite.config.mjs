// Builds the admin page into www/dist. "oauth-admin" resolves to the generated package in
// ../pkg (run `make pkg` first), so the page always uses the library of this checkout.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

import { policy } from "./csp.mjs";

const pkg = fileURLToPath(new URL("../pkg/index.mjs", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  resolve: { alias: { "oauth-admin": pkg } },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // The wasm must stay a separate file: a data: URL would need a looser policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  plugins: [
    {
      name: "content-security-policy",
      // Right after the charset, so the policy governs every script and style that follows.
      transformIndexHtml: (html) =>
        html.replace(/<meta charset="utf-8" \/>/, (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
    },
  ],
});
