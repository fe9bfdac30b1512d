// Form controls generated from the library's FieldSpec lists (connect options, credentials,
// create and update inputs), so a new provider needs no change here.
import type { FieldSpec, Values } from "./api";
import { h, uid } from "./dom";

type Value = string | string[] | boolean | number | undefined;

interface Control {
  readonly spec: FieldSpec;
  readonly element: HTMLElement;
  /** The value in the input's own type; `undefined` when left empty. */
  read(): Value;
  focus(): void;
  showErrors(messages: string[]): void;
}

export interface FieldOptions {
  /** Current values, for editing; a create form starts empty. */
  initial?: (name: string) => unknown;
  /** Offer "provider default" for optional choices (create forms). */
  allowDefault?: boolean;
}

const isList = (spec: FieldSpec): boolean => spec.type === "urlList" || spec.type === "stringList" || spec.type === "multiChoice";

/** A server value as the control holds it, so "unchanged" can be detected by comparison. */
function normalize(spec: FieldSpec, raw: unknown): Value {
  if (isList(spec)) return Array.isArray(raw) ? raw.map(String) : [];
  if (spec.type === "boolean") return typeof raw === "boolean" ? raw : undefined;
  if (spec.type === "integer" && typeof raw === "number") return raw;
  if (raw === undefined || raw === null || raw === "") return undefined;
  return String(raw);
}

function same(a: Value, b: Value): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function makeControl(spec: FieldSpec, options: FieldOptions): Control {
  const id = uid(`field-${spec.name}`);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const initial = normalize(spec, options.initial?.(spec.name));
  const error = h("p", { id: errorId, class: "field-error", hidden: true });
  const mark = (): HTMLElement | null => (spec.required ? h("span", { class: "required", "aria-hidden": "true" }, " *") : null);
  const label = h("label", { for: id }, spec.label, mark());
  const hint = (text: string): HTMLElement => h("p", { id: hintId, class: "hint" }, text);
  let read: () => Value;
  let element: HTMLElement;
  let focusTarget: HTMLElement;

  switch (spec.type) {
    case "urlList":
    case "stringList": {
      const area = h("textarea", { id, name: spec.name, rows: 3, spellcheck: false, "aria-describedby": `${hintId} ${errorId}` });
      area.value = Array.isArray(initial) ? initial.join("\n") : "";
      read = () => lines(area.value);
      element = h("div", { class: "field" }, label, hint(spec.type === "urlList" ? "One URL per line." : "One value per line."), area, error);
      focusTarget = area;
      break;
    }
    case "multiChoice": {
      // Values the server holds that the library does not list are kept, so saving never drops them.
      const listed = spec.options ?? [];
      const current = Array.isArray(initial) ? initial : [];
      const boxes = [...listed, ...current.filter((v) => !listed.includes(v))].map((choice) => {
        const box = h("input", { type: "checkbox", name: spec.name, value: choice });
        box.checked = current.includes(choice);
        return box;
      });
      const defaultHint = !spec.required && options.allowDefault ? hint("None ticked: the provider's default.") : null;
      element = h(
        "fieldset",
        { class: "field choices", id, "aria-describedby": defaultHint ? `${hintId} ${errorId}` : errorId },
        h("legend", {}, spec.label, mark()),
        defaultHint,
        ...boxes.map((box) => h("label", { class: "choice" }, box, " ", h("code", {}, box.value))),
        error,
      );
      read = () => boxes.filter((b) => b.checked).map((b) => b.value);
      focusTarget = boxes[0] ?? element;
      break;
    }
    case "choice":
    case "boolean": {
      const select = h("select", { id, name: spec.name, "aria-describedby": errorId });
      const values: [string, string][] =
        spec.type === "boolean" ? [["true", "Yes"], ["false", "No"]] : (spec.options ?? []).map((o) => [o, o]);
      const current = initial === undefined ? "" : String(initial);
      if (current !== "" && !values.some(([v]) => v === current)) values.push([current, current]);
      if (current === "" && (options.allowDefault || !spec.required)) select.append(h("option", { value: "" }, "Provider default"));
      for (const [value, text] of values) select.append(h("option", { value }, text));
      select.value = current !== "" ? current : (select.options[0]?.value ?? "");
      read = () => {
        if (select.value === "") return undefined;
        return spec.type === "boolean" ? select.value === "true" : select.value;
      };
      element = h("div", { class: "field" }, label, select, error);
      focusTarget = select;
      break;
    }
    default: {
      const type = spec.type === "secret" ? "password" : spec.type === "url" ? "url" : spec.type === "integer" ? "number" : "text";
      const field = h("input", {
        id,
        name: spec.name,
        type,
        autocomplete: "off",
        spellcheck: false,
        "aria-describedby": errorId,
      });
      field.value = typeof initial === "string" || typeof initial === "number" ? String(initial) : "";
      read = () => {
        const text = field.value.trim();
        if (text === "") return undefined;
        // A number field's text is kept when it is not a whole number: the library names the field.
        return spec.type === "integer" && /^-?\d+$/.test(text) ? Number(text) : text;
      };
      element = h("div", { class: "field" }, label, field, error);
      focusTarget = field;
    }
  }
  if (spec.required && spec.type !== "multiChoice") focusTarget.setAttribute("aria-required", "true");

  return {
    spec,
    element,
    read,
    focus: () => focusTarget.focus(),
    showErrors(messages) {
      error.textContent = messages.join(" ");
      error.hidden = messages.length === 0;
      const invalid = messages.length > 0 ? "true" : null;
      for (const target of element.querySelectorAll("input, textarea, select")) {
        if (invalid) target.setAttribute("aria-invalid", invalid);
        else target.removeAttribute("aria-invalid");
      }
    },
  };
}

export interface FieldGroup {
  readonly elements: HTMLElement[];
  /** Every value that is set, plus required fields even when empty (the library names them). */
  values(): Values;
  /** Only what differs from the initial values: the body of an update. */
  changes(): Values;
  /** Shows messages by field name; returns the names it did not know. */
  showErrors(byField: Map<string, string[]>): string[];
  clearErrors(): void;
  has(name: string): boolean;
  focus(name?: string): void;
}

export function fieldGroup(specs: FieldSpec[], options: FieldOptions = {}): FieldGroup {
  const controls = specs.map((spec) => makeControl(spec, options));
  const byName = new Map(controls.map((c) => [c.spec.name, c]));
  const emptyFor = (spec: FieldSpec): Value => (isList(spec) ? [] : spec.type === "boolean" ? undefined : "");
  return {
    elements: controls.map((c) => c.element),
    values() {
      const out: Values = {};
      for (const c of controls) {
        const value = c.read();
        const empty = value === undefined || (Array.isArray(value) && value.length === 0);
        if (!empty) out[c.spec.name] = value;
        else if (c.spec.required) out[c.spec.name] = emptyFor(c.spec);
      }
      return out;
    },
    changes() {
      const out: Values = {};
      for (const c of controls) {
        const before = normalize(c.spec, options.initial?.(c.spec.name));
        const after = c.read();
        if (!same(before, after)) out[c.spec.name] = after ?? emptyFor(c.spec);
      }
      return out;
    },
    showErrors(byField) {
      const unknown: string[] = [];
      for (const [name, messages] of byField) {
        const control = byName.get(name);
        if (control) control.showErrors(messages);
        else unknown.push(name);
      }
      return unknown;
    },
    clearErrors() {
      for (const c of controls) c.showErrors([]);
    },
    has: (name) => byName.has(name),
    focus(name) {
      (name ? byName.get(name) : controls[0])?.focus();
    },
  };
}
