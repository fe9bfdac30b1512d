// Cloudflare Workers (workerd) entry: a Worker cannot fetch a file beside its script, and it
// may not compile WebAssembly from bytes, so the `.wasm` is imported as a module (wrangler and
// workerd hand it over as a compiled `WebAssembly.Module`) and instantiated synchronously here,
// so `import { OAuthAdmin } from "oauth-admin"` needs no init call.
import wasm from "./core_bg.wasm";
import { initSync } from "./core.js";

initSync({ module: wasm });

export * from "./core.js";
