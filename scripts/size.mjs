// Prints pkg/'s sizes, raw and gzip -9: the wasm module, the JS glue, and the total a
// browser downloads; then what each provider adds, measured as pkg/ minus the same package
// built without that provider's Cargo feature (the providers are read from Cargo.toml); and
// what a package holding that provider alone weighs (`make pkg PROVIDERS=<name>`).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

function files(dir) {
  const shipped = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(wasm|js|mjs)$/.test(name)) shipped.push(path);
    }
  };
  walk(dir);
  return shipped;
}

function measure(dir) {
  const rows = { wasm: [0, 0], js: [0, 0] };
  for (const path of files(dir)) {
    const bytes = readFileSync(path);
    const row = path.endsWith(".wasm") ? rows.wasm : rows.js;
    row[0] += bytes.length;
    row[1] += gzipSync(bytes, { level: 9 }).length;
  }
  rows.total = [rows.wasm[0] + rows.js[0], rows.wasm[1] + rows.js[1]];
  return rows;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

console.log(`${"build".padEnd(34)}${"part".padEnd(7)}${"raw".padStart(10)}${"gzip -9".padStart(10)}`);
const full = measure("pkg");
for (const part of ["wasm", "js", "total"]) {
  console.log(`${"pkg/".padEnd(34)}${part.padEnd(7)}${kb(full[part][0])}${kb(full[part][1])}`);
}

const defaults = readFileSync("Cargo.toml", "utf8").match(/^default = \[(.*)\]$/m);
if (!defaults) throw new Error("Cargo.toml has no default feature list");
const providers = [...defaults[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
console.log(`\n${"provider".padEnd(34)}${"adds".padEnd(7)}${"raw".padStart(10)}${"gzip -9".padStart(10)}`);
for (const provider of providers) {
  const others = providers.filter((p) => p !== provider).join(",");
  const dir = `target/pkg-without-${provider}`;
  execFileSync("scripts/build-pkg.sh", [dir, "--no-default-features", "--features", others], { stdio: "ignore" });
  const without = measure(dir).total;
  console.log(`${provider.padEnd(34)}${"total".padEnd(7)}${kb(full.total[0] - without[0])}${kb(full.total[1] - without[1])}`);
}

console.log(`\n${"package with one provider".padEnd(34)}${"part".padEnd(7)}${"raw".padStart(10)}${"gzip -9".padStart(10)}`);
for (const provider of providers) {
  const dir = `target/pkg-only-${provider}`;
  execFileSync("scripts/build-pkg.sh", [dir, "--no-default-features", "--features", provider], { stdio: "ignore" });
  const alone = measure(dir).total;
  console.log(`${provider.padEnd(34)}${"total".padEnd(7)}${kb(alone[0])}${kb(alone[1])}`);
}
