// Wires the screens together: connect -> list (beside the provider's other kinds) -> detail /
// create, with one session at a time.
import { disconnect, supportedProviders, type OAuthClient, type Session } from "./api";
import { renderConnect } from "./connect";
import { detailView } from "./detail";
import { announce, button, h } from "./dom";
import { createView } from "./editor";
import { listView, type ListView } from "./list";
import { homeView, type Screen } from "./resources";

interface PageConfig {
  /** The origin of the local emulator, when the page is served next to one. */
  emulator?: string;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

const view = byId("view");
const connection = byId("connection");

/** The optional config.json written by the local server; the page works without it. */
async function loadConfig(): Promise<PageConfig> {
  try {
    const res = await fetch("./config.json", { cache: "no-store" });
    if (!res.ok) return {};
    const data: unknown = await res.json();
    if (typeof data === "object" && data !== null && "emulator" in data && typeof data.emulator === "string") {
      return { emulator: data.emulator };
    }
  } catch {
    // No config: the connect form falls back to each provider's real API.
  }
  return {};
}

function show(element: HTMLElement, focus: () => void): void {
  view.replaceChildren(element);
  window.scrollTo(0, 0);
  focus();
}

/** The screens of one session: the client list (in a tab beside the provider's other kinds). */
interface SessionScreens {
  list: ListView;
  home: Screen;
}

function startSession(session: Session): SessionScreens {
  let stale = false;
  const backToList = (): void => {
    show(home.element, home.focus);
    if (stale) list.refresh();
    stale = false;
  };
  const openClient = (client: OAuthClient): void => {
    const detail = detailView(session, client, { back: backToList, changed: () => (stale = true) });
    show(detail.element, detail.focus);
  };
  const list = listView(session, {
    open: openClient,
    create: () => {
      const form = createView(session, {
        created: (client) => {
          stale = true;
          openClient(client);
        },
        cancel: backToList,
      });
      show(form.element, form.focus);
    },
  });
  const home = homeView(session, list);
  connection.replaceChildren(
    h("span", { class: "connection-label" }, h("strong", {}, session.info.label), " ", h("code", {}, session.baseUrl)),
    button("Disconnect", () => {
      disconnect(session);
      connection.replaceChildren();
      announce("Disconnected. The credentials were forgotten.");
      showConnect();
    }),
  );
  return { list, home };
}

let config: PageConfig = {};

function showConnect(): void {
  const form = renderConnect({
    providers: supportedProviders(),
    emulatorOrigin: config.emulator,
    async onConnected(session) {
      const { list, home } = startSession(session);
      try {
        await list.start();
      } catch (error) {
        connection.replaceChildren();
        throw error;
      }
      show(home.element, home.focus);
      announce(`Connected to ${session.info.label}.`);
    },
  });
  show(form, () => form.querySelector("h2")?.focus());
}

export async function start(): Promise<void> {
  config = await loadConfig();
  showConnect();
}
