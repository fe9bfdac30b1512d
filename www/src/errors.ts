// How failures look: every error shows its kind, HTTP status, provider code and message, so a
// person can tell a typo in a token from an outage; a rate limit also says when to try again.
import { isLibraryError } from "./api";
import { button, h, type Child } from "./dom";

interface Described {
  name: string;
  message: string;
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  details: { code?: string | undefined; message: string; field?: string | undefined }[];
}

const headlines: Record<string, string> = {
  ValidationError: "Some values are not valid",
  AuthenticationError: "The credentials were not accepted",
  PermissionDeniedError: "These credentials may not do that",
  NotFoundError: "Not found",
  ConflictError: "The change conflicts with the current state",
  RateLimitError: "Too many requests",
  ServerError: "The provider had a problem",
  ConnectionError: "Could not reach the provider",
  TimeoutError: "The provider took too long to answer",
  AbortError: "Cancelled",
  UnsupportedError: "This provider does not support that",
  DecodeError: "The provider's answer could not be read",
  StoreError: "The registration store failed",
};

export function describe(error: unknown): Described {
  if (isLibraryError(error)) {
    return {
      name: error.name,
      message: error.message,
      status: error.status,
      code: error.code,
      requestId: error.requestId,
      retryAfterMs: error.retryAfterMs,
      details: error.details,
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, details: [] };
  return { name: "Error", message: String(error), details: [] };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * The input field a detail is about. Local checks name the camelCase input field; a server may
 * answer with a JSON pointer to its own snake_case field (`/redirect_uris/0`), which is
 * mapped to the input name when it has one.
 */
function inputName(field: string): string {
  if (!field.startsWith("/")) return field;
  const first = field.slice(1).split("/")[0] ?? "";
  return first.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Messages per input field, for showing next to the field; the whole error still goes in the
 * form's summary. Not only ValidationError names fields: a lookup the library does for an
 * input (such as a role name) can fail as NotFoundError naming that input.
 */
export function fieldMessages(error: unknown): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  if (!isLibraryError(error)) return byField;
  for (const detail of error.details) {
    if (!detail.field) continue;
    const name = inputName(detail.field);
    byField.set(name, [...(byField.get(name) ?? []), detail.message]);
  }
  return byField;
}

function retryAdvice(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const at = new Date(Date.now() + ms).toLocaleTimeString();
  return `Try again in ${seconds} s (after ${at}).`;
}

/**
 * An alert box for a failed call. With `retry`, it offers a "Try again" button that stays
 * disabled until the provider's Retry-After has passed.
 */
export function errorPanel(error: unknown, retry?: () => void): HTMLElement {
  const e = describe(error);
  const facts: [string, Child][] = [
    ["Kind", h("code", {}, e.name)],
    ["Status", e.status],
    ["Code", e.code === undefined ? undefined : h("code", {}, e.code)],
    ["Message", e.message],
    ["Request ID", e.requestId === undefined ? undefined : h("code", {}, e.requestId)],
  ];
  const list = h("dl", { class: "facts" });
  for (const [term, value] of facts) {
    if (value === undefined || value === "") continue;
    list.append(h("dt", {}, term), h("dd", {}, value));
  }
  // The message usually repeats the first detail; list them only when they add something.
  const extra = e.details.filter((d) => d.message !== e.message);
  const panel = h(
    "div",
    { class: "error-panel", role: "alert" },
    h("p", { class: "error-title" }, headlines[e.name] ?? "Something went wrong"),
    list,
    extra.length > 0 &&
      h(
        "ul",
        { class: "error-details" },
        ...extra.map((d) => h("li", {}, d.field ? h("code", {}, d.field) : null, d.field ? ": " : "", d.message, d.code ? ` (${d.code})` : "")),
      ),
    e.retryAfterMs !== undefined && h("p", { class: "retry-after" }, retryAdvice(e.retryAfterMs)),
  );
  if (retry) {
    const again = button("Try again", retry);
    if (e.retryAfterMs !== undefined && e.retryAfterMs > 0) {
      again.disabled = true;
      window.setTimeout(() => {
        again.disabled = false;
      }, e.retryAfterMs);
    }
    panel.append(again);
  }
  return panel;
}
