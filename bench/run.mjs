// The performance table: this library beside a hand-written fetch client against the same
// emulator in the same run. Figures are measured here and printed; nothing is hard-coded.
//   per-call overhead (get, list page, create), p50 over interleaved rounds
//   iterating 10,000 clients, time and memory
//   module instantiation + first call in a fresh Node process, beside a plain fetch
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { OAuthAdmin } from "../pkg/node.mjs";
import { startEmulator } from "../tests/node/support.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const KEY = "sk_test_emulator";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const BULK = 10_000;

const emulator = await startEmulator({ binary: process.env.BENCH_EMULATOR ?? `${root}/target/release/oauth-admin-emulator` });
const base = `${emulator.url}/v1`;
const headers = { authorization: `Bearer ${KEY}`, "clerk-api-version": "2025-11-10" };

// What a careful person writes by hand with fetch: the same requests, JSON in and out.
const hand = {
  async get(id) {
    const res = await fetch(`${base}/oauth_applications/${encodeURIComponent(id)}`, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  },
  async list(offset, limit) {
    const url = `${base}/oauth_applications?limit=${limit}&offset=${offset}&order_by=%2Bcreated_at`;
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  },
  async create(name) {
    const res = await fetch(`${base}/oauth_applications`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name, redirect_uris: ["https://bench.example.com/cb"], scopes: "profile email" }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  },
};

const admin = new OAuthAdmin({ provider: "clerk", auth: { bearer: KEY }, baseUrl: base });
const lib = {
  get: (id) => admin.clients.get(id),
  list: (offset, limit) => admin.clients.list({ limit, cursor: offset === 0 ? undefined : String(offset) }),
  create: (name) => admin.clients.create({ name, redirectUris: ["https://bench.example.com/cb"], scopes: ["profile", "email"] }),
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function perCall(name, target, op) {
  const times = { hand: [], lib: [] };
  for (let i = 0; i < 20; i++) await Promise.all([op(hand, i), op(lib, i)]); // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate who goes first so neither side always meets a warmer server.
    for (const side of i % 2 ? ["hand", "lib"] : ["lib", "hand"]) {
      const t = performance.now();
      await op(side === "hand" ? hand : lib, i);
      times[side].push(performance.now() - t);
    }
  }
  const [h, l] = [median(times.hand), median(times.lib)];
  return [name, `${h.toFixed(3)} ms`, `${l.toFixed(3)} ms`, `${(l / h).toFixed(2)}x`, target];
}

async function seed(count) {
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => hand.create(`bulk ${i + j}`)));
  }
}

// Each side walks every client three times, alternating who goes first; the median run
// counts, so one slow moment of the machine does not decide the ratio.
async function iterateAll() {
  const limit = 500;
  const memory = () => process.memoryUsage().rss;
  // Peak RSS growth during each side's walks, sampled every 1,000 items the same way.
  const peak = { hand: 0, lib: 0 };
  const handWalk = async () => {
    const before = memory();
    let n = 0;
    for (let offset = 0; ; offset += limit) {
      const page = await hand.list(offset, limit);
      for (const c of page.data) {
        n += c.id ? 1 : 0;
        if (n % 1000 === 0) peak.hand = Math.max(peak.hand, memory() - before);
      }
      if (page.data.length < limit || offset + limit >= page.total_count) break;
    }
    return n;
  };
  const libWalk = async () => {
    const before = memory();
    let m = 0;
    for await (const c of admin.clients.iterate({ limit })) {
      m += c.id ? 1 : 0;
      if (m % 1000 === 0) peak.lib = Math.max(peak.lib, memory() - before);
    }
    return m;
  };
  const times = { hand: [], lib: [] };
  let counts = {};
  for (let round = 0; round < 3; round++) {
    for (const side of round % 2 ? ["hand", "lib"] : ["lib", "hand"]) {
      global.gc?.();
      const t = performance.now();
      counts[side] = await (side === "hand" ? handWalk() : libWalk());
      times[side].push(performance.now() - t);
    }
  }
  if (counts.hand !== counts.lib) throw new Error(`iterated ${counts.lib} clients, the hand loop saw ${counts.hand}`);
  const [handMs, libMs] = [median(times.hand), median(times.lib)];
  return [
    [`iterate ${counts.lib} clients (median of 3)`, `${handMs.toFixed(0)} ms`, `${libMs.toFixed(0)} ms`, `${(libMs / handMs).toFixed(2)}x`, "<= 2.5x"],
    ["  peak RSS growth while iterating", `${(peak.hand / 1048576).toFixed(1)} MB`, `${(peak.lib / 1048576).toFixed(1)} MB`, "", "flat"],
  ];
}

function coldStart() {
  const script = (body) => execFileSync("node", ["--input-type=module", "-e", body], { cwd: root, encoding: "utf8" }).trim();
  const lib = script(`
    const t0 = performance.now();
    const { OAuthAdmin } = await import("./pkg/node.mjs");
    const t1 = performance.now();
    const admin = new OAuthAdmin({ provider: "clerk", auth: { bearer: "${KEY}" }, baseUrl: "${base}" });
    await admin.clients.list({ limit: 1 });
    console.log((t1 - t0).toFixed(1) + " " + (performance.now() - t0).toFixed(1));`);
  const plain = script(`
    const t0 = performance.now();
    const res = await fetch("${base}/oauth_applications?limit=1", { headers: ${JSON.stringify(headers)} });
    await res.json();
    console.log((performance.now() - t0).toFixed(1));`);
  const [instantiate, first] = lib.split(" ");
  return [
    ["import + instantiate (fresh Node)", "", `${instantiate} ms`, "", "reported"],
    ["import + first list call (fresh Node)", `${plain} ms`, `${first} ms`, "", "reported"],
  ];
}

try {
  await seed(BULK - 23);
  const ids = (await hand.list(0, 20)).data.map((a) => a.id);
  const rows = [
    await perCall("get", "<= 1.4x", (c, i) => c.get(ids[i % ids.length])),
    await perCall("list page (20)", "reported", (c) => c.list(0, 20)),
    await perCall("list page (100)", "<= 2.5x", (c) => c.list(0, 100)),
    await perCall("create", "reported", (c, i) => c.create(`bench ${i}`)),
  ];
  rows.push(...(await iterateAll()));
  rows.push(...coldStart());
  const head = ["figure", "hand-written fetch", "oauth-admin", "ratio", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((r) => console.log(line(r)));
} finally {
  await emulator.stop();
}
