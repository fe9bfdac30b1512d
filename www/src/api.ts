// The page's one door to the library. The forms are built at run time from `providers()` and
// `capabilities`, so their values are plain records; the casts to the per-provider input types
// live here, once. They are sound because the library checks every value itself and throws a
// ValidationError naming the field, which the forms show inline.
import {
  OAuthAdmin,
  providers,
  type CallOptions,
  type Capabilities,
  type Clients,
  type CreateClientInput,
  type Created,
  type OAuthAdminConfig,
  type OAuthAdminError,
  type OAuthClient,
  type ProviderInfo,
  type UpdateClientInput,
} from "oauth-admin";

export type { CallOptions, Capabilities, FieldSpec, ListParams, OAuthClient, Page, ProviderInfo } from "oauth-admin";

/** Form values keyed by the library's camelCase input names. */
export type Values = Record<string, unknown>;

/** One live connection: the credentials exist only inside `admin`, in memory. */
export interface Session {
  readonly admin: OAuthAdmin;
  readonly clients: Clients;
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
  // Each read of `admin.clients` makes a new wrapper, so it is taken once.
  return { admin, clients: admin.clients, info, capabilities: admin.capabilities, baseUrl: config.baseUrl };
}

export function disconnect(session: Session): void {
  session.clients.free();
  session.admin.free();
}

export function createClient(session: Session, input: Values, options?: CallOptions): Promise<Created> {
  return session.clients.create(checkedByLibrary<CreateClientInput>(input), options);
}

export function updateClient(session: Session, id: string, changes: Values, options?: CallOptions): Promise<OAuthClient> {
  return session.clients.update(id, checkedByLibrary<UpdateClientInput>(changes), options);
}

/** See the note at the top: the library validates what a run-time form cannot type. */
function checkedByLibrary<T>(values: Values): T {
  return values as unknown as T;
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
