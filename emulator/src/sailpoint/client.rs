//! The API client record (`GetOAuthClientResponse`), the create request's
//! rules (`CreateOAuthClientRequest`) and the JSON Patch rules of
//! `PATCH /oauth-clients/{id}`, written from the beta spec.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::body::{Fields, Problem, ProblemKind};

pub const GRANT_TYPES: &[&str] = &["CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "REFRESH_TOKEN"];
pub const ACCESS_TYPES: &[&str] = &["ONLINE", "OFFLINE"];
pub const CLIENT_TYPES: &[&str] = &["CONFIDENTIAL", "PUBLIC"];
const DEFAULT_SCOPE: &str = "sp:scopes:all";
const DEFAULT_REFRESH_SECONDS: i64 = 86_400;

const CREATE_REQUIRED: &[&str] = &[
    "name",
    "description",
    "accessTokenValiditySeconds",
    "grantTypes",
    "accessType",
    "enabled",
];
const CREATE_OPTIONAL: &[&str] = &[
    "businessName",
    "homepageUrl",
    "refreshTokenValiditySeconds",
    "redirectUris",
    "type",
    "internal",
    "strongAuthSupported",
    "claimsSupported",
    "scope",
];

/// The fields a patch may touch ("PATCHABLE FIELDS" of the PATCH operation).
const PATCHABLE: &[&str] = &[
    "tenant",
    "businessName",
    "homepageUrl",
    "name",
    "description",
    "accessTokenValiditySeconds",
    "refreshTokenValiditySeconds",
    "redirectUris",
    "grantTypes",
    "accessType",
    "enabled",
    "strongAuthSupported",
    "claimsSupported",
];
/// Patchable fields the response schema marks nullable: a patch may set them to `null`.
const NULLABLE: &[&str] = &["businessName", "homepageUrl", "description", "redirectUris"];

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiClient {
    pub id: String,
    /// Shown once, by create; `null` in every other response.
    #[serde(serialize_with = "always_null")]
    pub secret: String,
    pub business_name: Option<String>,
    pub homepage_url: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub access_token_validity_seconds: i64,
    pub refresh_token_validity_seconds: i64,
    pub redirect_uris: Option<Vec<String>>,
    pub grant_types: Vec<String>,
    pub access_type: String,
    #[serde(rename = "type")]
    pub client_type: String,
    pub internal: bool,
    pub enabled: bool,
    pub strong_auth_supported: bool,
    pub claims_supported: bool,
    /// RFC 3339 with milliseconds.
    pub created: String,
    pub modified: String,
    pub scope: Option<Vec<String>>,
    pub metadata: Option<String>,
    /// Epoch milliseconds, written as RFC 3339 or `null`.
    #[serde(serialize_with = "optional_time")]
    pub last_used: Option<i64>,
}

fn always_null<S: serde::Serializer>(_: &String, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_none()
}

fn optional_time<S: serde::Serializer>(
    value: &Option<i64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(ms) => serializer.serialize_str(&crate::clock::rfc3339(*ms)),
        None => serializer.serialize_none(),
    }
}

impl ApiClient {
    /// The create response: the record's fields (no `metadata`, no `lastUsed`)
    /// and the secret.
    pub fn created_json(&self) -> Value {
        let mut json = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut json {
            map.remove("metadata");
            map.remove("lastUsed");
            map.insert("secret".into(), Value::String(self.secret.clone()));
        }
        json
    }

    pub fn grants(&self, grant: &str) -> bool {
        self.grant_types.iter().any(|g| g == grant)
    }
}

fn int32(fields: &mut Fields, field: &str, map: &Map<String, Value>) -> Option<i64> {
    let value = map.get(field)?;
    match value
        .as_i64()
        .filter(|n| (1..=i64::from(i32::MAX)).contains(n))
    {
        Some(n) => Some(n),
        None => {
            fields.report(field, ProblemKind::WrongType("a positive 32-bit integer"));
            None
        }
    }
}

fn one_of(fields: &mut Fields, field: &str, allowed: &[&str]) -> Option<String> {
    let value = fields.string(field)?;
    if allowed.contains(&value.as_str()) {
        Some(value)
    } else {
        let reason = format!("'{value}' is not one of {}", allowed.join(", "));
        fields.report(field, ProblemKind::Invalid(reason));
        None
    }
}

fn all_of(fields: &mut Fields, field: &str, allowed: &[&str]) -> Option<Vec<String>> {
    let values = fields.strings(field)?;
    match values.iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(bad) => {
            let reason = format!("'{bad}' is not one of {}", allowed.join(", "));
            fields.report(field, ProblemKind::Invalid(reason));
            None
        }
        None => Some(values),
    }
}

fn is_absolute(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
        || url.starts_with("urn:")
}

fn urls(fields: &mut Fields, field: &str) -> Option<Vec<String>> {
    let values = fields.strings(field)?;
    if let Some(bad) = values.iter().find(|u| !is_absolute(u)) {
        let reason = format!("'{bad}' is not an absolute URI");
        fields.report(field, ProblemKind::Invalid(reason));
        return None;
    }
    Some(values)
}

/// A field that may be `null`: `Some(None)` for null.
fn nullable<T>(
    map: &Map<String, Value>,
    field: &str,
    read: impl FnOnce() -> Option<T>,
) -> Option<Option<T>> {
    match map.get(field)? {
        Value::Null => Some(None),
        _ => read().map(Some),
    }
}

fn check_code_grant(client: &ApiClient, problems: &mut Vec<Problem>) {
    let uris = client.redirect_uris.as_deref().unwrap_or_default();
    if client.grants("AUTHORIZATION_CODE") && uris.is_empty() {
        problems.push(Problem {
            field: "redirectUris".into(),
            kind: ProblemKind::Invalid(
                "one or more URIs are required with the AUTHORIZATION_CODE grant type".into(),
            ),
        });
    }
}

/// Reads a create body into a new client (`id`, `secret` and times given).
pub fn create(body: &[u8], blank: ApiClient) -> Result<ApiClient, Vec<Problem>> {
    let mut fields = Fields::parse(body).map_err(|m| {
        vec![Problem {
            field: "body".into(),
            kind: ProblemKind::Invalid(m.0),
        }]
    })?;
    // The same object, for the fields that may be `null` (which `Fields` reads as mistyped).
    let map: Map<String, Value> = serde_json::from_slice(body).unwrap_or_default();
    let allowed: Vec<&str> = CREATE_REQUIRED
        .iter()
        .chain(CREATE_OPTIONAL)
        .copied()
        .collect();
    fields.reject_unknown(&allowed);
    fields.require(CREATE_REQUIRED);
    let mut client = blank;
    if let Some(name) = fields.string("name") {
        client.name = name;
    }
    if let Some(description) = nullable(&map, "description", || fields.string("description")) {
        client.description = description;
    }
    if let Some(seconds) = int32(&mut fields, "accessTokenValiditySeconds", &map) {
        client.access_token_validity_seconds = seconds;
    }
    client.refresh_token_validity_seconds =
        int32(&mut fields, "refreshTokenValiditySeconds", &map).unwrap_or(DEFAULT_REFRESH_SECONDS);
    if let Some(grants) = nullable(&map, "grantTypes", || {
        all_of(&mut fields, "grantTypes", GRANT_TYPES)
    }) {
        client.grant_types = grants.unwrap_or_default();
    }
    if let Some(access) = one_of(&mut fields, "accessType", ACCESS_TYPES) {
        client.access_type = access;
    }
    if let Some(enabled) = fields.boolean("enabled") {
        client.enabled = enabled;
    }
    client.business_name =
        nullable(&map, "businessName", || fields.string("businessName")).flatten();
    client.homepage_url = nullable(&map, "homepageUrl", || fields.string("homepageUrl")).flatten();
    client.redirect_uris =
        nullable(&map, "redirectUris", || urls(&mut fields, "redirectUris")).flatten();
    if let Some(kind) = one_of(&mut fields, "type", CLIENT_TYPES) {
        client.client_type = kind;
    }
    client.internal = fields.boolean("internal").unwrap_or(false);
    client.strong_auth_supported = fields.boolean("strongAuthSupported").unwrap_or(false);
    client.claims_supported = fields.boolean("claimsSupported").unwrap_or(false);
    client.scope = match nullable(&map, "scope", || fields.strings("scope")) {
        Some(Some(scope)) => Some(scope),
        _ => Some(vec![DEFAULT_SCOPE.to_owned()]),
    };
    if client.name.trim().is_empty() && map.contains_key("name") {
        fields.report("name", ProblemKind::Invalid("must not be empty".into()));
    }
    let mut problems = fields.into_problems();
    check_code_grant(&client, &mut problems);
    if problems.is_empty() {
        Ok(client)
    } else {
        Err(problems)
    }
}

/// Applies an RFC 6902 document to a copy of `client`: only `add`, `replace`
/// and `remove` of a whitelisted top-level field, each value type-checked.
pub fn patch(body: &[u8], client: &ApiClient) -> Result<ApiClient, Vec<String>> {
    let ops: Vec<Value> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(ops)) => ops,
        Ok(_) => return Err(vec!["the body must be a JSON Patch array".into()]),
        Err(error) => return Err(vec![format!("the body is not valid JSON: {error}")]),
    };
    let mut patched = client.clone();
    let mut problems = Vec::new();
    for (index, op) in ops.iter().enumerate() {
        if let Err(problem) = apply(op, &mut patched) {
            problems.push(format!("operation {index}: {problem}"));
        }
    }
    let mut rules = Vec::new();
    check_code_grant(&patched, &mut rules);
    problems.extend(rules.iter().map(Problem::describe));
    if problems.is_empty() {
        Ok(patched)
    } else {
        Err(problems)
    }
}

fn apply(op: &Value, client: &mut ApiClient) -> Result<(), String> {
    let kind = op
        .get("op")
        .and_then(Value::as_str)
        .ok_or("`op` is missing")?;
    let path = op
        .get("path")
        .and_then(Value::as_str)
        .ok_or("`path` is missing")?;
    let field = path
        .strip_prefix('/')
        .filter(|f| !f.contains('/'))
        .ok_or_else(|| format!("path '{path}' is not a top-level field"))?;
    if !PATCHABLE.contains(&field) {
        return Err(format!("'{field}' is not a patchable field"));
    }
    let value = match kind {
        "add" | "replace" => op.get("value").cloned().ok_or("`value` is required")?,
        "remove" => Value::Null,
        other => return Err(format!("op '{other}' is not supported")),
    };
    if value.is_null() && !NULLABLE.contains(&field) {
        return Err(format!("'{field}' cannot be null"));
    }
    set(client, field, value)
}

fn set(client: &mut ApiClient, field: &str, value: Value) -> Result<(), String> {
    let text = |v: Value| match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        _ => Err(format!("'{field}' must be a string")),
    };
    let int = |v: &Value| {
        v.as_i64()
            .filter(|n| (1..=i64::from(i32::MAX)).contains(n))
            .ok_or_else(|| format!("'{field}' must be a positive 32-bit integer"))
    };
    let flag = |v: &Value| {
        v.as_bool()
            .ok_or_else(|| format!("'{field}' must be a boolean"))
    };
    let list = |v: Value, allowed: Option<&[&str]>| -> Result<Option<Vec<String>>, String> {
        if v.is_null() {
            return Ok(None);
        }
        let items: Option<Vec<String>> = v
            .as_array()
            .map(|a| a.iter().map(|s| s.as_str().map(str::to_owned)).collect())
            .unwrap_or(None);
        let items = items.ok_or_else(|| format!("'{field}' must be an array of strings"))?;
        match allowed.and_then(|ok| items.iter().find(|i| !ok.contains(&i.as_str()))) {
            Some(bad) => Err(format!("'{bad}' is not a valid value of '{field}'")),
            None => Ok(Some(items)),
        }
    };
    match field {
        "tenant" => {
            text(value)?;
        }
        "businessName" => client.business_name = text(value)?,
        "homepageUrl" => client.homepage_url = text(value)?,
        "description" => client.description = text(value)?,
        "name" => {
            client.name = text(value)?
                .filter(|n| !n.trim().is_empty())
                .ok_or("'name' must not be empty")?
        }
        "accessTokenValiditySeconds" => client.access_token_validity_seconds = int(&value)?,
        "refreshTokenValiditySeconds" => client.refresh_token_validity_seconds = int(&value)?,
        "redirectUris" => {
            let uris = list(value, None)?;
            if let Some(bad) = uris.iter().flatten().find(|u| !is_absolute(u)) {
                return Err(format!("'{bad}' is not an absolute URI"));
            }
            client.redirect_uris = uris;
        }
        "grantTypes" => client.grant_types = list(value, Some(GRANT_TYPES))?.unwrap_or_default(),
        "accessType" => {
            let access = text(value)?.unwrap_or_default();
            if !ACCESS_TYPES.contains(&access.as_str()) {
                return Err(format!("'{access}' is not a valid value of 'accessType'"));
            }
            client.access_type = access;
        }
        "enabled" => client.enabled = flag(&value)?,
        "strongAuthSupported" => client.strong_auth_supported = flag(&value)?,
        "claimsSupported" => client.claims_supported = flag(&value)?,
        _ => return Err(format!("'{field}' is not a patchable field")),
    }
    Ok(())
}
