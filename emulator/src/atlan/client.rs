//! The Heracles OAuth client record and its create/update rules (atlan-python
//! `OAuthClientRequest`, atlan-java `OAuthClient.update()`).

use serde::{Serialize, Serializer};

use super::errors::AtlanError;
use super::roles;
use crate::body::{Fields, Problem, ProblemKind};

const CREATE_FIELDS: &[&str] = &["displayName", "description", "role", "personaQNs"];
/// "Only displayName and description are updatable" (atlan-java javadoc).
const UPDATE_FIELDS: &[&str] = &["displayName", "description"];
pub const TOKEN_EXPIRY_SECONDS: u32 = 600;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClient {
    pub id: String,
    pub client_id: String,
    pub display_name: String,
    pub description: String,
    pub role: String,
    #[serde(rename = "personaQNs")]
    pub persona_qns: Vec<String>,
    pub token_expiry_seconds: u32,
    /// Epoch milliseconds as a JSON number...
    pub created_at: i64,
    /// ...and as a string of digits: both SDKs type these as strings and
    /// both forms are seen, so clients must accept either.
    #[serde(serialize_with = "digits")]
    pub updated_at: i64,
    pub created_by: String,
    pub updated_by: String,
    #[serde(skip)]
    pub secret: String,
}

fn digits<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// Validates a create or update body and merges it into `client` (a blank
/// record for create). Nothing changes unless the whole body is valid.
pub fn merge(
    body: &[u8],
    mode: Mode,
    client: &mut OAuthClient,
    now_ms: i64,
) -> Result<(), AtlanError> {
    let fields = Fields::parse(body).map_err(AtlanError::malformed)?;
    *client = merged(fields, mode, client, now_ms).map_err(AtlanError::validation)?;
    Ok(())
}

fn merged(
    mut fields: Fields,
    mode: Mode,
    client: &OAuthClient,
    now_ms: i64,
) -> Result<OAuthClient, Vec<Problem>> {
    match mode {
        Mode::Create => {
            fields.reject_unknown(CREATE_FIELDS);
            fields.require(&["displayName", "role"]);
        }
        Mode::Update => fields.reject_unknown(UPDATE_FIELDS),
    }
    let display_name = fields.string("displayName");
    let description = fields.string("description");
    let role = fields.string("role");
    let persona_qns = fields.strings("personaQNs");
    if display_name
        .as_deref()
        .is_some_and(|name| name.trim().is_empty())
    {
        fields.report(
            "displayName",
            ProblemKind::Invalid("must not be empty".into()),
        );
    }
    if let Some(role) = role.as_deref().filter(|role| !roles::exists(role)) {
        let reason = format!(
            "role '{role}' does not exist; available roles: {}",
            roles::names()
        );
        fields.report("role", ProblemKind::Invalid(reason));
    }
    let problems = fields.into_problems();
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut merged = client.clone();
    if let Some(display_name) = display_name {
        merged.display_name = display_name;
    }
    if let Some(description) = description {
        merged.description = description;
    }
    if let Some(role) = role {
        merged.role = role;
    }
    if let Some(persona_qns) = persona_qns {
        merged.persona_qns = persona_qns;
    }
    merged.updated_at = now_ms;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn blank() -> OAuthClient {
        OAuthClient {
            id: "guid".into(),
            client_id: "oauth-client-x".into(),
            display_name: String::new(),
            description: String::new(),
            role: String::new(),
            persona_qns: Vec::new(),
            token_expiry_seconds: TOKEN_EXPIRY_SECONDS,
            created_at: 1,
            updated_at: 1,
            created_by: "admin".into(),
            updated_by: "admin".into(),
            secret: "s".into(),
        }
    }

    fn apply(body: Value, mode: Mode, client: &OAuthClient) -> Result<OAuthClient, Vec<String>> {
        let fields = Fields::parse(body.to_string().as_bytes()).expect("object");
        merged(fields, mode, client, 5)
            .map_err(|problems| problems.into_iter().map(|p| p.field).collect())
    }

    #[test]
    fn create_and_wire_shape() {
        let body =
            json!({"displayName": "Sync", "description": "", "role": "$member", "personaQNs": []});
        let client = apply(body, Mode::Create, &blank()).expect("create");
        let wire = serde_json::to_value(&client).expect("json");
        assert_eq!(wire["createdAt"], json!(1));
        assert_eq!(wire["updatedAt"], json!("5"));
        assert_eq!(wire["personaQNs"], json!([]));
        assert!(wire.get("secret").is_none() && wire.get("clientSecret").is_none());
    }

    #[test]
    fn create_rules() {
        assert_eq!(
            apply(json!({"displayName": "x"}), Mode::Create, &blank()).err(),
            Some(vec!["role".into()])
        );
        assert_eq!(
            apply(
                json!({"displayName": "x", "role": "Admin"}),
                Mode::Create,
                &blank()
            )
            .err(),
            Some(vec!["role".into()])
        );
        assert_eq!(
            apply(
                json!({"displayName": "x", "role": "$admin", "roles": "$admin"}),
                Mode::Create,
                &blank()
            )
            .err(),
            Some(vec!["roles".into()])
        );
    }

    #[test]
    fn update_takes_only_name_and_description() {
        let updated = apply(json!({"description": "new"}), Mode::Update, &blank()).expect("update");
        assert_eq!(updated.description, "new");
        assert_eq!(
            apply(json!({"role": "$admin"}), Mode::Update, &blank()).err(),
            Some(vec!["role".into()])
        );
        assert_eq!(
            apply(json!({"displayName": " "}), Mode::Update, &blank()).err(),
            Some(vec!["displayName".into()])
        );
    }
}
