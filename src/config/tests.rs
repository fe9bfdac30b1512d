use super::*;
use crate::auth::{Credentials, TokenStyle};
use serde_json::json;

const ACCOUNT: &str = "0123456789abcdef0123456789abcdef";
const TENANT: &str = "https://acme.atlan.com";
const SECRET: &str = "sk_live_do_not_print";

/// The field a validation error names first.
fn rejected_field(err: &Error) -> Option<&str> {
    err.details.first().and_then(|d| d.field.as_deref())
}

/// `resolve`'s error for `options`, checked to be a validation error that echoes no secret.
fn rejected(options: Value) -> Error {
    let err = resolve(options.clone()).expect_err(&options.to_string());
    assert_eq!(err.kind, ErrorKind::Validation, "{options}: {err}");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains("do_not_print"), "{shown}");
    }
    err
}

fn cloudflare(auth: Value) -> Value {
    json!({"provider": "cloudflare", "accountId": ACCOUNT, "auth": auth})
}

fn atlan(auth: Value) -> Value {
    json!({"provider": "atlan", "baseUrl": TENANT, "auth": auth})
}

#[test]
fn cloudflare_with_token_or_key() {
    let mut options = cloudflare(json!({"bearer": "t"}));
    options["maxRetries"] = json!(0);
    options["timeoutMs"] = json!(500);
    let ok = resolve(options).unwrap();
    assert_eq!((ok.policy.max_retries, ok.timeout_ms), (0, 500));
    assert_eq!(ok.provider.info.provider, "cloudflare");
    assert_eq!(
        ok.connection.credentials,
        Credentials::Bearer(Secret::new("t"))
    );
    let names: Vec<&str> = ok
        .connection
        .kinds
        .iter()
        .map(|k| k.describe().name)
        .collect();
    assert_eq!(names, ["clients", "scopes"]);

    let key = resolve(cloudflare(json!({"email": "a@b.c", "apiKey": "k"}))).unwrap();
    assert!(matches!(
        key.connection.credentials,
        Credentials::CloudflareApiKey { .. }
    ));
    assert!(!format!("{key:?}").contains("\"k\""));
}

#[test]
fn settings_default_when_not_given() {
    let ok = resolve(cloudflare(json!({"bearer": "t"}))).unwrap();
    assert_eq!(
        (ok.policy.max_retries, ok.timeout_ms),
        (2, DEFAULT_TIMEOUT_MS)
    );
}

#[test]
fn clerk_and_atlan() {
    let clerk = resolve(json!({"provider": "clerk", "auth": {"bearer": "sk_test_x"}})).unwrap();
    assert_eq!(clerk.provider.info.provider, "clerk");
    let err = rejected(json!({"provider": "clerk", "auth": {"bearer": "k"}, "apiVersion": "v2"}));
    assert_eq!(rejected_field(&err), Some("apiVersion"));
    let atlan = resolve(atlan(json!({"bearer": "t"}))).unwrap();
    assert_eq!(atlan.provider.info.provider, "atlan");
    let err = rejected(json!({"provider": "atlan", "auth": {"bearer": "t"}}));
    assert_eq!(
        rejected_field(&err),
        Some("baseUrl"),
        "atlan has no default tenant"
    );
}

#[test]
fn a_token_given_as_auth_is_not_echoed() {
    rejected(json!({"provider": "clerk", "auth": SECRET}));
}

#[test]
fn bad_account_and_empty_token_name_fields() {
    let err =
        rejected(json!({"provider": "cloudflare", "accountId": "x", "auth": {"bearer": "t"}}));
    assert_eq!(rejected_field(&err), Some("accountId"));
    let err = rejected(cloudflare(json!({"bearer": " "})));
    assert_eq!(rejected_field(&err), Some("auth.bearer"));
}

#[test]
fn a_typo_in_an_option_is_rejected_naming_it() {
    let mut options = cloudflare(json!({"bearer": "t"}));
    options["baseURL"] = json!("https://cf.internal.test/client/v4");
    let err = rejected(options);
    assert_eq!(rejected_field(&err), Some("baseURL"));
    assert!(err.message.contains("baseURL"), "{err}");
}

#[test]
fn a_typo_in_auth_is_rejected_naming_it() {
    for options in [
        cloudflare(json!({"bearr": "x"})),
        json!({"provider": "clerk", "auth": {"bearr": "x"}}),
        atlan(json!({"bearr": "x"})),
    ] {
        let err = rejected(options.clone());
        assert_eq!(rejected_field(&err), Some("auth.bearr"), "{options}");
        assert!(err.message.contains("bearr"), "{err}");
    }
}

#[test]
fn an_unknown_provider_is_rejected_without_echoing_it() {
    for provider in [json!(SECRET), json!(5), Value::Null] {
        let err = rejected(json!({"provider": provider, "auth": {"bearer": "t"}}));
        assert_eq!(rejected_field(&err), Some("provider"), "{provider}");
        assert!(err.message.contains("\"cloudflare\""), "{err}");
    }
    let err = rejected(json!({"auth": {"bearer": "t"}}));
    assert_eq!(rejected_field(&err), Some("provider"));
}

#[test]
fn options_must_be_an_object() {
    let err = rejected(json!(SECRET));
    assert_eq!(rejected_field(&err), Some("options"));
}

#[test]
fn atlan_client_credentials_log_in_at_the_tenant() {
    let secret = "atlan-client-secret-do_not_print";
    let ok = resolve(atlan(
        json!({"clientId": "oauth-client-1", "clientSecret": secret}),
    ))
    .unwrap();
    let Credentials::ClientCredentials(login) = &ok.connection.credentials else {
        panic!("not client credentials: {:?}", ok.connection.credentials);
    };
    assert_eq!(
        login.token_url,
        "https://acme.atlan.com/api/service/oauth-clients/token"
    );
    assert_eq!(login.client_id, "oauth-client-1");
    assert_eq!(login.client_secret.expose(), secret);
    assert_eq!(
        (login.scope.as_deref(), login.style),
        (None, TokenStyle::AtlanJson)
    );
    let shown = format!("{ok:?}");
    assert!(!shown.contains(secret), "{shown}");
}

#[test]
fn providers_reject_auth_shapes_they_do_not_take() {
    let client_credentials = json!({"clientId": "c", "clientSecret": SECRET});
    for options in [
        cloudflare(client_credentials.clone()),
        json!({"provider": "clerk", "auth": client_credentials}),
        json!({"provider": "clerk", "auth": {"email": "a@b.c", "apiKey": SECRET}}),
        atlan(json!({"email": "a@b.c", "apiKey": SECRET})),
    ] {
        let err = rejected(options.clone());
        assert_eq!(rejected_field(&err), Some("auth"), "{options}");
    }
}

#[test]
fn auth_must_be_exactly_one_shape() {
    for auth in [
        json!({}),
        json!({"bearer": SECRET, "email": "a@b.c"}),
        json!({"email": "a@b.c"}),
        json!({"clientId": "c"}),
    ] {
        rejected(cloudflare(auth));
    }
}

#[test]
fn options_debug_names_keys_not_values() {
    let options = Options {
        rest: serde_json::json!({"auth": {"bearer": "sk_live_do_not_print"}, "accountId": "a"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        base_url: None,
        allow_http: false,
    };
    let shown = format!("{options:?}");
    assert!(
        shown.contains("auth") && shown.contains("accountId"),
        "{shown}"
    );
    assert!(!shown.contains("do_not_print"), "{shown}");
}

#[test]
fn credentials_that_cannot_be_header_values_are_refused_unquoted() {
    for token in ["tok\nen", "tok en", "tok’en", "tok\u{0}"] {
        let err = resolve(serde_json::json!({"provider": "clerk", "auth": {"bearer": token}}))
            .unwrap_err();
        assert_eq!(
            err.details[0].field.as_deref(),
            Some("auth.bearer"),
            "{token:?}"
        );
        assert!(!err.message.contains("tok"), "{}", err.message);
    }
    let err = resolve(serde_json::json!({
        "provider": "cloudflare", "accountId": "0123456789abcdef0123456789abcdef",
        "auth": {"email": "a@b.c", "apiKey": "k\r\nx-evil: 1"}
    }))
    .unwrap_err();
    assert_eq!(err.details[0].field.as_deref(), Some("auth.apiKey"));
}
