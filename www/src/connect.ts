// The connect screen, generated from `providers()`: any provider the library adds shows up
// with its own options and credential shapes. Credentials are handed to the library and the
// inputs are cleared when the session ends; nothing is written to storage, cookies or the URL.
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

/** What the form remembers between sessions: never the credentials. */
interface Remembered {
  provider?: string;
  baseUrl?: string;
  options?: Values;
  settings?: Values;
}
let remembered: Remembered = {};

function defaultBaseUrl(info: ProviderInfo, emulatorOrigin: string | undefined): string {
  return emulatorOrigin ? `${emulatorOrigin.replace(/\/$/, "")}${info.basePath}` : (info.defaultBaseUrl ?? "");
}

function baseUrlHint(info: ProviderInfo, emulatorOrigin: string | undefined): string {
  if (emulatorOrigin) return "Defaults to the local emulator.";
  // Providers hosted per customer (a tenant URL) have no default.
  return info.defaultBaseUrl ? `Defaults to ${info.defaultBaseUrl}.` : `Your ${info.label} address, without ${info.basePath || "a path"}.`;
}

const wholeNumber = (text: unknown): number | undefined => (typeof text === "string" && /^\d+$/.test(text) ? Number(text) : undefined);

export function renderConnect(options: ConnectOptions): HTMLElement {
  const headingId = uid("connect-title");
  const form = h("form", { class: "card connect", novalidate: true, autocomplete: "off", "aria-labelledby": headingId });
  const heading = h("h2", { id: headingId, tabindex: -1 }, "Connect to a provider");
  const summary = h("div", { class: "form-summary" });
  const providerId = uid("provider");
  const providerSelect = h("select", { id: providerId, name: "provider" });
  for (const info of options.providers) providerSelect.append(h("option", { value: info.provider }, info.label));
  if (remembered.provider && options.providers.some((p) => p.provider === remembered.provider)) {
    providerSelect.value = remembered.provider;
  }
  const providerPart = h("div", { class: "provider-part" });
  const submit = h("button", { type: "submit", class: "primary" }, "Connect");

  let base: FieldGroup;
  let providerOptions: FieldGroup;
  let advanced: FieldGroup;
  let authGroups: { group: FieldGroup; section: HTMLElement; radio: HTMLInputElement | null }[] = [];
  let info: ProviderInfo;

  const selectedAuth = () => authGroups.find((a) => a.radio === null || a.radio.checked) ?? authGroups[0];

  const build = (): void => {
    const previous = info as ProviderInfo | undefined;
    const next = options.providers.find((p) => p.provider === providerSelect.value) ?? options.providers[0];
    if (!next) return;
    // Keep a base URL the person typed; replace one that was only the previous default.
    const typed = previous ? base.values()["baseUrl"] : remembered.baseUrl;
    const keepTyped =
      typeof typed === "string" && (previous ? typed !== defaultBaseUrl(previous, options.emulatorOrigin) : next.provider === remembered.provider);
    info = next;
    base = fieldGroup([{ name: "baseUrl", label: "Base URL", type: "url", required: true }], {
      initial: () => (keepTyped ? typed : defaultBaseUrl(next, options.emulatorOrigin)),
    });
    const sameProvider = next.provider === remembered.provider;
    providerOptions = fieldGroup(next.options, { initial: (name) => (sameProvider ? remembered.options?.[name] : undefined) });
    advanced = fieldGroup(
      [
        { name: "maxRetries", label: "Retries after a failure", type: "string", required: false },
        { name: "timeoutMs", label: "Timeout per call (ms)", type: "string", required: false },
      ],
      { initial: (name) => remembered.settings?.[name] },
    );
    const radioName = uid("auth");
    authGroups = next.auth.map((option, index) => {
      const group = fieldGroup(option.fields, { conceal: true });
      const radio =
        next.auth.length > 1 ? h("input", { type: "radio", name: radioName, value: String(index), id: uid("auth-option") }) : null;
      if (radio) radio.checked = index === 0;
      const section = h("div", { class: "auth-fields", hidden: index !== 0 }, ...group.elements);
      return { group, section, radio };
    });
    const radios = authGroups.flatMap(({ radio }, index) =>
      radio ? [h("label", { class: "choice" }, radio, " ", next.auth[index]?.label ?? "")] : [],
    );
    for (const { radio } of authGroups) {
      radio?.addEventListener("change", () => {
        for (const a of authGroups) a.section.hidden = a !== selectedAuth();
      });
    }
    providerPart.replaceChildren(
      ...base.elements,
      h("p", { class: "hint" }, baseUrlHint(next, options.emulatorOrigin)),
      ...providerOptions.elements,
      h(
        "fieldset",
        { class: "credentials" },
        h("legend", {}, "Credentials"),
        radios.length > 0 ? h("div", { class: "choices inline", role: "radiogroup", "aria-label": "Sign in with" }, ...radios) : null,
        ...authGroups.map((a) => a.section),
      ),
      h("details", { class: "advanced" }, h("summary", {}, "Advanced"), ...advanced.elements),
    );
  };

  const groups = (): FieldGroup[] => [base, providerOptions, advanced, ...(selectedAuth() ? [selectedAuth()!.group] : [])];

  const showErrors = (error: unknown): void => {
    const routed = new Map<FieldGroup, Map<string, string[]>>();
    let first: [FieldGroup, string] | undefined;
    for (const [field, messages] of fieldMessages(error)) {
      // The library names credential fields either bare or as `auth.<name>`.
      const name = field.replace(/^auth\./, "");
      const owner = groups().find((g) => g.has(name));
      if (!owner) continue;
      routed.set(owner, (routed.get(owner) ?? new Map<string, string[]>()).set(name, messages));
      first ??= [owner, name];
    }
    for (const group of groups()) group.showErrors(routed.get(group) ?? new Map());
    summary.replaceChildren(errorPanel(error));
    if (first) first[0].focus(first[1]);
  };

  const settings = (): Values | undefined => {
    const raw = advanced.values();
    const out: Values = {};
    const bad = new Map<string, string[]>();
    for (const [name, text] of Object.entries(raw)) {
      const n = wholeNumber(text);
      if (n === undefined) bad.set(name, ["Enter a whole number."]);
      else out[name] = n;
    }
    advanced.showErrors(bad);
    if (bad.size > 0) {
      (form.querySelector("details.advanced") as HTMLDetailsElement | null)?.setAttribute("open", "");
      advanced.focus(bad.keys().next().value);
      return undefined;
    }
    return out;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const auth = selectedAuth();
    if (!auth) return;
    summary.replaceChildren();
    for (const group of groups()) group.clearErrors();
    const extra = settings();
    if (!extra) return;
    const baseUrl = String(base.values()["baseUrl"] ?? "");
    let session: Session;
    try {
      session = connect(info, { ...providerOptions.values(), ...extra, auth: auth.group.values(), baseUrl });
    } catch (error) {
      showErrors(error);
      return;
    }
    submit.disabled = true;
    submit.textContent = "Connecting…";
    form.setAttribute("aria-busy", "true");
    try {
      await options.onConnected(session);
      remembered = { provider: info.provider, baseUrl, options: providerOptions.values(), settings: advanced.values() };
    } catch (error) {
      disconnect(session);
      showErrors(error);
    } finally {
      submit.disabled = false;
      submit.textContent = "Connect";
      form.removeAttribute("aria-busy");
    }
  });
  providerSelect.addEventListener("change", build);
  build();

  form.append(
    heading,
    h("p", { class: "muted" }, "Credentials are kept in this tab's memory only and are forgotten when you disconnect or reload."),
    summary,
    h("div", { class: "field" }, h("label", { for: providerId }, "Provider"), providerSelect),
    providerPart,
    h("div", { class: "form-actions" }, submit),
  );
  return form;
}
