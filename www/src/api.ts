// The page's one door to the library. The forms are built at run time from `providers()` and
// `capabilities`, so their values are plain records, and the page works on whichever provider
// was chosen in the form; the two places where run-time data meets the per-provider types are
// here, once:
// - inputs: form values are handed over as the provider's input types. Sound because the
//   library checks every value itself and throws a ValidationError naming the field, which the
//   forms show inline.
// - resource kinds: `capabilities.resources` names each kind by its `path` on the admin
//   object (`cloudflare.scopes`); the object found there is checked before it is used.
import {
  OAuthAdmin,
  providers,
  type CallOptions,
  type Capabilities,
  type Created,
  type ListParams,
  type OAuthAdminConfig,
  type OAuthAdminError,
  type OAuthClient,
  type Page,
  type ProviderInfo,
  type ResourceInfo,
  type ResourceMethods,
  type Rotated,
  type Secret,
} from "oauth-admin";

export type { CallOptions, Capabilities, FieldSpec, ListParams, OAuthClient, Page, ProviderInfo, ResourceInfo } from "oauth-admin";

/** Form values keyed by the library's camelCase input names. */
export type Values = Record<string, unknown>;

/**
 * The client operations of any provider, with form values as inputs. Every provider's
 * `clients` object has all of these at run time; the page calls only those that
 * `capabilities.operations` offers (a provider without one would throw `UnsupportedError`).
 */
export type ClientOperations = ResourceMethods<OAuthClient, Values, Values, Created<OAuthClient>, Rotated<OAuthClient>>;

/** One live connection: the credentials exist only inside `admin`, in memory. */
export interface Session {
  readonly admin: OAuthAdmin;
  readonly clients: ClientOperations;
  readonly info: ProviderInfo;
  readonly capabilities: Capabilities;
  readonly baseUrl: string;
}

export function supportedProviders(): ProviderInfo[] {
  return providers();
}

/** Builds an admin; throws the library's ValidationError (sending nothing) on a bad option. */
export function connect(info: ProviderInfo, config: Values & { baseUrl: string }): Session {
  const admin = new OAuthAdmin({ ...config, provider: info.provider } as OAuthAdminConfig);
  // Each read of `admin.clients` makes a new wrapper, so it is taken once per session.
  const clients = checkedByLibrary<ClientOperations>(admin.clients);
  return { admin, clients, info, capabilities: admin.capabilities, baseUrl: config.baseUrl };
}

export function disconnect(session: Session): void {
  session.admin.free();
}

/** See the notes at the top: the library checks at run time what a run-time form cannot type. */
function checkedByLibrary<T>(value: unknown): T {
  return value as T;
}

/** The registration token a create returned, on providers that manage clients through one
 * (RFC 7592): a `Secret`, read here only to be shown once. */
export function registrationToken(created: unknown): Secret | undefined {
  const registration: unknown = isObject(created) ? Reflect.get(created, "registration") : undefined;
  const token: unknown = isObject(registration) ? Reflect.get(registration, "registrationAccessToken") : undefined;
  return isObject(token) && typeof Reflect.get(token, "expose") === "function" ? (token as Secret) : undefined;
}

/** Errors the library throws carry `details`; anything else (a bug, a browser error) does not. */
export function isLibraryError(error: unknown): error is OAuthAdminError {
  return error instanceof Error && Array.isArray((error as Partial<OAuthAdminError>).details);
}

/** The provider-neutral fields of a client, readable by name (for forms built from field specs). */
export function neutralFields(client: OAuthClient): Readonly<Record<string, unknown>> {
  const { record: _record, ...neutral } = client;
  return neutral;
}

/** One item of a kind the page does not know: whatever the provider sent. */
export type Item = unknown;

/** The operations a kind's items may have besides `list`, by their method names. */
export type ItemOperation = "get" | "create" | "update" | "delete";

/** A resource kind found by its `path`, for drawing any kind from its `ResourceInfo` alone. */
export interface Kind {
  readonly info: ResourceInfo;
  /** One page; `parents` are the ids of `info.parents`, in order. */
  list(parents: string[], params: ListParams, options: CallOptions): Promise<Page<Item>>;
  /** Another operation `info.operations` offers, with the parent ids first (as the library takes them). */
  run(operation: ItemOperation, parents: string[], ...args: unknown[]): Promise<unknown>;
}

/**
 * An item's id for get, update and delete: its `id`, else its first field named `...Id`
 * (`integrationId`, `policyId`), which is how records name the key their paths use.
 */
export function itemId(item: Item): string | undefined {
  if (!isObject(item)) return undefined;
  const entries = Object.entries(item);
  const found = entries.find(([key]) => key === "id") ?? entries.find(([key, value]) => /Id$/.test(key) && typeof value === "string");
  return typeof found?.[1] === "string" ? found[1] : undefined;
}

/** The one-time secret in a create result, if it holds one (the library hands it over as a `Secret`). */
export function secretOf(result: unknown): Secret | undefined {
  const secret: unknown = isObject(result) ? Reflect.get(result, "secret") : undefined;
  return isObject(secret) && typeof Reflect.get(secret, "expose") === "function" ? (secret as Secret) : undefined;
}

/** Form values with dotted names (`oidcPolicy.issuer`) as the nested input they stand for. */
export function nested(values: Values): Values {
  const out: Values = {};
  for (const [name, value] of Object.entries(values)) {
    const path = name.split(".");
    const last = path.pop() ?? name;
    let target = out;
    for (const key of path) {
      const inner = target[key];
      const next: Values = isObject(inner) ? (inner as Values) : {};
      target[key] = next;
      target = next;
    }
    target[last] = value;
  }
  return out;
}

/** The value at a dotted name in an item, for filling an edit form. */
export function valueAt(item: Item, name: string): unknown {
  return name.split(".").reduce<unknown>((value, key) => (isObject(value) ? Reflect.get(value, key) : undefined), item);
}

function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function isPage(value: unknown): value is Page<Item> {
  return isObject(value) && Array.isArray(Reflect.get(value, "items"));
}

/**
 * Every kind of the session's provider besides the OAuth clients, which have their own
 * screens. Each is looked up once: reading a kind off the admin makes a new wrapper.
 */
export function otherKinds(session: Session): Kind[] {
  return session.capabilities.resources.filter((info) => info.path !== "clients").map((info) => kindAt(session.admin, info));
}

function kindAt(admin: OAuthAdmin, info: ResourceInfo): Kind {
  let target: unknown = admin;
  for (const key of info.path.split(".")) target = isObject(target) ? Reflect.get(target, key) : undefined;
  const resource = target;
  return {
    info,
    async run(operation, parents, ...args) {
      const method: unknown = isObject(resource) ? Reflect.get(resource, operation) : undefined;
      if (typeof method !== "function") throw new Error(`The library has no ${info.path}.${operation}.`);
      return Reflect.apply(method, resource, [...parents, ...args]);
    },
    async list(parents, params, options) {
      const list: unknown = isObject(resource) ? Reflect.get(resource, "list") : undefined;
      if (typeof list !== "function") throw new Error(`The library has no ${info.path}.list.`);
      const page: unknown = await Reflect.apply(list, resource, [...parents, params, options]);
      if (!isPage(page)) throw new Error(`${info.path}.list did not return a page of items.`);
      return page;
    },
  };
}
