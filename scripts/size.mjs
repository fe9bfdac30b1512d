// Prints pkg/'s sizes, raw and gzip -9: the wasm module, the JS glue, and the total a
// browser downloads. With `--compare DIR`, also a second build of the package (used by
// `make size` to set the JSON.parse + serde-wasm-bindgen path beside serde_json).
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
const builds = [["pkg/", "pkg"]];
const compare = process.argv.indexOf("--compare");
if (compare > 0) builds.push([process.argv[compare + 2] ?? process.argv[compare + 1], process.argv[compare + 1]]);

console.log(`${"build".padEnd(34)}${"part".padEnd(7)}${"raw".padStart(10)}${"gzip -9".padStart(10)}`);
for (const [label, dir] of builds) {
  const rows = measure(dir);
  for (const part of ["wasm", "js", "total"]) {
    console.log(`${label.padEnd(34)}${part.padEnd(7)}${kb(rows[part][0])}${kb(rows[part][1])}`);
  }
}
