// The provider's other resource kinds (Cloudflare's scopes, Atlan's roles...), drawn from
// `capabilities.resources` alone: one tab per kind next to the OAuth clients, listing the
// kind's items with every field as text. A kind the library adds shows up with no change here.
import {
  itemId,
  nested,
  otherKinds,
  secretOf,
  valueAt,
  type Item,
  type Kind,
  type ListParams,
  type ResourceInfo,
  type Session,
  type Values,
} from "./api";
import { confirmAction, showSecret } from "./dialogs";
import { announce, button, h, humanize, uid, valueNode } from "./dom";
import { formPage } from "./editor";
import { errorPanel, isAbort } from "./errors";
import { fieldGroup, type FieldGroup } from "./forms";

/** A screen that can sit in a tab: the client list, or one kind's items. */
export interface Screen {
  readonly element: HTMLElement;
  focus(): void;
}

interface KindView extends Screen {
  /** The tab was opened: loads the first page the first time. */
  opened(): void;
}

/** The client list, and a tab per other kind when the provider has any. */
export function homeView(session: Session, clients: Screen): Screen {
  const kinds = otherKinds(session);
  if (kinds.length === 0) return clients;
  const views: (Screen & Partial<KindView>)[] = [clients, ...kinds.map(kindView)];
  const labels = [session.capabilities.label, ...kinds.map((k) => k.info.label)];
  const tabs = views.map((_, i) => h("button", { type: "button", role: "tab", id: uid("tab"), "aria-selected": "false" }, labels[i]));
  const panels = views.map((view, i) =>
    h("div", { role: "tabpanel", id: uid("panel"), "aria-labelledby": tabs[i]?.id, hidden: true }, view.element),
  );
  let selected = 0;
  const select = (index: number): void => {
    selected = index;
    tabs.forEach((tab, i) => {
      tab.setAttribute("aria-selected", String(i === index));
      tab.setAttribute("aria-controls", panels[i]?.id ?? "");
      tab.tabIndex = i === index ? 0 : -1;
      const panel = panels[i];
      if (panel) panel.hidden = i !== index;
    });
    views[index]?.opened?.();
  };
  // Arrow keys, Home and End move between tabs, the usual keys of a tab list.
  const moves: Record<string, (i: number) => number> = {
    ArrowRight: (i) => (i + 1) % tabs.length,
    ArrowLeft: (i) => (i - 1 + tabs.length) % tabs.length,
    Home: () => 0,
    End: () => tabs.length - 1,
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i));
    tab.addEventListener("keydown", (event) => {
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const to = move(i);
      select(to);
      tabs[to]?.focus();
    });
  });
  select(0);
  const tablist = h("div", { class: "tabs", role: "tablist", "aria-label": `${session.info.label} resources` }, ...tabs);
  return {
    element: h("div", { class: "home" }, tablist, ...panels),
    focus: () => views[selected]?.focus(),
  };
}

/** An item's fields; a value that is not an object is shown as one field, `value`. */
function fieldsOf(item: Item): [string, unknown][] {
  return typeof item === "object" && item !== null && !Array.isArray(item) ? Object.entries(item) : [["value", item]];
}

/** The items as a table; `actions` adds a last cell of buttons per item (edit, delete). */
function itemTable(items: Item[], labelledBy: string, actions?: (item: Item) => HTMLElement | null): HTMLElement {
  const rows = items.map((item) => new Map(fieldsOf(item)));
  // Every field any item has, in the order they first appear.
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  const actionHead = actions ? h("th", { scope: "col" }, "Actions") : null;
  return h(
    "table",
    { class: "data items", "aria-labelledby": labelledBy },
    h("thead", {}, h("tr", {}, ...columns.map((key) => h("th", { scope: "col", title: key }, humanize(key))), actionHead)),
    h(
      "tbody",
      {},
      ...rows.map((row, i) =>
        h(
          "tr",
          {},
          ...columns.map((key) => h("td", { "data-label": humanize(key) }, valueNode(row.get(key)))),
          actions ? h("td", { class: "row-actions", "data-label": "Actions" }, actions(items[i])) : null,
        ),
      ),
    ),
  );
}

/** A name for an item in messages: its `name`, else its id. */
function nameOf(item: Item): string {
  const name = valueAt(item, "name");
  return typeof name === "string" && name !== "" ? name : (itemId(item) ?? "the item");
}

function kindView(kind: Kind): KindView {
  const { info } = kind;
  const headingId = uid("kind-title");
  const heading = h("h2", { id: headingId, tabindex: -1 }, info.label);
  const status = h("p", { class: "list-status", role: "status", "aria-live": "polite" });
  const errorSlot = h("div");
  const tableWrap = h("div", { class: "table-wrap", hidden: true });
  const more = button("Load more", () => void load(false));
  const pager = h("div", { class: "load-more", hidden: true }, more);
  const element = h("section", { class: "kind-view", "aria-labelledby": headingId }, heading);
  const focus = (): void => heading.focus();

  if (!info.operations.list) {
    element.append(h("p", { class: "muted" }, "The library offers no way to list these."));
    return { element, focus, opened: () => undefined };
  }

  // A kind inside another (a parent's items) asks for the parent ids first.
  const parents = fieldGroup(info.parents);
  const parentForm = h(
    "form",
    { class: "toolbar", novalidate: true, autocomplete: "off" },
    ...parents.elements,
    h("button", { type: "submit", class: "primary" }, `Show ${info.label}`),
  );
  parentForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(true);
  });
  const refresh = button("Refresh", () => void load(true));
  const add = info.operations.create ? button(`Add to ${info.label}`, () => openCreate(), { class: "primary" }) : null;
  const listArea = h(
    "div",
    { class: "kind-list" },
    info.parents.length > 0
      ? h("div", { class: "toolbar" }, parentForm, h("div", { class: "toolbar-end" }, add))
      : h("div", { class: "toolbar" }, h("div", { class: "toolbar-end" }, add, refresh)),
    status,
    errorSlot,
    tableWrap,
    pager,
  );
  const content = h("div", { class: "kind-content" }, listArea);
  element.append(content);

  /** Back from a form to the list, reloading it when something changed. */
  const showList = (changed: boolean): void => {
    content.replaceChildren(listArea);
    heading.focus();
    if (changed) void load(true);
  };

  /** A create or edit form in place of the list; `send` gets the nested input. */
  const openForm = (title: string, specs: ResourceInfo["createFields"], submitLabel: string, collect: (fields: FieldGroup) => Values,
    send: (input: Values) => Promise<void>, initial?: (name: string) => unknown): void => {
    const form = formPage({
      title,
      specs,
      submitLabel,
      collect,
      ...(initial ? { initial } : {}),
      async submit(values) {
        await send(nested(values));
        showList(true);
      },
      cancel: () => showList(false),
    });
    content.replaceChildren(form.element);
    form.focus();
  };

  const openCreate = (): void => {
    const parentIds = readParents();
    if (!parentIds) return;
    const under = parentIds.length > 0 ? ` (${parentIds.join(", ")})` : "";
    openForm(`Add to ${info.label}${under}`, info.createFields, "Create", (fields) => fields.values(), async (input) => {
      const result = await kind.run("create", parentIds, input);
      // The record sits beside the secret (`client` or `info`), or is the result itself.
      const record: unknown = valueAt(result, "client") ?? valueAt(result, "info") ?? result;
      const secret = secretOf(result);
      if (secret) {
        await showSecret({ title: "Secret created", clientName: nameOf(record), clientId: itemId(record) ?? "", secret });
      }
      announce(`Created ${nameOf(record)}.`);
    });
  };

  /** One item as the server reads it back (`get`), in place of the list. */
  const openDetail = async (parentIds: string[], id: string, name: string): Promise<void> => {
    const back = button("← Back to the list", () => showList(false), { class: "link back" });
    const title = h("h3", { tabindex: -1 }, name);
    const body = h("div", { role: "status" }, "Loading…");
    content.replaceChildren(h("section", { class: "kind-detail" }, back, title, body));
    title.focus();
    try {
      const item = await kind.run("get", parentIds, id);
      body.replaceChildren(valueNode(item));
    } catch (error) {
      body.replaceChildren(errorPanel(error, () => void openDetail(parentIds, id, name)));
    }
  };

  /** View, edit and delete buttons for an item, where the kind has those operations and the item an id. */
  const rowActions = (item: Item): HTMLElement | null => {
    const id = itemId(item);
    const editable = info.operations.update && info.updateFields.length > 0;
    if (id === undefined || !(info.operations.get || editable || info.operations.delete)) return null;
    const parentIds = ids;
    const view = info.operations.get
      ? button("View", () => void openDetail(parentIds, id, nameOf(item)), { "aria-label": `View ${nameOf(item)}` })
      : null;
    const edit = editable
      ? button("Edit", () =>
          openForm(`Edit ${nameOf(item)}`, info.updateFields, "Save changes", (fields) => fields.changes(), async (changes) => {
            await kind.run("update", parentIds, id, changes);
            announce(`Saved ${nameOf(item)}.`);
          }, (name) => valueAt(item, name)),
        { "aria-label": `Edit ${nameOf(item)}` })
      : null;
    const remove = info.operations.delete
      ? button("Delete", async () => {
          const confirmed = await confirmAction({
            title: `Delete ${nameOf(item)}?`,
            message: [`${info.label}: `, h("code", {}, id), ". This cannot be undone."],
            confirmLabel: "Delete",
            danger: true,
          });
          if (!confirmed) return;
          try {
            await kind.run("delete", parentIds, id);
            announce(`Deleted ${nameOf(item)}.`);
            void load(true);
          } catch (error) {
            errorSlot.replaceChildren(errorPanel(error));
          }
        }, { class: "danger", "aria-label": `Delete ${nameOf(item)}` })
      : null;
    return h("div", { class: "actions" }, view, edit, remove);
  };

  let items: Item[] = [];
  let next: string | undefined;
  let ids: string[] = [];
  let inFlight: AbortController | undefined;
  let started = false;

  /** The parent ids from the form, or undefined (and the form says why) when one is missing. */
  const readParents = (): string[] | undefined => {
    const values = parents.values();
    const read = info.parents.map((spec) => String(values[spec.name] ?? "").trim());
    const missing = info.parents.filter((_, i) => read[i] === "");
    parents.clearErrors();
    parents.showErrors(new Map(missing.map((spec) => [spec.name, [`Enter the ${spec.label}.`]])));
    if (missing[0]) {
      parents.focus(missing[0].name);
      return undefined;
    }
    return read;
  };

  const describe = (total: number | undefined): string => {
    const n = items.length;
    if (n === 0) return "There are none.";
    if (next !== undefined) return total !== undefined ? `Showing ${n} of ${total}` : `Showing ${n}`;
    return n === 1 ? "1 item" : `${n} items`;
  };

  /** The first page (`fresh`) or the one after those shown; a newer request cancels an older one. */
  async function load(fresh: boolean): Promise<void> {
    if (fresh) {
      const read = readParents();
      if (!read) return;
      ids = read;
    }
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    errorSlot.replaceChildren();
    status.textContent = "Loading…";
    tableWrap.setAttribute("aria-busy", "true");
    more.disabled = true;
    try {
      const params: ListParams = fresh || next === undefined ? {} : { cursor: next };
      const page = await kind.list(ids, params, { signal: controller.signal });
      items = fresh ? page.items : [...items, ...page.items];
      next = page.next;
      const withActions = info.operations.get || info.operations.update || info.operations.delete;
      tableWrap.replaceChildren(itemTable(items, headingId, withActions ? rowActions : undefined));
      tableWrap.hidden = items.length === 0;
      pager.hidden = next === undefined;
      status.textContent = describe(page.total);
    } catch (error) {
      if (isAbort(error)) return;
      errorSlot.replaceChildren(errorPanel(error, () => void load(fresh)));
      status.textContent = `${info.label} could not be loaded.`;
    } finally {
      if (inFlight === controller) {
        inFlight = undefined;
        tableWrap.removeAttribute("aria-busy");
        more.disabled = false;
      }
    }
  }

  return {
    element,
    focus,
    opened() {
      if (started || info.parents.length > 0) return;
      started = true;
      void load(true);
    },
  };
}
