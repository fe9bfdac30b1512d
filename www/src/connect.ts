// The connect screen, generated from `providers()`: any provider the library adds shows up
// with its own options and credential shapes. Credentials are handed to the library and the
// inputs are dropped when the session ends; nothing is written to storage, cookies or the URL.
import { connect, disconnect, type ProviderInfo, type Session, type Values } from "./api";
import { h, uid } from "./dom";
import { errorPanel, fieldMessages } from "./errors";
import { fieldGroup, type FieldGroup } from "./forms";

export interface ConnectOptions {
  providers: ProviderInfo[];
  /** Where the local emulator runs, if the server said so. */
  emulatorOrigin: string | undefined;
  /** Loads the first page; rejects (and the form shows why) when the credentials do not work. */
  onConnected: (session: Session) => Promise<void>;
}

/** What the form remembers between sessions of this tab: never the credentials. */
interface Remembered {
  provider?: string;
  baseUrl?: string;
  options?: Values;
  settings?: Values;
}
let remembered: Remembered = {};

const SETTINGS = [
  { name: "maxRetries", label: "Retries after a failure", type: "string", required: false },
  { name: "timeoutMs", label: "Timeout per call (ms)", type: "string", required: false },
] as const;

function defaultBaseUrl(info: ProviderInfo, emulatorOrigin: string | undefined): string {
  return emulatorOrigin ? `${emulatorOrigin.replace(/\/$/, "")}${info.basePath}` : (info.defaultBaseUrl ?? "");
}

function baseUrlHint(info: ProviderInfo, emulatorOrigin: string | undefined): string {
  if (emulatorOrigin) return "Defaults to the local emulator.";
  // Providers hosted per customer (a tenant URL) have no default.
  return info.defaultBaseUrl ? `Defaults to ${info.defaultBaseUrl}.` : `Your ${info.label} address, without ${info.basePath || "a path"}.`;
}

interface AuthChoice {
  group: FieldGroup;
  section: HTMLElement;
  radio: HTMLInputElement | null;
}

/** The part of the form that depends on the chosen provider. */
interface ProviderFields {
  info: ProviderInfo;
  base: FieldGroup;
  options: FieldGroup;
  settings: FieldGroup;
  auth: AuthChoice[];
  advanced: HTMLDetailsElement;
  elements: HTMLElement[];
}

function providerFields(info: ProviderInfo, baseUrl: string, emulatorOrigin: string | undefined): ProviderFields {
  const same = info.provider === remembered.provider;
  const base = fieldGroup([{ name: "baseUrl", label: "Base URL", type: "url", required: true }], { initial: () => baseUrl });
  const options = fieldGroup(info.options, { initial: (name) => (same ? remembered.options?.[name] : undefined) });
  const settings = fieldGroup([...SETTINGS], { initial: (name) => remembered.settings?.[name] });
  const radioName = uid("auth");
  const auth = info.auth.map((option, index): AuthChoice => {
    const group = fieldGroup(option.fields);
    const radio = info.auth.length > 1 ? h("input", { type: "radio", name: radioName, value: String(index) }) : null;
    if (radio) radio.checked = index === 0;
    return { group, radio, section: h("div", { class: "auth-fields", hidden: index !== 0 }, ...group.elements) };
  });
  for (const choice of auth) {
    choice.radio?.addEventListener("change", () => {
      for (const other of auth) other.section.hidden = other !== choice;
    });
  }
  const radios = auth.flatMap(({ radio }, index) => (radio ? [h("label", { class: "choice" }, radio, " ", info.auth[index]?.label)] : []));
  const advanced = h("details", { class: "advanced" }, h("summary", {}, "Advanced"), ...settings.elements);
  return {
    info,
    base,
    options,
    settings,
    auth,
    advanced,
    elements: [
      ...base.elements,
      h("p", { class: "hint" }, baseUrlHint(info, emulatorOrigin)),
      ...options.elements,
      h(
        "fieldset",
        { class: "credentials" },
        h("legend", {}, "Credentials"),
        radios.length > 0 ? h("div", { class: "choices inline", role: "radiogroup", "aria-label": "Sign in with" }, ...radios) : null,
        ...auth.map((a) => a.section),
      ),
      advanced,
    ],
  };
}

function selectedAuth(fields: ProviderFields): AuthChoice | undefined {
  return fields.auth.find((a) => a.radio === null || a.radio.checked);
}

/** Every group whose values go into the constructor, credentials last. */
function groups(fields: ProviderFields): FieldGroup[] {
  const auth = selectedAuth(fields);
  return [fields.base, fields.options, fields.settings, ...(auth ? [auth.group] : [])];
}

/** Retries and timeout are typed as text; the library wants whole numbers. */
function readSettings(fields: ProviderFields): Values | undefined {
  const out: Values = {};
  const bad = new Map<string, string[]>();
  for (const [name, text] of Object.entries(fields.settings.values())) {
    if (typeof text === "string" && /^\d+$/.test(text)) out[name] = Number(text);
    else bad.set(name, ["Enter a whole number."]);
  }
  fields.settings.showErrors(bad);
  const first = bad.keys().next();
  if (first.done) return out;
  fields.advanced.open = true;
  fields.settings.focus(first.value);
  return undefined;
}

/**
 * Flags required fields left empty before anything is sent. The library checks most values
 * itself, but an empty credential (an OAuth client id, say) could only fail at the server.
 */
function checkRequired(fields: ProviderFields): boolean {
  let first: [FieldGroup, string] | undefined;
  for (const group of groups(fields)) {
    const empty = Object.entries(group.values()).filter(([, value]) => value === "" || (Array.isArray(value) && value.length === 0));
    group.showErrors(new Map(empty.map(([name]) => [name, ["Enter a value."]])));
    if (empty[0]) first ??= [group, empty[0][0]];
  }
  if (first) first[0].focus(first[1]);
  return first === undefined;
}

export function renderConnect(options: ConnectOptions): HTMLElement {
  const headingId = uid("connect-title");
  const providerId = uid("provider");
  const summary = h("div", { class: "form-summary" });
  const providerSelect = h("select", { id: providerId, name: "provider" });
  for (const info of options.providers) providerSelect.append(h("option", { value: info.provider }, info.label));
  if (options.providers.some((p) => p.provider === remembered.provider)) providerSelect.value = remembered.provider ?? "";
  const providerPart = h("div", { class: "provider-part" });
  const submit = h("button", { type: "submit", class: "primary" }, "Connect");
  const form = h(
    "form",
    { class: "card connect", novalidate: true, autocomplete: "off", "aria-labelledby": headingId },
    h("h2", { id: headingId, tabindex: -1 }, "Connect to a provider"),
    h("p", { class: "muted" }, "Credentials are kept in this tab's memory only and are forgotten when you disconnect or reload."),
    summary,
    h("div", { class: "field" }, h("label", { for: providerId }, "Provider"), providerSelect),
    providerPart,
    h("div", { class: "form-actions" }, submit),
  );

  const chosen = (): ProviderInfo | undefined =>
    options.providers.find((p) => p.provider === providerSelect.value) ?? options.providers[0];
  const first = chosen();
  if (!first) {
    providerPart.textContent = "This build of the library supports no provider.";
    return form;
  }
  const startUrl = first.provider === remembered.provider && remembered.baseUrl ? remembered.baseUrl : defaultBaseUrl(first, options.emulatorOrigin);
  let fields = providerFields(first, startUrl, options.emulatorOrigin);
  providerPart.replaceChildren(...fields.elements);

  providerSelect.addEventListener("change", () => {
    const info = chosen();
    if (!info || info.provider === fields.info.provider) return;
    // Keep a base URL the person typed; replace one that was only the previous default.
    const typed = String(fields.base.values()["baseUrl"] ?? "");
    const edited = typed !== defaultBaseUrl(fields.info, options.emulatorOrigin);
    fields = providerFields(info, edited ? typed : defaultBaseUrl(info, options.emulatorOrigin), options.emulatorOrigin);
    providerPart.replaceChildren(...fields.elements);
    summary.replaceChildren();
  });

  const showErrors = (error: unknown): void => {
    const routed = new Map<FieldGroup, Map<string, string[]>>();
    let firstBad: [FieldGroup, string] | undefined;
    for (const [field, messages] of fieldMessages(error)) {
      // The library names credential fields either bare or as `auth.<name>`.
      const name = field.replace(/^auth\./, "");
      const owner = groups(fields).find((g) => g.has(name));
      if (!owner) continue;
      routed.set(owner, (routed.get(owner) ?? new Map<string, string[]>()).set(name, messages));
      firstBad ??= [owner, name];
    }
    for (const group of groups(fields)) group.showErrors(routed.get(group) ?? new Map());
    summary.replaceChildren(errorPanel(error));
    if (firstBad) firstBad[0].focus(firstBad[1]);
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const current = fields;
    const auth = selectedAuth(current);
    if (!auth) return;
    summary.replaceChildren();
    for (const group of groups(current)) group.clearErrors();
    const settings = readSettings(current);
    if (!settings || !checkRequired(current)) return;
    const baseUrl = String(current.base.values()["baseUrl"] ?? "");
    let session: Session;
    try {
      // A way in without credentials (open registration) sends no `auth` at all.
      const takesFields = (current.info.auth[current.auth.indexOf(auth)]?.fields.length ?? 0) > 0;
      const credentials = takesFields ? { auth: auth.group.values() } : {};
      session = connect(current.info, { ...current.options.values(), ...settings, ...credentials, baseUrl });
    } catch (error) {
      showErrors(error);
      return;
    }
    submit.disabled = true;
    submit.textContent = "Connecting…";
    form.setAttribute("aria-busy", "true");
    try {
      await options.onConnected(session);
      remembered = { provider: current.info.provider, baseUrl, options: current.options.values(), settings: current.settings.values() };
    } catch (error) {
      disconnect(session);
      showErrors(error);
    } finally {
      submit.disabled = false;
      submit.textContent = "Connect";
      form.removeAttribute("aria-busy");
    }
  });
  return form;
}
