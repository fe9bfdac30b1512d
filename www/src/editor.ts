// The create and edit forms: one page layout, fields from `capabilities.createFields` or
// `updateFields`, validation messages from the library shown next to the field they name.
import { registrationToken, type FieldSpec, type OAuthClient, type Session, type Values } from "./api";
import { showSecret } from "./dialogs";
import { announce, button, h, uid } from "./dom";
import { errorPanel, fieldMessages } from "./errors";
import { fieldGroup, type FieldGroup } from "./forms";

export interface FormPageOptions {
  title: string;
  intro?: string;
  specs: FieldSpec[];
  initial?: (name: string) => unknown;
  submitLabel: string;
  /** Picks what to send: every set value (create) or only the changes (edit). */
  collect: (fields: FieldGroup) => Values;
  /** Sends the values; a rejection is shown on the form. */
  submit: (values: Values) => Promise<void>;
  cancel: () => void;
}

export interface FormPage {
  readonly element: HTMLElement;
  focus(): void;
}

export function formPage(options: FormPageOptions): FormPage {
  const headingId = uid("form-title");
  const heading = h("h2", { id: headingId, tabindex: -1 }, options.title);
  const fields = fieldGroup(options.specs, options.initial ? { initial: options.initial } : { allowDefault: true });
  const summary = h("div", { class: "form-summary" });
  const submit = h("button", { type: "submit", class: "primary" }, options.submitLabel);
  const form = h(
    "form",
    { class: "card editor", novalidate: true, autocomplete: "off", "aria-labelledby": headingId },
    heading,
    options.intro ? h("p", { class: "muted" }, options.intro) : null,
    h("p", { class: "muted small" }, h("span", { class: "required", "aria-hidden": "true" }, "*"), " required"),
    summary,
    h("div", { class: "fields" }, ...fields.elements),
    h("div", { class: "form-actions" }, submit, button("Cancel", options.cancel)),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fields.clearErrors();
    summary.replaceChildren();
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      await options.submit(options.collect(fields));
    } catch (error) {
      const byField = fieldMessages(error);
      fields.showErrors(byField);
      summary.replaceChildren(errorPanel(error));
      const first = [...byField.keys()].find((name) => fields.has(name));
      if (first) fields.focus(first);
      else summary.scrollIntoView({ block: "nearest" });
    } finally {
      submit.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
  return { element: form, focus: () => heading.focus() };
}

export interface CreateNavigation {
  created(client: OAuthClient): void;
  cancel(): void;
}

export function createView(session: Session, nav: CreateNavigation): FormPage {
  return formPage({
    title: "New client",
    specs: session.capabilities.createFields,
    submitLabel: "Create client",
    collect: (fields) => fields.values(),
    async submit(values) {
      const created = await session.clients.create(values);
      const { client, secret } = created;
      const name = client.name ?? client.clientId;
      if (secret !== undefined) {
        await showSecret({ title: "Client created", clientName: name, clientId: client.clientId, secret });
        announce(`Created “${name}”.`);
      } else {
        announce(`Created “${name}”. It is a public client, so it has no secret.`);
      }
      const token = registrationToken(created);
      if (token) {
        await showSecret({
          title: "Registration access token",
          label: "Registration access token",
          clientName: name,
          clientId: client.clientId,
          secret: token,
          note: "It reads, changes and deletes this client on the server (RFC 7592). This page keeps it only inside this session's library object, which saves each new token the server sends; it is gone when you disconnect or reload.",
        });
      }
      nav.created(client);
    },
    cancel: nav.cancel,
  });
}
