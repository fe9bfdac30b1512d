//! Client metadata as RFC 7591 §2 defines it: what is checked, and the defaults the server
//! fills in (a server returns every registered field, those it provisioned included).
//! Metadata it does not know, and language-tagged values (`client_name#ja-Jpan-JP`), are
//! kept as sent.

use serde_json::{Map, Value, json};

use super::errors::RegistrationError;
use crate::urls::is_absolute_url;

/// The JSON object of a request body.
pub fn object(body: &[u8]) -> Result<Map<String, Value>, RegistrationError> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(RegistrationError::invalid_client_metadata(
            "the body must be a JSON object of client metadata",
        )),
    }
}

/// The registered metadata for a registration request body.
pub fn accept(body: &[u8]) -> Result<Map<String, Value>, RegistrationError> {
    accept_object(object(body)?)
}

/// Checks `fields` and fills in the defaults.
pub fn accept_object(
    mut fields: Map<String, Value>,
) -> Result<Map<String, Value>, RegistrationError> {
    for (key, default) in [
        ("grant_types", json!(["authorization_code"])),
        ("response_types", json!(["code"])),
        ("token_endpoint_auth_method", json!("client_secret_basic")),
    ] {
        fields.entry(key).or_insert(default);
    }
    check(&fields)?;
    Ok(fields)
}

fn strings<'a>(
    fields: &'a Map<String, Value>,
    key: &str,
) -> Result<Vec<&'a str>, RegistrationError> {
    match fields.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                RegistrationError::invalid_client_metadata(format!(
                    "{key} must be an array of strings"
                ))
            }),
        Some(_) => Err(RegistrationError::invalid_client_metadata(format!(
            "{key} must be an array of strings"
        ))),
    }
}

fn check(fields: &Map<String, Value>) -> Result<(), RegistrationError> {
    let grants = strings(fields, "grant_types")?;
    let responses = strings(fields, "response_types")?;
    for (grant, response) in [("authorization_code", "code"), ("implicit", "token")] {
        if grants.contains(&grant) != responses.contains(&response) {
            return Err(RegistrationError::invalid_client_metadata(format!(
                "The grant type '{grant}' must be registered along with the response type '{response}'"
            )));
        }
    }
    let redirects = strings(fields, "redirect_uris")?;
    if !responses.is_empty() && redirects.is_empty() {
        return Err(RegistrationError::invalid_redirect_uri(
            "redirect_uris is required for redirect-based flows".to_owned(),
        ));
    }
    if let Some(bad) = redirects
        .iter()
        .find(|uri| !is_absolute_url(uri) || uri.contains('#'))
    {
        return Err(RegistrationError::invalid_redirect_uri(format!(
            "The redirection URI {bad} is not allowed by this server."
        )));
    }
    if fields.contains_key("jwks") && fields.contains_key("jwks_uri") {
        return Err(RegistrationError::invalid_client_metadata(
            "jwks and jwks_uri must not both be present",
        ));
    }
    match fields
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
    {
        Some("none" | "client_secret_basic" | "client_secret_post") => {}
        _ => {
            return Err(RegistrationError::invalid_client_metadata(
                "token_endpoint_auth_method must be none, client_secret_basic or client_secret_post",
            ));
        }
    }
    for key in [
        "client_uri",
        "logo_uri",
        "tos_uri",
        "policy_uri",
        "jwks_uri",
    ] {
        if let Some(value) = fields.get(key) {
            if !value.as_str().is_some_and(is_absolute_url) {
                return Err(RegistrationError::invalid_client_metadata(format!(
                    "{key} must be an absolute URL"
                )));
            }
        }
    }
    if fields.get("scope").is_some_and(|s| !s.is_string()) {
        return Err(RegistrationError::invalid_client_metadata(
            "scope must be a space-separated string",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_filled_in_and_unknown_fields_kept() {
        let fields =
            accept(br#"{"redirect_uris":["https://a.test/cb"],"client_name#fr":"Nom","x_ext":1}"#)
                .expect("valid");
        assert_eq!(fields["grant_types"], json!(["authorization_code"]));
        assert_eq!(fields["response_types"], json!(["code"]));
        assert_eq!(fields["client_name#fr"], "Nom");
        assert_eq!(fields["x_ext"], 1);
    }

    #[test]
    fn inconsistent_metadata_is_refused() {
        for body in [
            r#"{"grant_types":["client_credentials"]}"#,
            r#"{"grant_types":["implicit"],"response_types":["token"],"redirect_uris":["/cb"]}"#,
            r#"{"grant_types":["client_credentials"],"response_types":[],"jwks":{},"jwks_uri":"https://a.test/j"}"#,
            r#"{"grant_types":["client_credentials"],"response_types":[],"token_endpoint_auth_method":"magic"}"#,
            r#"{"grant_types":["client_credentials"],"response_types":[],"scope":["a"]}"#,
            r#"[]"#,
        ] {
            assert!(accept(body.as_bytes()).is_err(), "{body}");
        }
    }
}
