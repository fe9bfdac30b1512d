# The few commands a newcomer needs. `make demo` and `make test` work on a fresh machine:
# they install what is missing first (Rust wasm target, wasm-bindgen-cli pinned to
# Cargo.lock, npm packages, Debian's chromium).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
EMULATOR := target/debug/oauth-admin-emulator
export CARGO_TERM_COLOR ?= never

.PHONY: all demo demo-script www test test-native test-wasm test-wasm-node test-wasm-chromium test-node test-runtimes test-types test-www \
        pkg size bench fuzz tools tools-rust tools-npm tools-chromium emulator clean

all: pkg

## Tools --------------------------------------------------------------------------------

tools: tools-rust tools-npm

tools-rust:
	scripts/install-tools.sh rust

tools-npm:
	scripts/install-tools.sh npm

tools-chromium:
	scripts/install-tools.sh chromium

## Build --------------------------------------------------------------------------------

# pkg/: the npm package (wasm + JS glue + entry files + types), optimised for size.
# PROVIDERS=cloudflare,clerk builds it with only those providers (smaller; see `make size`).
PROVIDERS ?=
pkg: tools
	scripts/build-pkg.sh pkg $(if $(PROVIDERS),--no-default-features --features $(PROVIDERS))

emulator: tools-rust
	cargo build -p oauth-admin-emulator

# www/dist: the admin page, type-checked and bundled with the pkg/ of this checkout.
www: pkg
	node_modules/.bin/tsc -p www/tsconfig.json
	node_modules/.bin/vite build www --logLevel warn

## Run ----------------------------------------------------------------------------------

# The admin page on 127.0.0.1 against a local emulator, until Ctrl-C.
demo: www emulator
	scripts/demo.sh

# The Node lifecycle example (examples/cloudflare-lifecycle.mjs) against the emulator.
demo-script: pkg emulator
	scripts/demo.sh --script

# Sizes of pkg/, and what each provider adds (pkg/ minus a build without it).
size: pkg
	node scripts/size.mjs

# The performance table (per-call overhead, iterating 10,000 clients, cold start).
bench: pkg
	cargo build -p oauth-admin-emulator --release
	node --expose-gc bench/run.mjs

## Test ---------------------------------------------------------------------------------

test: test-native test-wasm test-types test-node test-runtimes test-www

# The response-parser mutation test for longer than `make test` runs it:
# FUZZ_SECONDS (default 60), FUZZ_SEED to replay a run.
fuzz: tools-rust
	cargo test --release --lib fuzz_for_a_while -- --ignored --nocapture

test-native: tools-rust
	cargo test --workspace

test-wasm: test-wasm-node test-wasm-chromium

test-wasm-node: emulator
	scripts/wasm-tests.sh node

test-wasm-chromium: emulator tools-chromium
	scripts/wasm-tests.sh chromium

test-types: pkg
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	node scripts/readme-snippets.mjs
	node_modules/.bin/tsc -p tests/types/tsconfig.readme.json

# Every tests/node/ suite but runtimes.test.mjs, which test-runtimes runs.
test-node: pkg emulator tools-chromium
	node --test --test-concurrency=1 $(filter-out tests/node/runtimes.test.mjs,$(wildcard tests/node/*.test.mjs))

# pkg/ in Deno, Bun and a Cloudflare Worker served by workerd (the npm packages pinned in
# package-lock.json), each against the emulator.
test-runtimes: pkg emulator
	node --test --test-concurrency=1 tests/node/runtimes.test.mjs

# The admin page in headless Chromium against the emulator; screenshots in tests/www/screenshots/.
test-www: www emulator tools-chromium
	node --test --test-concurrency=1 tests/www/

clean:
	rm -rf pkg target node_modules
