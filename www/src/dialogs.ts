// Modal dialogs on <dialog>: the browser traps focus inside and restores nothing, so each
// dialog hands focus back to whatever opened it.
import { button, h, uid, type Child } from "./dom";
import type { Secret } from "oauth-admin";

interface DialogParts {
  title: string;
  body: Child[];
  actions: HTMLElement[];
  /** Focused when the dialog opens. */
  initialFocus: HTMLElement;
  /** Whether Escape may close it. */
  escapable: () => boolean;
  className?: string;
}

function openModal(parts: DialogParts): { dialog: HTMLDialogElement; closed: Promise<void> } {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uid("dialog-title");
  const dialog = h(
    "dialog",
    { "aria-labelledby": titleId, class: parts.className ?? null },
    h("h2", { id: titleId }, parts.title),
    ...parts.body,
    h("div", { class: "dialog-actions" }, ...parts.actions),
  );
  dialog.addEventListener("cancel", (event) => {
    if (!parts.escapable()) event.preventDefault();
  });
  const closed = new Promise<void>((resolve) => {
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve();
    });
  });
  document.body.append(dialog);
  dialog.showModal();
  parts.initialFocus.focus();
  return { dialog, closed };
}

export interface ConfirmOptions {
  title: string;
  message: Child[];
  confirmLabel: string;
  danger?: boolean;
}

/** Asks before something that cannot be undone; resolves true only on the explicit button. */
export async function confirmAction(options: ConfirmOptions): Promise<boolean> {
  let confirmed = false;
  const cancel = button("Cancel", () => dialog.close());
  const ok = button(options.confirmLabel, () => {
    confirmed = true;
    dialog.close();
  }, { class: options.danger ? "danger" : "primary" });
  // Cancel is focused first so Enter on a stray key press does not destroy anything.
  const { dialog, closed } = openModal({
    title: options.title,
    body: [h("p", {}, ...options.message)],
    actions: [cancel, ok],
    initialFocus: cancel,
    escapable: () => true,
  });
  await closed;
  return confirmed;
}

export interface SecretOptions {
  title: string;
  clientName: string;
  clientId: string;
  /** Exposed only here, into the dialog's text area. */
  secret: Secret;
  /** What the secret is, for people; "Client secret" unless given. */
  label?: string;
  note?: string;
}

/**
 * Shows a new client secret (or another one-time credential) once. It closes only after the
 * person confirms they stored it; afterwards the text is removed from the page and nothing
 * keeps a reference to it.
 */
export async function showSecret(options: SecretOptions): Promise<void> {
  const label = options.label ?? "Client secret";
  const valueId = uid("secret");
  // A wrapping text area, so the whole secret is visible and can be selected by hand.
  const value = h("textarea", { id: valueId, class: "secret-value", rows: 2, readonly: true, spellcheck: false, autocomplete: "off" });
  value.value = options.secret.expose();
  const copied = h("p", { class: "copy-status", role: "status", "aria-live": "polite" });
  const copy = button("Copy", async () => {
    try {
      await navigator.clipboard.writeText(value.value);
      copied.textContent = "Copied to the clipboard.";
    } catch {
      // Some browsers refuse clipboard access; leave the text selected for Ctrl+C instead.
      value.select();
      copied.textContent = "Copying was refused: the secret is selected, press Ctrl+C.";
    }
  }, { class: "primary" });
  const stored = h("input", { type: "checkbox", id: uid("stored") });
  // The text goes before the dialog closes: the close event (which removes the dialog) comes
  // a task later, and the secret must not outlive the dialog's last frame on screen.
  const close = button("Close", () => {
    value.value = "";
    dialog.close();
  }, { disabled: true });
  stored.addEventListener("change", () => {
    close.disabled = !stored.checked;
  });
  const { dialog, closed } = openModal({
    title: options.title,
    className: "secret-dialog",
    body: [
      h("p", {}, `The ${label.toLowerCase()} of `, h("strong", {}, options.clientName), " (", h("code", {}, options.clientId), "). ",
        "It is shown only this once: store it somewhere safe now."),
      options.note ? h("p", { class: "muted" }, options.note) : null,
      h("label", { for: valueId }, label),
      h("div", { class: "secret-row" }, value, copy),
      copied,
      h("label", { class: "choice acknowledge" }, stored, " I have stored it"),
    ],
    actions: [close],
    initialFocus: copy,
    escapable: () => stored.checked,
  });
  dialog.addEventListener("cancel", () => {
    if (stored.checked) value.value = "";
  });
  await closed;
  value.value = "";
}
