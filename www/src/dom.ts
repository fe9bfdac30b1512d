// The only way this page puts things on screen: elements are created one by one and server
// data only ever becomes text nodes, so a name like `<img onerror=...>` stays a name.

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes and children; `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    // Handlers are attached with addEventListener; an inline one would also be blocked by the CSP.
    if (/^on/i.test(name)) throw new Error(`inline handler attribute ${name}`);
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** A button that runs `action` on click (type="button" so it never submits a form). */
export function button(label: Child, action: (event: MouseEvent) => void, attrs: Attrs = {}): HTMLButtonElement {
  const el = h("button", { type: "button", ...attrs }, label);
  el.addEventListener("click", action);
  return el;
}

let nextId = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** "tokenEndpointAuthMethod" -> "Token endpoint auth method", for keys the server adds. */
export function humanize(key: string): string {
  const words = key
    .replace(/^-/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A timestamp as a <time>, in the reader's locale; unparseable values stay as sent. */
export function timestamp(value: string | undefined): Node {
  if (!value) return document.createTextNode("—");
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return document.createTextNode(value);
  return h("time", { datetime: date.toISOString(), title: date.toISOString() }, date.toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  }));
}

/** Any JSON value as nested text: lists become lists, objects become definition lists. */
export function valueNode(value: unknown): Node {
  if (value === null || value === undefined) return h("span", { class: "muted" }, "—");
  if (typeof value === "boolean") return document.createTextNode(value ? "Yes" : "No");
  if (Array.isArray(value)) {
    if (value.length === 0) return h("span", { class: "muted" }, "(none)");
    return h("ul", { class: "values" }, ...value.map((item) => h("li", {}, valueNode(item))));
  }
  if (typeof value === "object") {
    return definitions(Object.entries(value).map(([key, inner]) => [h("code", {}, key), valueNode(inner)]));
  }
  return document.createTextNode(String(value));
}

/** Rows of term and value, as a definition list. */
export function definitions(rows: [Child, Child][]): HTMLElement {
  const list = h("dl", { class: "fields-list" });
  for (const [term, value] of rows) list.append(h("div", {}, h("dt", {}, term), h("dd", {}, value)));
  return list;
}

let noticeTimer: number | undefined;

/**
 * Shows a short confirmation ("Deleted …") in the page's status line, which screen readers
 * also read out, without moving anyone's focus.
 */
export function announce(message: string): void {
  const region = document.getElementById("notice");
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = "";
  region.hidden = false;
  window.clearTimeout(noticeTimer);
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
  noticeTimer = window.setTimeout(() => {
    region.hidden = true;
  }, 8000);
}
