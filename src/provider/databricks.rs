//! Databricks account OAuth (`/api/2.0/accounts/{account_id}/...`): custom app integrations
//! (the clients kind), published apps and their integrations, service-principal secrets and
//! federation policies (account-wide and per service principal).
//!
//! Lists page with `page_token`/`next_page_token` (the end is an absent or empty token);
//! updates of app integrations answer `{}`, so the item is read back; errors carry an
//! `error_code` that decides their kind whatever the status.

use std::borrow::Cow;
use std::marker::PhantomData;

use super::{
    check_urls, decode_ok, read_input, snake_case_body, Connection, Create, Delete, ErrorBody,
    Form, Get, Kind, KindInfo, List, ProviderDef, ReadBack, Update,
};
use crate::auth::{ClientCredentials, Credentials, TokenStyle};
use crate::config::{Auth, Options};
use crate::error::{Error, ErrorDetail, ErrorKind, Result};
use crate::json::FromJson;
use crate::model::databricks::{
    DatabricksCreateCustomApp, DatabricksCreateFederationPolicy,
    DatabricksCreatePublishedAppIntegration, DatabricksCreateSecret, DatabricksCreatedSecret,
    DatabricksCustomApp, DatabricksFederationPolicy, DatabricksPublishedApp,
    DatabricksPublishedAppIntegration, DatabricksSecretInfo, DatabricksUpdateCustomApp,
    DatabricksUpdateFederationPolicy, DatabricksUpdatePublishedAppIntegration, OidcPolicyInput,
};
use crate::model::{AuthOption, Created, FieldSpec, ListParams, OAuthClientOf, ProviderInfo};
use crate::pagination::{next_token, Page, PagingStyle};
use crate::request::{
    encode_component, is_absolute_url, is_http_url, join_url, require_id, with_query, HttpRequest,
    HttpResponse, Method,
};

const NAME: &str = "databricks";

/// The AWS account host; Azure's is `https://accounts.azuredatabricks.net`, GCP's
/// `https://accounts.gcp.databricks.com`.
pub const DEFAULT_BASE_URL: &str = "https://accounts.cloud.databricks.com";

/// The scope an M2M token is asked for.
const M2M_SCOPE: &str = "all-apis";

/// The parent of a service principal's secrets and federation policies.
const SERVICE_PRINCIPAL: &[FieldSpec] = &[field!(
    "servicePrincipalId",
    "Service principal ID",
    String,
    true
)];

/// Builds Databricks account API requests for one account.
#[derive(Debug, Clone)]
pub struct Databricks {
    base_url: String,
    account_id: String,
}

impl Databricks {
    /// A builder for `account_id` (a UUID) under `base_url` (default [`DEFAULT_BASE_URL`]).
    pub fn new(base_url: Option<&str>, account_id: &str) -> Result<Self> {
        if !is_uuid(account_id) {
            return Err(Error::invalid(
                "accountId",
                "must be the Databricks account id (a UUID)",
            ));
        }
        let base_url = base_url.unwrap_or(DEFAULT_BASE_URL);
        if !is_http_url(base_url) {
            return Err(Error::invalid("baseUrl", "must be an absolute http(s) URL"));
        }
        Ok(Databricks {
            base_url: base_url.to_owned(),
            account_id: account_id.to_owned(),
        })
    }

    /// `{baseUrl}/api/2.0/accounts/{accountId}/{path}`.
    fn url(&self, path: &str) -> String {
        join_url(
            &self.base_url,
            &format!("api/2.0/accounts/{}/{path}", self.account_id),
        )
    }

    /// An item of the collection at `path`.
    fn item_url(&self, path: &str, id: &str) -> Result<String> {
        let id = require_id("id", id)?;
        Ok(format!("{}/{}", self.url(path), encode_component(id)))
    }

    /// The M2M token endpoint.
    fn token_url(&self) -> String {
        join_url(
            &self.base_url,
            &format!("oidc/accounts/{}/v1/token", self.account_id),
        )
    }

    /// `GET` one page of the collection at `path`; `search` says whether it takes
    /// `search_keyword` (the `name` filter).
    fn list_request(&self, path: &str, params: &ListParams, search: bool) -> Result<HttpRequest> {
        if params.sort.is_some() {
            return Err(Error::unsupported(NAME, "sorting lists"));
        }
        if params.name.is_some() && !search {
            return Err(Error::unsupported(NAME, "filtering this list by name"));
        }
        if params.limit == Some(0) {
            return Err(Error::invalid("limit", "must be at least 1"));
        }
        let url = with_query(
            self.url(path),
            &[
                ("page_size", params.limit.map(|l| l.to_string())),
                ("page_token", params.cursor.clone()),
                ("search_keyword", params.name.clone()),
            ],
        );
        Ok(HttpRequest::new(Method::Get, url))
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

wire! {
    /// A list response; the items are under `apps`, `secrets` or `policies` by kind. Read
    /// as JSON first, so one reader serves every kind.
    struct Listing {
        apps: Option<Vec<serde_json::Value>> = "apps",
        secrets: Option<Vec<serde_json::Value>> = "secrets",
        policies: Option<Vec<serde_json::Value>> = "policies",
        next_page_token: Option<String> = "next_page_token",
    }
}

/// Reads a page: the items, and the next token unless it is absent or empty.
fn parse_page<T: FromJson>(resp: &HttpResponse, what: &str) -> Result<Page<T>> {
    let list: Listing = decode(resp, what)?;
    let items = list
        .apps
        .or(list.secrets)
        .or(list.policies)
        .unwrap_or_default();
    let items = Vec::<T>::from_json(serde_json::Value::Array(items)).map_err(|e| {
        Error::decode(what, format!("{e} in an item"))
            .with_provider(NAME)
            .with_status(resp.status)
    })?;
    Ok(Page {
        items,
        next: next_token(list.next_page_token),
        total: None,
    })
}

fn decode<T: FromJson>(resp: &HttpResponse, what: &str) -> Result<T> {
    decode_ok(NAME, resp, what, error_from)
}

/// A delete (or an update answering `{}`): success, or the error the response reports.
fn check_ok(resp: &HttpResponse) -> Result<()> {
    if resp.is_success() {
        Ok(())
    } else {
        Err(error_from(resp))
    }
}

/// A page-token kind's description.
const fn paged(
    label: &'static str,
    parents: &'static [FieldSpec],
    filters: &'static [&'static str],
) -> KindInfo {
    KindInfo {
        label,
        parents,
        paging: PagingStyle::PageToken,
        max_limit: None,
        sort_fields: &[],
        filters,
    }
}

/// A service principal's id from a call's parents: digits (an int64).
fn service_principal(parents: &[String]) -> Result<String> {
    match parents.first() {
        Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => Ok(id.clone()),
        _ => Err(Error::invalid(
            "servicePrincipalId",
            "must be the service principal's numeric id",
        )),
    }
}

/// Inputs whose form fields are the ones they declare.
macro_rules! declared_forms {
    ($($input:ty),*) => {
        $(impl Form for $input {
            fn fields() -> Vec<FieldSpec> {
                Self::specs()
            }
        })*
    };
}

mod apps;
mod errors;
mod policies;
mod published;
mod secrets;

pub use apps::{AppView, Client, CustomApps, Full, Neutral};
pub use errors::error_from;
pub use policies::{update_mask, FederationPolicies};
pub use published::{PublishedAppIntegrations, PublishedApps};
pub use secrets::ServicePrincipalSecrets;

// ---- options and connection -------------------------------------------------------------------

/// What `new OAuthAdmin({ provider: "databricks", ... })` takes.
pub const INFO: ProviderInfo = ProviderInfo {
    provider: NAME,
    label: "Databricks",
    default_base_url: Some(DEFAULT_BASE_URL),
    base_path: "",
    options: &[field!("accountId", "Account ID", String, true)],
    auth: &[
        AuthOption {
            label: "OAuth access token",
            fields: &[field!("bearer", "Access token", Secret, true)],
        },
        AuthOption {
            label: "Service principal (OAuth M2M)",
            fields: Auth::CLIENT_FIELDS,
        },
    ],
};

input! {
    /// Databricks' own constructor options (besides `provider` and the shared settings).
    pub struct DatabricksOptions {
        /// The account id (a UUID).
        account_id: String = "accountId",
        /// An account admin's OAuth access token, or a service principal's OAuth client id
        /// and secret (OAuth M2M: exchanged at `{baseUrl}/oidc/accounts/{accountId}/v1/token`
        /// for `all-apis` tokens, cached and renewed as they expire).
        #[cfg_attr(target_arch = "wasm32", tsify(type = "BearerAuth | ClientCredentialsAuth"))]
        auth: Auth = "auth",
    }
}

/// The provider's entry in the registry.
pub static PROVIDER: ProviderDef = ProviderDef {
    info: INFO,
    connect,
};

fn connect(options: Options) -> Result<Connection> {
    let own: DatabricksOptions = options.read()?;
    let api = Databricks::new(options.base_url.as_deref(), &own.account_id)?;
    let credentials = match own.auth {
        Auth::Bearer(token) => Auth::bearer(token)?,
        Auth::ClientCredentials {
            client_id,
            client_secret,
            scope,
        } => {
            if client_id.trim().is_empty() || client_secret.expose().is_empty() {
                return Err(Error::invalid(
                    "auth",
                    "clientId and clientSecret must not be empty",
                ));
            }
            Credentials::ClientCredentials(ClientCredentials {
                token_url: api.token_url(),
                client_id,
                client_secret,
                scope: Some(scope.unwrap_or_else(|| M2M_SCOPE.to_owned())),
                style: TokenStyle::FormBasic,
            })
        }
        other => return Err(other.not_taken(NAME, "{ bearer } or { clientId, clientSecret }")),
    };
    Ok(Connection {
        kinds: kinds(
            CustomApps::new(api.clone()),
            CustomApps::new(api.clone()),
            PublishedApps(api.clone()),
            PublishedAppIntegrations(api.clone()),
            ServicePrincipalSecrets::new(api.clone()),
            FederationPolicies::new(api.clone()),
            FederationPolicies::new(api),
        ),
        credentials,
    })
}

super::provider_kinds! {
    name: databricks,
    options: DatabricksOptions,
    clients: CustomApps<Neutral> => DatabricksCustomApp, DatabricksCreateCustomApp,
        DatabricksUpdateCustomApp [List, Get, Create, Update, Delete],
    kinds: {
        customAppIntegrations: CustomApps<Full> => Resource<DatabricksCustomApp,
            DatabricksCreateCustomApp, DatabricksUpdateCustomApp, Created<DatabricksCustomApp>>
            [List, Get, Create, Update, Delete],
        publishedApps: PublishedApps => Resource<DatabricksPublishedApp> [List],
        publishedAppIntegrations: PublishedAppIntegrations => Resource<
            DatabricksPublishedAppIntegration, DatabricksCreatePublishedAppIntegration,
            DatabricksUpdatePublishedAppIntegration, DatabricksPublishedAppIntegration>
            [List, Get, Create, Update, Delete],
        servicePrincipalSecrets: ServicePrincipalSecrets => ChildResource<DatabricksSecretInfo,
            DatabricksCreateSecret, never, DatabricksCreatedSecret> [List, Create, Delete],
        federationPolicies: FederationPolicies<false> => Resource<DatabricksFederationPolicy,
            DatabricksCreateFederationPolicy, DatabricksUpdateFederationPolicy,
            DatabricksFederationPolicy> [List, Get, Create, Update, Delete],
        servicePrincipalFederationPolicies: FederationPolicies<true> => ChildResource<
            DatabricksFederationPolicy, DatabricksCreateFederationPolicy,
            DatabricksUpdateFederationPolicy, DatabricksFederationPolicy>
            [List, Get, Create, Update, Delete],
    },
}

#[cfg(test)]
mod tests;
