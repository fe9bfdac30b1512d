// Node entry: compiles the module synchronously from the file beside this one, so
// `import { OAuthAdmin } from "oauth-admin"` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./core.js";

initSync({ module: readFileSync(new URL("./core_bg.wasm", import.meta.url)) });

export * from "./core.js";
