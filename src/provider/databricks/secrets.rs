//! A service principal's OAuth secrets (`servicePrincipals/{id}/credentials/secrets`).

use super::*;

/// A service principal's OAuth secrets
/// (`servicePrincipals/{id}/credentials/secrets`); at most five per service principal.
#[derive(Debug, Clone)]
pub struct ServicePrincipalSecrets {
    api: Databricks,
    /// The service principal the call named (set by `bind`).
    service_principal: String,
}

impl ServicePrincipalSecrets {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        ServicePrincipalSecrets {
            api,
            service_principal: String::new(),
        }
    }

    fn path(&self) -> String {
        format!(
            "servicePrincipals/{}/credentials/secrets",
            self.service_principal
        )
    }
}

impl Kind for ServicePrincipalSecrets {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = paged("Service principal secrets", SERVICE_PRINCIPAL, &[]);
    type Record = DatabricksSecretInfo;

    fn bind(&self, parents: &[String]) -> Result<Cow<'_, Self>> {
        Ok(Cow::Owned(ServicePrincipalSecrets {
            api: self.api.clone(),
            service_principal: service_principal(parents)?,
        }))
    }
}

impl List for ServicePrincipalSecrets {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(&self.path(), params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the secret list")
    }
}

impl Create for ServicePrincipalSecrets {
    type Input = DatabricksCreateSecret;
    type Created = DatabricksCreatedSecret;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        let input: Self::Input = read_input(input, "secret input")?;
        if input.lifetime_seconds == Some(0) {
            return Err(Error::invalid("lifetimeSeconds", "must be at least 1"));
        }
        Ok(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        let mut body = String::new();
        crate::json::ObjectWriter::new(&mut body)
            .field("lifetime", &input.lifetime_seconds.map(|s| format!("{s}s")))
            .field("scopes", &input.scopes)
            .finish();
        Ok(HttpRequest::new(Method::Post, self.api.url(&self.path())).json_text(body))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<DatabricksCreatedSecret> {
        let mut info: DatabricksSecretInfo = decode(resp, "the created secret")?;
        let secret = info.secret.take().ok_or_else(|| {
            Error::decode("the created secret", "the response has no `secret`")
                .with_provider(NAME)
                .with_status(resp.status)
        })?;
        Ok(DatabricksCreatedSecret { secret, info })
    }
}

impl Delete for ServicePrincipalSecrets {
    fn delete(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Delete,
            self.api.item_url(&self.path(), id)?,
        ))
    }

    fn parse_deleted(&self, resp: &HttpResponse) -> Result<()> {
        check_ok(resp)
    }
}

declared_forms!(DatabricksCreateSecret);
