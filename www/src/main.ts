// The entry point. The library instantiates its WebAssembly while it is imported, so the rest
// of the page is loaded behind a dynamic import: if that fails (an old browser, a blocked
// .wasm), the person sees why instead of a page stuck on "Loading…".
import { h } from "./dom";

import("./app")
  .then((app) => app.start())
  .catch((error: unknown) => {
    const view = document.getElementById("view");
    view?.replaceChildren(
      h(
        "div",
        { class: "error-panel", role: "alert" },
        h("p", { class: "error-title" }, "The page could not start"),
        h("p", {}, error instanceof Error ? error.message : String(error)),
        h("p", {}, "It needs a current browser with WebAssembly enabled."),
      ),
    );
  });
