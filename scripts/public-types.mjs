// Writes the package's public type declarations: the generated ones minus the loader's
// internals (InitOutput and friends describe raw wasm exports as `any`), which the entry
// files call themselves and users never see.
import { readFileSync, writeFileSync } from "node:fs";

const [from, to] = process.argv.slice(2);
const generated = readFileSync(from, "utf8");
const cut = generated.indexOf("export type InitInput");
if (cut < 0) throw new Error(`${from}: no loader section found; has wasm-bindgen's output changed?`);
const types = generated.slice(0, cut).trimEnd() + "\n";
if (/\bany\b/.test(types.replace(/\/\*[\s\S]*?\*\//g, ""))) {
  throw new Error(`${from}: the public types contain \`any\``);
}
writeFileSync(to, types);
