// Writes every ```ts block of README.md to its own module under target/readme-snippets/,
// so `tsc` checks the README's examples against pkg/'s types exactly as printed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const out = "target/readme-snippets";
const blocks = [...readFileSync("README.md", "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
if (blocks.length === 0) throw new Error("README.md has no ```ts blocks");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
blocks.forEach((code, i) => writeFileSync(`${out}/snippet-${i + 1}.ts`, `export {};\n${code}`));
console.log(`${blocks.length} README snippets written to ${out}/`);
