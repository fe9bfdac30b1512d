// Browser and bundler entry: fetches and instantiates the module once, at import.
import init from "./core.js";

await init({ module_or_path: new URL("./core_bg.wasm", import.meta.url) });

export * from "./core.js";
