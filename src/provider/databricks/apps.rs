//! Custom OAuth app integrations (`oauth2/custom-app-integrations`): the clients kind and
//! `customAppIntegrations`, one implementation seen two ways.

use super::*;

/// How a custom app integration is handed to callers: the provider-neutral client
/// (`admin.clients`) or the Databricks record (`customAppIntegrations`).
pub trait AppView: std::fmt::Debug + Clone {
    /// What callers receive.
    type Out: crate::json::ToJson;
    /// The kind's label.
    const LABEL: &'static str;
    /// The record as callers receive it.
    fn view(record: DatabricksCustomApp) -> Self::Out;
}

/// `admin.clients`: [`Client`]s.
#[derive(Debug, Clone)]
pub struct Neutral;

impl AppView for Neutral {
    type Out = Client;
    const LABEL: &'static str = "OAuth app integrations";
    fn view(record: DatabricksCustomApp) -> Client {
        to_client(record)
    }
}

/// `admin.databricks.customAppIntegrations`: [`DatabricksCustomApp`]s.
#[derive(Debug, Clone)]
pub struct Full;

impl AppView for Full {
    type Out = DatabricksCustomApp;
    const LABEL: &'static str = "Custom app integrations";
    fn view(record: DatabricksCustomApp) -> DatabricksCustomApp {
        record
    }
}

/// Custom OAuth app integrations (`oauth2/custom-app-integrations`), seen through `V`.
#[derive(Debug, Clone)]
pub struct CustomApps<V> {
    api: Databricks,
    view: PhantomData<V>,
}

impl<V> CustomApps<V> {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        CustomApps {
            api,
            view: PhantomData,
        }
    }
}

const CUSTOM_APPS: &str = "oauth2/custom-app-integrations";

/// A client as callers see it.
pub type Client = OAuthClientOf<DatabricksCustomApp>;

fn to_client(record: DatabricksCustomApp) -> Client {
    OAuthClientOf {
        provider: NAME,
        id: record.integration_id.clone(),
        client_id: record.client_id.clone().unwrap_or_default(),
        name: record.name.clone(),
        description: None,
        redirect_uris: record.redirect_urls.clone().unwrap_or_default(),
        grant_types: Vec::new(),
        scopes: record.scopes.clone().unwrap_or_default(),
        confidential: record.confidential,
        created_at: record.create_time.clone(),
        updated_at: None,
        last_used_at: None,
        record,
    }
}

/// `user_authorized_scopes` must be a subset of `scopes` (when both are given).
fn check_app(
    redirect_urls: Option<&Vec<String>>,
    scopes: Option<&Vec<String>>,
    user_scopes: Option<&Vec<String>>,
) -> Result<()> {
    check_urls(
        "redirectUrls",
        redirect_urls.map(Vec::as_slice).unwrap_or_default(),
    )?;
    if let (Some(user), Some(scopes)) = (user_scopes, scopes) {
        if let Some(extra) = user.iter().find(|s| !scopes.contains(s)) {
            return Err(Error::invalid(
                "userAuthorizedScopes",
                format!("\"{extra}\" is not in scopes"),
            ));
        }
    }
    Ok(())
}

impl<V: AppView> Kind for CustomApps<V> {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged(V::LABEL, &[], &["name"]);
    type Record = V::Out;
}

impl<V: AppView> List for CustomApps<V> {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(CUSTOM_APPS, params, true)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<V::Out>> {
        let page: Page<DatabricksCustomApp> = parse_page(resp, "the app integration list")?;
        Ok(Page {
            items: page.items.into_iter().map(V::view).collect(),
            next: page.next,
            total: None,
        })
    }
}

impl<V: AppView> Get for CustomApps<V> {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.api.item_url(CUSTOM_APPS, id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<V::Out> {
        decode(resp, "the app integration").map(V::view)
    }
}

impl<V: AppView> Create for CustomApps<V> {
    type Input = DatabricksCreateCustomApp;
    type Created = Created<V::Out>;

    fn read_create(&self, input: serde_json::Value) -> Result<DatabricksCreateCustomApp> {
        read_app_create(input)
    }

    fn build_create(
        &self,
        input: &DatabricksCreateCustomApp,
        _: Option<&HttpResponse>,
    ) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.api.url(CUSTOM_APPS))
            .json_text(snake_case_body(input, &[])))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Created<V::Out>> {
        self.parse_created_with(None, resp)
    }

    fn parse_created_with(
        &self,
        input: Option<&DatabricksCreateCustomApp>,
        resp: &HttpResponse,
    ) -> Result<Created<V::Out>> {
        let mut record = created_app(input, resp)?;
        let secret = record.secret.take();
        Ok(Created {
            client: V::view(record),
            secret,
        })
    }
}

impl<V: AppView> Update for CustomApps<V> {
    type Input = DatabricksUpdateCustomApp;

    const READ_BACK: Option<ReadBack<Self>> = Some(|kind, id, updated| {
        check_ok(updated)?;
        kind.get(id)
    });

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        app_update(&self.api, id, changes)
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<V::Out> {
        self.parse_record(resp)
    }
}

// The bodies of the custom app operations, shared by both views (one copy in the module).

fn read_app_create(input: serde_json::Value) -> Result<DatabricksCreateCustomApp> {
    let input: DatabricksCreateCustomApp = read_input(input, "databricks create input")?;
    check_app(
        input.redirect_urls.as_ref(),
        input.scopes.as_ref(),
        input.user_authorized_scopes.as_ref(),
    )?;
    Ok(input)
}

/// The create answer holds only `integration_id`, `client_id`, `principal_id` and the secret
/// with its expiry: the record is what was sent with those added (the answer wins where both
/// name a field), its secret still in it.
fn created_app(
    input: Option<&DatabricksCreateCustomApp>,
    resp: &HttpResponse,
) -> Result<DatabricksCustomApp> {
    let what = "the created app integration";
    let answer: serde_json::Value = decode(resp, what)?;
    let sent = input.map(|input| snake_case_body(input, &[]));
    let merged = match (sent.and_then(|s| serde_json::from_str(&s).ok()), answer) {
        (Some(serde_json::Value::Object(mut fields)), serde_json::Value::Object(answer)) => {
            fields.extend(answer);
            serde_json::Value::Object(fields)
        }
        (_, answer) => answer,
    };
    DatabricksCustomApp::from_json(merged).map_err(|e| {
        Error::decode(what, e)
            .with_provider(NAME)
            .with_status(resp.status)
    })
}

fn app_update(api: &Databricks, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
    let url = api.item_url(CUSTOM_APPS, id)?;
    for fixed in ["name", "confidential"] {
        if changes.get(fixed).is_some() {
            return Err(Error::invalid(
                fixed,
                "cannot be changed after creation (only redirectUrls, scopes, tokenAccessPolicy and userAuthorizedScopes can)",
            ));
        }
    }
    let changes: DatabricksUpdateCustomApp = read_input(changes, "databricks update input")?;
    check_app(
        changes.redirect_urls.as_ref(),
        changes.scopes.as_ref(),
        changes.user_authorized_scopes.as_ref(),
    )?;
    Ok(HttpRequest::new(Method::Patch, url).json_text(snake_case_body(&changes, &[])))
}

impl<V: AppView> Delete for CustomApps<V> {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.api.item_url(CUSTOM_APPS, id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

declared_forms!(DatabricksCreateCustomApp, DatabricksUpdateCustomApp);
