// The client table. What it offers (pages, totals, sort, filters, a "last used" column,
// "load all") follows the provider's `capabilities`, so it needs no per-provider code.
import type { ListParams, OAuthClient, Page, Session } from "./api";
import { announce, button, h, humanize, timestamp, uid } from "./dom";
import { errorPanel, isAbort } from "./errors";

export interface ListNavigation {
  open(client: OAuthClient): void;
  create(): void;
}

export interface ListView {
  readonly element: HTMLElement;
  /** Loads the first page; rejects instead of showing the error (the connect form shows it). */
  start(): Promise<void>;
  /** Reloads the page on screen, e.g. after a change elsewhere. */
  refresh(): void;
  /** Called when the view is put back on screen. */
  focus(): void;
}

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
const FILTER_DELAY_MS = 300;
const COLUMNS = ["Name", "Client ID", "Grant types", "Scopes", "Created"];
const LAST_USED = "Last used";
/** Filters on when a client was last used: a provider that offers them reports `lastUsedAt`. */
const USE_FILTERS = ["lastUsedBefore", "neverUsed"];

/** Where a page starts: the cursor that fetches it and how many clients come before it. */
interface PageRef {
  cursor: string | undefined;
  offset: number;
}

/** "-createdAt" -> "Created, newest first"; "name" -> "Name, A–Z". */
function sortLabel(field: string): string {
  const descending = field.startsWith("-");
  const label = humanize(field);
  // Sort fields named like `createdAt` are timestamps by the library's naming.
  if (/ at$/.test(label)) return `${label.slice(0, -3)}, ${descending ? "newest" : "oldest"} first`;
  return `${label}, ${descending ? "Z–A" : "A–Z"}`;
}

function tags(values: string[]): HTMLElement {
  if (values.length === 0) return h("span", { class: "muted" }, "—");
  return h("ul", { class: "tags" }, ...values.map((v) => h("li", {}, v)));
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h("div", { class: "field compact" }, h("label", { for: control.id }, label), control);
}

export function listView(session: Session, nav: ListNavigation): ListView {
  const caps = session.capabilities;
  const paged = caps.paging !== "single";
  const sizes = PAGE_SIZES.filter((n) => caps.maxLimit === undefined || n <= caps.maxLimit);
  const tracksUse = caps.filters.some((f) => USE_FILTERS.includes(f));
  const columns = tracksUse ? [...COLUMNS, LAST_USED] : COLUMNS;
  const params: ListParams = {};
  if (paged) params.limit = sizes.includes(DEFAULT_PAGE_SIZE) ? DEFAULT_PAGE_SIZE : (sizes.at(-1) ?? caps.maxLimit ?? DEFAULT_PAGE_SIZE);

  let pages: PageRef[] = [{ cursor: undefined, offset: 0 }];
  let index = 0;
  let current: Page<OAuthClient> | undefined;
  let inFlight: AbortController | undefined;

  const headingId = uid("list-title");
  const heading = h("h2", { id: headingId, tabindex: -1 }, `${session.info.label} clients`);
  const status = h("p", { class: "list-status", role: "status", "aria-live": "polite" });
  const errorSlot = h("div");
  const tbody = h("tbody");
  const table = h(
    "table",
    { class: "data clients", "aria-labelledby": headingId },
    h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c)))),
    tbody,
  );
  const previous = button("Previous", () => void load(index - 1));
  const next = button("Next", () => {
    if (!current?.next) return;
    pages = pages.slice(0, index + 1);
    pages.push({ cursor: current.next, offset: (pages[index]?.offset ?? 0) + current.items.length });
    void load(index + 1);
  });
  const pageLabel = h("span", { class: "page-label" });
  const pager = h("nav", { class: "pager", "aria-label": "Pages", hidden: !paged }, previous, pageLabel, next);

  const progress = h("progress", { id: uid("progress") });
  const progressText = h("span", { class: "progress-text" });
  const cancelAll = button("Cancel", () => inFlight?.abort());
  const progressBox = h(
    "div",
    { class: "progress-box", hidden: true },
    h("label", { for: progress.id }, "Loaded"),
    progress,
    progressText,
    cancelAll,
  );
  const loadAllButton = button("Load all", () => void loadAll());

  const toolbar = h("div", { class: "toolbar" });
  if (caps.operations.create) toolbar.append(button("New client", () => nav.create(), { class: "primary" }));
  let filterTimer: number | undefined;
  if (caps.filters.includes("name")) {
    const filter = h("input", { type: "search", id: uid("filter"), autocomplete: "off", spellcheck: false });
    filter.addEventListener("input", () => {
      window.clearTimeout(filterTimer);
      filterTimer = window.setTimeout(() => {
        const name = filter.value.trim();
        if (name) params.name = name;
        else delete params.name;
        restart();
      }, FILTER_DELAY_MS);
    });
    toolbar.append(field("Name contains", filter));
  }
  if (caps.filters.includes("lastUsedBefore")) {
    // A day, sent as its start in UTC: "not used since".
    const before = h("input", { type: "date", id: uid("last-used-before") });
    before.addEventListener("change", () => {
      if (before.value) params.lastUsedBefore = `${before.value}T00:00:00Z`;
      else delete params.lastUsedBefore;
      restart();
    });
    toolbar.append(field("Not used since", before));
  }
  if (caps.filters.includes("neverUsed")) {
    const never = h("input", { type: "checkbox", id: uid("never-used") });
    never.addEventListener("change", () => {
      if (never.checked) params.neverUsed = true;
      else delete params.neverUsed;
      restart();
    });
    const label = caps.filters.includes("lastUsedBefore") ? "Or never used" : "Never used";
    toolbar.append(h("div", { class: "field compact" }, h("label", { class: "choice" }, never, label)));
  }
  if (caps.sortFields.length > 0) {
    const sort = h("select", { id: uid("sort") }, h("option", { value: "" }, "Provider default"));
    for (const f of caps.sortFields) sort.append(h("option", { value: f }, sortLabel(f)));
    sort.addEventListener("change", () => {
      if (sort.value) params.sort = sort.value;
      else delete params.sort;
      restart();
    });
    toolbar.append(field("Sort by", sort));
  }
  if (paged && sizes.length > 1) {
    const size = h("select", { id: uid("size") }, ...sizes.map((n) => h("option", { value: n }, String(n))));
    size.value = String(params.limit);
    size.addEventListener("change", () => {
      params.limit = Number(size.value);
      restart();
    });
    toolbar.append(field("Per page", size));
  }
  toolbar.append(h("div", { class: "toolbar-end" }, button("Refresh", () => restart(index)), paged ? loadAllButton : null));

  const tableWrap = h("div", { class: "table-wrap" }, table);
  const element = h("section", { class: "list-view", "aria-labelledby": headingId }, heading, toolbar, status, errorSlot, progressBox, tableWrap, pager);

  const setBusy = (busy: boolean): void => {
    table.setAttribute("aria-busy", String(busy));
    for (const b of [previous, next, loadAllButton]) b.disabled = busy;
    if (busy) status.textContent = "Loading clients…";
  };

  const showRows = (items: OAuthClient[]): void => {
    tableWrap.hidden = false;
    if (items.length === 0) {
      const filtered = params.name !== undefined || params.lastUsedBefore !== undefined || params.neverUsed !== undefined;
      const empty = params.name
        ? `No clients have a name containing “${params.name}”.`
        : filtered ? "No clients match the filters." : "There are no clients yet.";
      tbody.replaceChildren(
        h("tr", {}, h("td", { colspan: columns.length, class: "empty" }, h("p", {}, empty),
          caps.operations.create && !filtered ? button("Create the first client", () => nav.create()) : null)),
      );
      return;
    }
    tbody.replaceChildren(
      ...items.map((client) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", "data-label": COLUMNS[0] }, button(client.name || "(no name)", () => nav.open(client), { class: "link" })),
          h(
            "td",
            { "data-label": COLUMNS[1] },
            h("code", {}, client.clientId),
            client.id !== client.clientId ? h("div", { class: "muted small" }, "ID ", h("code", {}, client.id)) : null,
          ),
          h("td", { "data-label": COLUMNS[2] }, tags(client.grantTypes)),
          h("td", { "data-label": COLUMNS[3] }, tags(client.scopes)),
          h("td", { "data-label": COLUMNS[4] }, timestamp(client.createdAt)),
          tracksUse ? h("td", { "data-label": LAST_USED }, client.lastUsedAt ? timestamp(client.lastUsedAt) : h("span", { class: "muted" }, "Never")) : null,
        ),
      ),
    );
  };

  const describePage = (page: Page<OAuthClient>): string => {
    const n = page.items.length;
    if (!paged) return n === 1 ? "1 client" : `${n} clients`;
    const offset = pages[index]?.offset ?? 0;
    if (n === 0) return page.total !== undefined ? `No clients on this page (${page.total} in all)` : "No clients on this page";
    const range = `Showing ${offset + 1}–${offset + n}`;
    return page.total !== undefined ? `${range} of ${page.total}` : range;
  };

  const showPage = (page: Page<OAuthClient>): void => {
    current = page;
    errorSlot.replaceChildren();
    showRows(page.items);
    status.textContent = describePage(page);
    const pagesInAll = page.total !== undefined && params.limit ? Math.max(1, Math.ceil(page.total / params.limit)) : undefined;
    pageLabel.textContent = pagesInAll ? `Page ${index + 1} of ${pagesInAll}` : `Page ${index + 1}`;
    previous.disabled = index === 0;
    next.disabled = !page.next;
    pager.hidden = !paged || (index === 0 && !page.next);
  };

  const showError = (error: unknown, retry: () => void): void => {
    errorSlot.replaceChildren(errorPanel(error, retry));
    status.textContent = "The clients could not be loaded.";
    tableWrap.hidden = true;
    pager.hidden = true;
  };

  /** Fetches page `target`; a newer request cancels an older one still running. */
  async function load(target: number, rethrow = false): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    setBusy(true);
    try {
      const cursor = pages[target]?.cursor;
      const query: ListParams = cursor === undefined ? { ...params } : { ...params, cursor };
      const page = await session.clients.list(query, { signal: controller.signal });
      index = target;
      // A delete can empty the last page; step back rather than show an empty page.
      if (page.items.length === 0 && target > 0) {
        void load(target - 1);
        return;
      }
      showPage(page);
    } catch (error) {
      if (rethrow) throw error;
      if (!isAbort(error)) showError(error, () => void load(target));
    } finally {
      if (inFlight === controller) {
        inFlight = undefined;
        setBusy(false);
        previous.disabled = index === 0;
        next.disabled = !current?.next;
      }
    }
  }

  function restart(at = 0): void {
    if (at === 0) pages = [{ cursor: undefined, offset: 0 }];
    void load(at);
  }

  async function loadAll(): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const items: OAuthClient[] = [];
    const total = current?.total;
    if (total !== undefined) progress.max = total;
    else progress.removeAttribute("value");
    progressBox.hidden = false;
    setBusy(true);
    status.textContent = "Loading every client…";
    const tick = (): void => {
      if (total !== undefined) progress.value = items.length;
      progressText.textContent = total !== undefined ? `${items.length} of ${total}` : `${items.length} so far`;
    };
    tick();
    cancelAll.focus();
    const from: ListParams = { ...params };
    if (caps.maxLimit !== undefined) from.limit = caps.maxLimit;
    try {
      for await (const client of session.clients.iterate(from, { signal: controller.signal })) {
        if (controller.signal.aborted) break;
        items.push(client);
        tick();
      }
      if (controller.signal.aborted) throw new DOMException("cancelled", "AbortError");
      showRows(items);
      status.textContent = `All ${items.length} clients`;
      announce(`Loaded all ${items.length} clients.`);
    } catch (error) {
      if (isAbort(error)) {
        showRows(items);
        status.textContent = `Stopped after ${items.length} clients.`;
      } else {
        showError(error, () => void loadAll());
      }
    } finally {
      if (inFlight === controller) inFlight = undefined;
      progressBox.hidden = true;
      setBusy(false);
      // Paging restarts from the first page once the person leaves the full list.
      pages = [{ cursor: undefined, offset: 0 }];
      index = 0;
      current = undefined;
      pager.hidden = true;
      loadAllButton.focus();
    }
  }

  return {
    element,
    start: () => load(0, true),
    refresh: () => restart(current ? index : 0),
    focus: () => heading.focus(),
  };
}
