//! The account's records and their wire form. int64 fields
//! (`principal_id`, `created_by`, `service_principal_id`) are written as JSON
//! numbers in list responses and as strings elsewhere: the SDK reads both
//! (`int(d[field])`), so clients must too.

use serde_json::{Value, json};

/// How int64 fields are written in one response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Int64As {
    Number,
    Text,
}

impl Int64As {
    pub fn write(self, value: u64) -> Value {
        match self {
            Int64As::Number => json!(value),
            Int64As::Text => json!(value.to_string()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CustomApp {
    pub integration_id: String,
    pub client_id: String,
    pub name: String,
    pub confidential: bool,
    pub redirect_urls: Vec<String>,
    pub scopes: Vec<String>,
    pub user_authorized_scopes: Vec<String>,
    pub token_access_policy: Option<Value>,
    pub is_agent: bool,
    pub principal_id: u64,
    pub created_by: u64,
    pub creator_username: String,
    pub create_time: String,
}

impl CustomApp {
    /// `GetCustomAppIntegrationOutput`; `creator_username` only when asked for.
    pub fn to_json(&self, ints: Int64As, with_creator: bool) -> Value {
        let mut out = json!({
            "integration_id": self.integration_id,
            "client_id": self.client_id,
            "name": self.name,
            "confidential": self.confidential,
            "redirect_urls": self.redirect_urls,
            "scopes": self.scopes,
            "user_authorized_scopes": self.user_authorized_scopes,
            "is_agent": self.is_agent,
            "principal_id": ints.write(self.principal_id),
            "created_by": ints.write(self.created_by),
            "create_time": self.create_time,
        });
        insert_some(
            &mut out,
            "token_access_policy",
            self.token_access_policy.clone(),
        );
        if with_creator {
            insert_some(
                &mut out,
                "creator_username",
                Some(json!(self.creator_username)),
            );
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct PublishedApp {
    pub app_id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub client_id: &'static str,
    pub redirect_urls: &'static [&'static str],
    pub scopes: &'static [&'static str],
}

impl PublishedApp {
    pub fn to_json(&self) -> Value {
        json!({
            "app_id": self.app_id,
            "client_id": self.client_id,
            "description": self.description,
            "is_confidential_client": false,
            "name": self.name,
            "redirect_urls": self.redirect_urls,
            "scopes": self.scopes,
        })
    }
}

#[derive(Debug, Clone)]
pub struct PublishedIntegration {
    pub integration_id: String,
    pub app_id: String,
    pub name: String,
    pub token_access_policy: Option<Value>,
    pub created_by: u64,
    pub create_time: String,
}

impl PublishedIntegration {
    pub fn to_json(&self, ints: Int64As) -> Value {
        let mut out = json!({
            "integration_id": self.integration_id,
            "app_id": self.app_id,
            "name": self.name,
            "created_by": ints.write(self.created_by),
            "create_time": self.create_time,
        });
        insert_some(
            &mut out,
            "token_access_policy",
            self.token_access_policy.clone(),
        );
        out
    }
}

#[derive(Debug, Clone)]
pub struct SpSecret {
    pub service_principal_id: u64,
    pub id: String,
    pub secret_hash: String,
    pub scopes: Vec<String>,
    pub create_time: String,
    pub expire_time: Option<String>,
}

impl SpSecret {
    /// `SecretInfo`: never the secret itself.
    pub fn to_json(&self) -> Value {
        let mut out = json!({
            "id": self.id,
            "secret_hash": self.secret_hash,
            "status": "ACTIVE",
            "scopes": self.scopes,
            "create_time": self.create_time,
            "update_time": self.create_time,
        });
        insert_some(
            &mut out,
            "expire_time",
            self.expire_time.clone().map(Value::from),
        );
        out
    }
}

#[derive(Debug, Clone)]
pub struct Policy {
    /// `None` for account-wide policies.
    pub service_principal_id: Option<u64>,
    pub policy_id: String,
    pub name: String,
    pub uid: String,
    pub description: Option<String>,
    pub oidc_policy: Option<Value>,
    pub create_time: String,
    pub update_time: String,
}

impl Policy {
    pub fn to_json(&self, ints: Int64As) -> Value {
        let mut out = json!({
            "policy_id": self.policy_id,
            "name": self.name,
            "uid": self.uid,
            "create_time": self.create_time,
            "update_time": self.update_time,
        });
        insert_some(
            &mut out,
            "description",
            self.description.clone().map(Value::from),
        );
        insert_some(&mut out, "oidc_policy", self.oidc_policy.clone());
        insert_some(
            &mut out,
            "service_principal_id",
            self.service_principal_id.map(|id| ints.write(id)),
        );
        out
    }
}

fn insert_some(out: &mut Value, key: &str, value: Option<Value>) {
    if let (Value::Object(map), Some(value)) = (out, value) {
        map.insert(key.to_owned(), value);
    }
}
