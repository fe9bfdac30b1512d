// One client: every field the provider returned, and the actions its capabilities allow
// (edit, rotate the secret, retire the rotated one, delete).
import { neutralFields, type OAuthClient, type Session } from "./api";
import { confirmAction, showSecret } from "./dialogs";
import { announce, button, definitions, h, humanize, timestamp, uid, valueNode, type Child } from "./dom";
import { formPage } from "./editor";
import { errorPanel } from "./errors";

export interface DetailNavigation {
  back(): void;
  /** The client changed or is gone: the list must reload when shown again. */
  changed(): void;
}

export interface DetailView {
  readonly element: HTMLElement;
  focus(): void;
}

const OVERVIEW: [keyof OAuthClient, string][] = [
  ["name", "Name"],
  ["description", "Description"],
  ["clientId", "Client ID"],
  ["id", "ID"],
  ["redirectUris", "Redirect URIs"],
  ["grantTypes", "Grant types"],
  ["scopes", "Scopes"],
  ["confidential", "Confidential"],
  ["createdAt", "Created"],
  ["updatedAt", "Updated"],
  ["lastUsedAt", "Last used"],
];

/**
 * A field's current value for the edit form. Update inputs use the provider's own names and
 * values, so its record wins where it holds the field in the same shape (SailPoint's grant
 * types are `CLIENT_CREDENTIALS` there, `client_credentials` in the neutral view); the neutral
 * view fills in the rest (a name the record calls `clientName`, Clerk's scopes as a list
 * where its record has one string).
 */
function editable(name: string, neutral: Readonly<Record<string, unknown>>, record: Readonly<Record<string, unknown>>): unknown {
  if (!(name in neutral)) return record[name];
  const own = record[name];
  return own !== undefined && Array.isArray(own) === Array.isArray(neutral[name]) ? own : neutral[name];
}

function displayName(client: OAuthClient): string {
  return client.name || client.clientId;
}

export function detailView(session: Session, initial: OAuthClient, nav: DetailNavigation): DetailView {
  const ops = session.capabilities.operations;
  let client = initial;
  const headingId = uid("detail-title");
  const heading = h("h2", { id: headingId, tabindex: -1 });
  const status = h("p", { class: "list-status", role: "status", "aria-live": "polite" });
  const errorSlot = h("div");
  const body = h("div", { class: "detail-body" });
  const element = h("section", { class: "detail-view", "aria-labelledby": headingId });

  /** Runs an action, showing its failure above the fields instead of losing it. */
  const attempt = async (busyText: string, action: () => Promise<void>): Promise<boolean> => {
    errorSlot.replaceChildren();
    status.textContent = busyText;
    element.setAttribute("aria-busy", "true");
    try {
      await action();
      status.textContent = "";
      return true;
    } catch (error) {
      status.textContent = "";
      errorSlot.replaceChildren(errorPanel(error));
      return false;
    } finally {
      element.removeAttribute("aria-busy");
    }
  };

  const reload = (): Promise<boolean> =>
    attempt("Loading…", async () => {
      client = await session.clients.get(client.id);
      show();
    });

  const rotate = async (): Promise<void> => {
    const ok = await confirmAction({
      title: "Rotate the secret?",
      message: [
        "A new secret for ", h("strong", {}, displayName(client)), " will be issued and shown once.",
        ops.deleteRotatedSecret ? " The current secret keeps working until you delete the rotated secret." : "",
      ],
      confirmLabel: "Rotate secret",
    });
    if (!ok) return;
    const rotated = await attempt("Rotating the secret…", async () => {
      const { secret } = await session.clients.rotateSecret(client.id);
      await showSecret({ title: "New client secret", clientName: displayName(client), clientId: client.clientId, secret });
      announce(`Rotated the secret of “${displayName(client)}”.`);
      nav.changed();
    });
    if (rotated && ops.get) await reload();
  };

  const deleteRotated = async (): Promise<void> => {
    const ok = await confirmAction({
      title: "Delete the rotated secret?",
      message: ["The previous secret of ", h("strong", {}, displayName(client)), " stops working. Apps still using it will fail."],
      confirmLabel: "Delete rotated secret",
      danger: true,
    });
    if (!ok) return;
    await attempt("Deleting the rotated secret…", async () => {
      await session.clients.deleteRotatedSecret(client.id);
      announce(`Deleted the rotated secret of “${displayName(client)}”.`);
      nav.changed();
      if (ops.get) client = await session.clients.get(client.id);
      show();
    });
  };

  const remove = async (): Promise<void> => {
    const name = displayName(client);
    const ok = await confirmAction({
      title: "Delete this client?",
      message: ["“", h("strong", {}, name), "” (", h("code", {}, client.clientId), ") will be deleted. Apps using it stop working. This cannot be undone."],
      confirmLabel: `Delete “${name}”`,
      danger: true,
    });
    if (!ok) return;
    await attempt("Deleting…", async () => {
      await session.clients.delete(client.id);
      announce(`Deleted “${name}”.`);
      nav.changed();
      nav.back();
    });
  };

  const edit = (): void => {
    const neutral = neutralFields(client);
    const record: Readonly<Record<string, unknown>> = client.record;
    const page = formPage({
      title: `Edit “${displayName(client)}”`,
      intro: "Only the fields you change are sent.",
      specs: session.capabilities.updateFields,
      initial: (name) => editable(name, neutral, record),
      submitLabel: "Save changes",
      collect: (fields) => fields.changes(),
      async submit(changes) {
        if (Object.keys(changes).length === 0) {
          announce("Nothing changed.");
        } else {
          client = await session.clients.update(client.id, changes);
          announce(`Saved “${displayName(client)}”.`);
          nav.changed();
        }
        show();
        heading.focus();
      },
      cancel: () => {
        show();
        heading.focus();
      },
    });
    element.replaceChildren(page.element);
    page.focus();
  };

  // Built once: re-creating them would drop the focus a dialog hands back to its opener.
  const deleteRotatedButton = button("Delete rotated secret", () => void deleteRotated());
  const actions = h(
    "div",
    { class: "toolbar" },
    ops.update ? button("Edit", edit, { class: "primary" }) : null,
    ops.rotateSecret ? button("Rotate secret", () => void rotate()) : null,
    ops.deleteRotatedSecret ? deleteRotatedButton : null,
    ops.delete ? button("Delete", () => void remove(), { class: "danger" }) : null,
  );
  const content = h("div", {}, button("← All clients", nav.back, { class: "link back" }), heading, actions, status, errorSlot, body);

  function show(): void {
    heading.textContent = displayName(client);
    // Only a provider that reports the rotated secret can say there is none.
    const noRotated = client.record["hasRotatedSecret"] === false;
    deleteRotatedButton.disabled = noRotated;
    deleteRotatedButton.title = noRotated ? "There is no rotated secret" : "";
    const neutral = neutralFields(client);
    const overview = OVERVIEW.filter(([key]) => neutral[key] !== undefined && !(key === "id" && client.id === client.clientId)).map(
      ([key, label]): [Child, Child] => [label, key === "createdAt" || key === "updatedAt" || key === "lastUsedAt" ? timestamp(client[key]) : valueNode(neutral[key])],
    );
    const recordRows = Object.entries(client.record).map(([key, value]): [Child, Child] => [
      h("span", {}, humanize(key), " ", h("code", { class: "key" }, key)),
      valueNode(value),
    ]);
    body.replaceChildren(
      h("section", { class: "card" }, h("h3", {}, "Overview"), definitions(overview)),
      h("section", { class: "card" }, h("h3", {}, "Everything the provider returned"), definitions(recordRows)),
    );
    if (content.parentNode !== element) element.replaceChildren(content);
  }

  show();
  if (ops.get) void reload();
  return { element, focus: () => heading.focus() };
}
