//! The published app catalogue (`oauth2/published-apps`) and the published apps enabled in
//! the account (`oauth2/published-app-integrations`).

use super::*;

/// The catalogue of published apps (`oauth2/published-apps`).
#[derive(Debug, Clone)]
pub struct PublishedApps(pub Databricks);

impl Kind for PublishedApps {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Published apps", &[], &[]);
    type Record = DatabricksPublishedApp;
}

impl List for PublishedApps {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.0.list_request("oauth2/published-apps", params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the published app list")
    }
}

/// Published apps enabled in the account (`oauth2/published-app-integrations`).
#[derive(Debug, Clone)]
pub struct PublishedAppIntegrations(pub Databricks);

const PUBLISHED: &str = "oauth2/published-app-integrations";

impl Kind for PublishedAppIntegrations {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Published app integrations", &[], &["name"]);
    type Record = DatabricksPublishedAppIntegration;
}

impl List for PublishedAppIntegrations {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.0.list_request(PUBLISHED, params, true)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the published app integration list")
    }
}

impl Get for PublishedAppIntegrations {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.0.item_url(PUBLISHED, id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Self::Record> {
        decode(resp, "the published app integration")
    }
}

impl Create for PublishedAppIntegrations {
    type Input = DatabricksCreatePublishedAppIntegration;
    /// The answer holds the new `integration_id` only.
    type Created = DatabricksPublishedAppIntegration;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        let input: Self::Input = read_input(input, "published app integration")?;
        if input.app_id.trim().is_empty() {
            return Err(Error::invalid("appId", "must not be empty"));
        }
        Ok(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        Ok(HttpRequest::new(Method::Post, self.0.url(PUBLISHED))
            .json_text(snake_case_body(input, &[])))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Self::Created> {
        decode(resp, "the created published app integration")
    }
}

impl Update for PublishedAppIntegrations {
    type Input = DatabricksUpdatePublishedAppIntegration;

    const READ_BACK: Option<ReadBack<Self>> = Some(|kind, id, updated| {
        check_ok(updated)?;
        kind.get(id)
    });

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        let url = self.0.item_url(PUBLISHED, id)?;
        let changes: Self::Input = read_input(changes, "published app integration changes")?;
        Ok(HttpRequest::new(Method::Patch, url).json_text(snake_case_body(&changes, &[])))
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Self::Record> {
        self.parse_record(resp)
    }
}

impl Delete for PublishedAppIntegrations {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.0.item_url(PUBLISHED, id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

declared_forms!(
    DatabricksCreatePublishedAppIntegration,
    DatabricksUpdatePublishedAppIntegration
);
