//! Federation policies: the account's and a service principal's.

use super::*;

/// Federation policies: the account's (`UNDER_SP = false`, `federationPolicies`) or a
/// service principal's (`UNDER_SP = true`, `servicePrincipals/{id}/federationPolicies`).
#[derive(Debug, Clone)]
pub struct FederationPolicies<const UNDER_SP: bool> {
    api: Databricks,
    /// The service principal the call named (set by `bind`), under a service principal.
    service_principal: String,
}

impl<const UNDER_SP: bool> FederationPolicies<UNDER_SP> {
    /// The kind for `api`'s account.
    pub fn new(api: Databricks) -> Self {
        FederationPolicies {
            api,
            service_principal: String::new(),
        }
    }

    fn path(&self) -> String {
        if UNDER_SP {
            format!(
                "servicePrincipals/{}/federationPolicies",
                self.service_principal
            )
        } else {
            "federationPolicies".to_owned()
        }
    }
}

/// Policy ids: lowercase letters, digits, `-` and `/`.
fn check_policy_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "policyId",
            "may hold only lowercase letters, digits, '-' and '/'",
        ))
    }
}

fn check_oidc(oidc: Option<&OidcPolicyInput>) -> Result<()> {
    let Some(oidc) = oidc else { return Ok(()) };
    for (field, url) in [
        ("oidcPolicy.issuer", &oidc.issuer),
        ("oidcPolicy.jwksUri", &oidc.jwks_uri),
    ] {
        if url.as_deref().is_some_and(|u| !is_absolute_url(u)) {
            return Err(Error::invalid(field, "must be an absolute URL"));
        }
    }
    if let Some(jwks) = &oidc.jwks_json {
        if serde_json::from_str::<serde_json::Value>(jwks).is_err() {
            return Err(Error::invalid("oidcPolicy.jwksJson", "must be valid JSON"));
        }
    }
    Ok(())
}

/// The `update_mask` for a body: the dotted path of every field it sets, nested objects'
/// fields included (`description,oidc_policy.audiences`); an empty object is its own path.
pub fn update_mask(body: &serde_json::Value) -> String {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) if !fields.is_empty() => {
                for (key, inner) in fields {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, inner, out);
                }
            }
            _ if !prefix.is_empty() => out.push(prefix.to_owned()),
            _ => {}
        }
    }
    let mut paths = Vec::new();
    walk("", body, &mut paths);
    paths.join(",")
}

impl<const UNDER_SP: bool> Kind for FederationPolicies<UNDER_SP> {
    const PROVIDER: &'static str = NAME;
    const INFO: KindInfo = if UNDER_SP {
        paged(
            "Service principal federation policies",
            SERVICE_PRINCIPAL,
            &[],
        )
    } else {
        paged("Federation policies", &[], &[])
    };
    type Record = DatabricksFederationPolicy;

    fn bind(&self, parents: &[String]) -> Result<Cow<'_, Self>> {
        if !UNDER_SP {
            return Ok(Cow::Borrowed(self));
        }
        Ok(Cow::Owned(FederationPolicies {
            api: self.api.clone(),
            service_principal: service_principal(parents)?,
        }))
    }
}

impl<const UNDER_SP: bool> List for FederationPolicies<UNDER_SP> {
    fn list(&self, params: &ListParams) -> Result<HttpRequest> {
        self.api.list_request(&self.path(), params, false)
    }

    fn parse_list(&self, _: &ListParams, resp: &HttpResponse) -> Result<Page<Self::Record>> {
        parse_page(resp, "the federation policy list")
    }
}

impl<const UNDER_SP: bool> Get for FederationPolicies<UNDER_SP> {
    fn get(&self, id: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(
            Method::Get,
            self.api.item_url(&self.path(), id)?,
        ))
    }

    fn parse_record(&self, resp: &HttpResponse) -> Result<Self::Record> {
        decode(resp, "the federation policy")
    }
}

/// The body of a policy create or update: its description and OIDC trust, snake_case.
fn policy_body(description: Option<&String>, oidc_policy: Option<&OidcPolicyInput>) -> String {
    let mut body = String::new();
    crate::json::ObjectWriter::new(&mut body)
        .field("description", &description)
        .field("oidc_policy", &oidc_policy)
        .finish();
    body
}

// The bodies of the policy operations, shared by both scopes (one copy in the module).

fn read_policy_create(input: serde_json::Value) -> Result<DatabricksCreateFederationPolicy> {
    let input: DatabricksCreateFederationPolicy = read_input(input, "federation policy")?;
    if let Some(id) = &input.policy_id {
        check_policy_id(id)?;
    }
    check_oidc(input.oidc_policy.as_ref())?;
    Ok(input)
}

/// `POST` to the collection at `url`, the optional id as the `policy_id` query parameter.
fn policy_create(url: &str, input: &DatabricksCreateFederationPolicy) -> HttpRequest {
    let url = with_query(url.to_owned(), &[("policy_id", input.policy_id.clone())]);
    HttpRequest::new(Method::Post, url).json_text(policy_body(
        input.description.as_ref(),
        input.oidc_policy.as_ref(),
    ))
}

/// `PATCH` the policy at `url` with the fields given and their `update_mask`.
fn policy_update(url: String, changes: serde_json::Value) -> Result<HttpRequest> {
    let changes: DatabricksUpdateFederationPolicy =
        read_input(changes, "federation policy changes")?;
    check_oidc(changes.oidc_policy.as_ref())?;
    let body = policy_body(changes.description.as_ref(), changes.oidc_policy.as_ref());
    let mask = serde_json::from_str(&body)
        .map(|value| update_mask(&value))
        .unwrap_or_default();
    if mask.is_empty() {
        return Err(Error::invalid(
            "changes",
            "name at least one field to change",
        ));
    }
    let url = with_query(url, &[("update_mask", Some(mask))]);
    Ok(HttpRequest::new(Method::Patch, url).json_text(body))
}

impl<const UNDER_SP: bool> Create for FederationPolicies<UNDER_SP> {
    type Input = DatabricksCreateFederationPolicy;
    type Created = DatabricksFederationPolicy;

    fn read_create(&self, input: serde_json::Value) -> Result<Self::Input> {
        read_policy_create(input)
    }

    fn build_create(&self, input: &Self::Input, _: Option<&HttpResponse>) -> Result<HttpRequest> {
        Ok(policy_create(&self.api.url(&self.path()), input))
    }

    fn parse_created(&self, resp: &HttpResponse) -> Result<Self::Created> {
        self.parse_record(resp)
    }
}

impl<const UNDER_SP: bool> Update for FederationPolicies<UNDER_SP> {
    type Input = DatabricksUpdateFederationPolicy;

    fn update(&self, id: &str, changes: serde_json::Value) -> Result<HttpRequest> {
        policy_update(self.api.item_url(&self.path(), id)?, changes)
    }

    fn parse_updated(&self, resp: &HttpResponse) -> Result<Self::Record> {
        self.parse_record(resp)
    }
}

impl<const UNDER_SP: bool> Delete for FederationPolicies<UNDER_SP> {
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

/// A policy form: its own fields, then the OIDC trust's.
fn policy_fields(own: Vec<FieldSpec>) -> Vec<FieldSpec> {
    own.into_iter().chain(OIDC_FIELDS.iter().cloned()).collect()
}

impl Form for DatabricksCreateFederationPolicy {
    fn fields() -> Vec<FieldSpec> {
        policy_fields(Self::specs())
    }
}

impl Form for DatabricksUpdateFederationPolicy {
    fn fields() -> Vec<FieldSpec> {
        policy_fields(Self::specs())
    }
}

/// The OIDC trust's form fields, by their dotted path in the input.
const OIDC_FIELDS: &[FieldSpec] = &[
    field!("oidcPolicy.issuer", "OIDC issuer", Url, false),
    field!("oidcPolicy.audiences", "Audiences", StringList, false),
    field!("oidcPolicy.subject", "Subject", String, false),
    field!(
        "oidcPolicy.subjectClaim",
        "Subject claim (default sub)",
        String,
        false
    ),
    field!("oidcPolicy.jwksUri", "JWKS URI", Url, false),
];
