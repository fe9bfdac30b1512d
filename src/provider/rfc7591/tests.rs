use super::*;
use crate::provider::test_support::{body_json, rejected_field, resp, vendor_examples};
use crate::provider::{Call, DynKind};
use serde_json::json;

const ENDPOINT: &str = "https://server.example.com/register";
const URI: &str = "https://server.example.com/register/s6BhdRkqt3";

fn api() -> Rfc7591 {
    Rfc7591::new(None, Some(ENDPOINT), false).unwrap()
}

fn registration(token: &str) -> Registration {
    Registration {
        client_id: "s6BhdRkqt3".into(),
        registration_client_uri: URI.into(),
        registration_access_token: Secret::new(token),
    }
}

/// The kind bound to a call on the example client, as the client binds it.
fn bound(token: &str) -> Rfc7591 {
    let call = Call {
        id: Some("s6BhdRkqt3".into()),
        registration: Some(registration(token)),
        ..Call::default()
    };
    api().bind_call(&call).unwrap().into_owned()
}

fn information(extra: Value) -> Value {
    let mut body = json!({
        "registration_access_token": "reg-23410913-abewfq.123483",
        "registration_client_uri": URI,
        "client_id": "s6BhdRkqt3",
        "client_secret": "cf136dc3c1fc93f31185e5885805d",
        "client_id_issued_at": 2893256800u64,
        "client_secret_expires_at": 0,
        "client_name": "My Example Client",
        "client_name#ja-Jpan-JP": "クライアント名",
        "redirect_uris": ["https://client.example.org/callback"],
        "grant_types": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_method": "client_secret_basic",
        "scope": "openid email",
    });
    if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
        body.extend(extra);
    }
    body
}

/// Every example body the RFCs publish, by file name, where the reference folder exists.
fn examples() -> Vec<(String, String)> {
    let Some(dir) = vendor_examples("rfc7591") else {
        return Vec::new();
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn the_rfc_request_example_is_sent_as_written() {
    for (name, text) in examples()
        .into_iter()
        .filter(|(n, _)| n.ends_with("registration.request.json"))
    {
        let wire: Value = serde_json::from_str(&text).unwrap();
        // The same metadata as a caller writes it: camelCase, the tagged name and the
        // extension under their wire names.
        let input = json!({
            "redirectUris": wire["redirect_uris"],
            "clientName": wire["client_name"],
            "clientName#ja-Jpan-JP": wire["client_name#ja-Jpan-JP"],
            "tokenEndpointAuthMethod": wire["token_endpoint_auth_method"],
            "logoUri": wire["logo_uri"],
            "jwksUri": wire["jwks_uri"],
            "example_extension_parameter": wire["example_extension_parameter"],
        });
        let req = api().create(input).unwrap();
        assert_eq!(req.method, Method::Post, "{name}");
        assert_eq!(req.url, ENDPOINT);
        assert!(
            !req.own_credentials,
            "register carries the initial access token"
        );
        assert_eq!(body_json(&req), wire, "{name}");
    }
}

#[test]
fn the_rfc_response_examples_read_without_losing_anything() {
    for (name, text) in examples()
        .into_iter()
        .filter(|(n, _)| n.ends_with("client_information.response.json"))
    {
        let created = api().parse_created(&resp(201, text.clone())).unwrap();
        let wire: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(created.client.view.client_id, "s6BhdRkqt3", "{name}");
        assert_eq!(
            created.secret.as_ref().map(Secret::expose),
            wire["client_secret"].as_str(),
            "{name}"
        );
        assert_eq!(
            created.client.view.record.extra["client_name#ja-Jpan-JP"],
            wire["client_name#ja-Jpan-JP"],
            "{name}: language-tagged names are kept"
        );
        assert_eq!(
            created.client.view.created_at.as_deref(),
            Some("2061-09-06T18:26:40.000Z"),
            "{name}"
        );
        assert_eq!(
            created.client.view.grant_types,
            ["authorization_code", "refresh_token"]
        );
        let text = crate::json::to_text(&created.client);
        assert!(
            !text.contains("cf136dc3c1fc93f31185e5885805d") && !text.contains("reg-2341"),
            "{name}: the record keeps neither secret nor token: {text}"
        );
        let with_registration = wire.get("registration_access_token").is_some();
        assert_eq!(created.registration.is_some(), with_registration, "{name}");
    }
}

#[test]
fn the_rfc_error_examples_are_validation_errors_with_their_codes() {
    for (name, text) in examples()
        .into_iter()
        .filter(|(n, _)| n.contains("_error."))
    {
        let err = api().parse_created(&resp(400, text.clone())).unwrap_err();
        let wire: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(err.kind, ErrorKind::Validation, "{name}");
        assert_eq!(err.code.as_deref(), wire["error"].as_str(), "{name}");
        assert_eq!(
            Some(err.message.as_str()),
            wire["error_description"].as_str()
        );
    }
}

#[test]
fn create_sends_camel_case_metadata_in_snake_case() {
    let req = api()
        .create(json!({
            "clientName": "Backend",
            "grantTypes": ["client_credentials"],
            "responseTypes": [],
            "scope": ["openid", "email"],
            "contacts": ["ops@example.com"],
            "jwks": {"keys": []},
            "softwareId": "4NRB1-0XZABZI9E6-5SM3R",
            "clientName#fr": "Arrière-boutique",
            "client_uri#fr": "https://example.com/fr",
            "x_vendor_option": 3,
        }))
        .unwrap();
    assert_eq!(
        body_json(&req),
        json!({
            "client_name": "Backend",
            "grant_types": ["client_credentials"],
            "response_types": [],
            "scope": "openid email",
            "contacts": ["ops@example.com"],
            "jwks": {"keys": []},
            "software_id": "4NRB1-0XZABZI9E6-5SM3R",
            "client_name#fr": "Arrière-boutique",
            "client_uri#fr": "https://example.com/fr",
            "x_vendor_option": 3,
        })
    );
}

#[test]
fn inconsistent_metadata_is_refused_before_sending() {
    let cases = [
        (
            json!({"jwks": {"keys": []}, "jwksUri": "https://a.test/jwks"}),
            "jwks",
        ),
        (json!({"grantTypes": ["client_credentials"]}), "grantTypes"),
        (
            json!({"grantTypes": ["authorization_code"], "responseTypes": ["token"]}),
            "responseTypes",
        ),
        (
            json!({"grantTypes": ["implicit"], "responseTypes": ["code"]}),
            "grantTypes",
        ),
        (json!({"responseTypes": ["code", "token"]}), "grantTypes"),
        (
            json!({"grantTypes": ["client_credentials"], "responseTypes": [], "tokenEndpointAuthMethod": "none"}),
            "tokenEndpointAuthMethod",
        ),
        (json!({"redirectUris": ["/callback"]}), "redirectUris"),
        (json!({"logoUri": "logo.png"}), "logoUri"),
        (json!({"redirectUri": ["https://a.test/cb"]}), "redirectUri"),
        (json!({"clientName": 3}), "clientName"),
    ];
    for (input, field) in cases {
        let err = api().create(input.clone()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{input}");
        assert_eq!(
            rejected_field(&err),
            Some(field),
            "{input}: {}",
            err.message
        );
    }
    assert!(api()
        .create(json!({"grantTypes": ["authorization_code", "implicit"], "responseTypes": ["code", "token"]}))
        .is_ok());
}

#[test]
fn the_secret_expiry_is_a_time_unless_it_is_never() {
    let read = |expires: i64| {
        let body = information(json!({"client_secret_expires_at": expires}));
        bound("rat-1")
            .parse_record(&resp(200, body.to_string()))
            .unwrap()
    };
    let expiring = read(2893276800);
    assert_eq!(
        expiring.secret_expires_at.as_deref(),
        Some("2061-09-07T00:00:00.000Z")
    );
    let written: Value = serde_json::from_str(&crate::json::to_text(&expiring)).unwrap();
    assert_eq!(written["secretExpiresAt"], "2061-09-07T00:00:00.000Z");
    assert_eq!(written["createdAt"], "2061-09-06T18:26:40.000Z");
    assert_eq!(written["record"]["clientSecretExpiresAt"], 2893276800u64);
    let never = read(0);
    assert_eq!(never.secret_expires_at, None, "0 means never");
    let written: Value = serde_json::from_str(&crate::json::to_text(&never)).unwrap();
    assert!(written.get("secretExpiresAt").is_none());
    assert_eq!(written["record"]["clientSecretExpiresAt"], 0);
}

#[test]
fn a_public_client_gets_no_secret_and_is_not_confidential() {
    let created = api()
        .parse_created(&resp(
            201,
            json!({"client_id": "pub", "token_endpoint_auth_method": "none", "registration_access_token": "t", "registration_client_uri": "https://server.example.com/register/pub"}).to_string(),
        ))
        .unwrap();
    assert_eq!(created.secret, None);
    assert_eq!(created.client.view.confidential, Some(false));
    let registration = created.registration.unwrap();
    assert_eq!(registration.registration_access_token.expose(), "t");
}

#[test]
fn reads_go_to_the_registration_uri_with_its_own_token() {
    let req = bound("rat-1").get("s6BhdRkqt3").unwrap();
    assert_eq!((req.method, req.url.as_str()), (Method::Get, URI));
    assert_eq!(req.header_value("authorization"), Some("Bearer rat-1"));
    assert!(req.own_credentials, "not the initial access token");
    let del = bound("rat-1").delete("s6BhdRkqt3").unwrap();
    assert_eq!((del.method, del.url.as_str()), (Method::Delete, URI));
}

#[test]
fn a_stored_uri_on_another_origin_never_gets_the_token() {
    let call = Call {
        registration: Some(Registration {
            registration_client_uri: "https://evil.example.com/register/x".into(),
            ..registration("rat-1")
        }),
        ..Call::default()
    };
    let kind = api().bind_call(&call).unwrap().into_owned();
    let err = kind.get("x").unwrap_err();
    assert!(
        err.message.contains("https://server.example.com"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("rat-1"));
    // Nor does a response that points elsewhere become the stored registration.
    let moved = information(json!({"registration_client_uri": "https://evil.example.com/r"}));
    assert!(registration_in(&bound("rat-1"), &resp(200, moved.to_string())).is_err());
}

#[test]
fn update_reads_then_puts_the_whole_document_with_the_rotated_token() {
    let kind = bound("rat-1");
    let changes =
        json!({"clientName": "My New Example", "redirectUris": ["https://client.example.org/alt"]});
    let Some(read) = kind.update_lookup("s6BhdRkqt3", &changes).unwrap() else {
        panic!("an update reads first");
    };
    assert_eq!(read.header_value("authorization"), Some("Bearer rat-1"));
    let current = information(json!({"registration_access_token": "rat-2", "x_vendor": true}));
    let put = kind
        .update_with("s6BhdRkqt3", changes, &resp(200, current.to_string()))
        .unwrap();
    assert_eq!((put.method, put.url.as_str()), (Method::Put, URI));
    assert_eq!(
        put.header_value("authorization"),
        Some("Bearer rat-2"),
        "the token the read returned"
    );
    let body = body_json(&put);
    assert_eq!(
        body,
        json!({
            "client_id": "s6BhdRkqt3",
            "client_name": "My New Example",
            "client_name#ja-Jpan-JP": "クライアント名",
            "redirect_uris": ["https://client.example.org/alt"],
            "grant_types": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_method": "client_secret_basic",
            "scope": "openid email",
            "x_vendor": true,
        }),
        "RFC 7592 §2.2: no registration fields, no issued-at or expiry, no secret"
    );
    for (name, text) in examples()
        .into_iter()
        .filter(|(n, _)| n.ends_with("update.request.json"))
    {
        let wire: Value = serde_json::from_str(&text).unwrap();
        for key in REGISTRATION_FIELDS.iter().chain(&SERVER_ISSUED) {
            assert!(wire.get(key).is_none(), "{name} carries no {key}");
        }
    }
}

#[test]
fn update_checks_the_changes_before_reading() {
    let err = bound("rat-1")
        .update_lookup("s6BhdRkqt3", &json!({"logoUri": "nope"}))
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("logoUri"));
    // And the merged document after: a change that clashes with what is registered.
    let err = bound("rat-1")
        .update_with(
            "s6BhdRkqt3",
            json!({"jwks": {"keys": []}}),
            &resp(
                200,
                information(json!({"jwks_uri": "https://c.test/jwks"})).to_string(),
            ),
        )
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("jwks"));
}

#[test]
fn a_refused_registration_token_says_so() {
    let refused = HttpResponse {
        status: 401,
        headers: vec![(
            "www-authenticate".into(),
            r#"Bearer realm="x", error="invalid_token""#.into(),
        )],
        body: json!({"error": "invalid_token", "error_description": "invalid token provided"})
            .to_string(),
    };
    let err = bound("rat-1").parse_record(&refused).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Authentication);
    assert!(
        err.message
            .contains("registration access token is no longer valid"),
        "{}",
        err.message
    );
    let err = bound("rat-1").parse_deleted(&refused).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Authentication);
    let err = api().parse_created(&resp(401, "{}")).unwrap_err();
    assert!(
        err.message.contains("initial access token"),
        "{}",
        err.message
    );
    // An unknown client is a 401 on this standard; only a server's own 404 is NotFound.
    let err = bound("rat-1")
        .parse_record(&resp(404, r#"{"error":"not_found"}"#))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[test]
fn the_registration_comes_from_the_response_or_the_store() {
    let kind = bound("rat-1");
    let fresh = registration_in(&kind, &resp(200, information(json!({})).to_string()))
        .unwrap()
        .unwrap();
    assert_eq!(
        fresh.registration_access_token.expose(),
        "reg-23410913-abewfq.123483"
    );
    let without_uri = json!({"client_id": "s6BhdRkqt3", "registration_access_token": "rat-2"});
    let kept = registration_in(&kind, &resp(200, without_uri.to_string()))
        .unwrap()
        .unwrap();
    assert_eq!(kept.registration_client_uri, URI);
    assert_eq!(kept.registration_access_token.expose(), "rat-2");
    let none = registration_in(&kind, &resp(200, r#"{"client_id":"s6BhdRkqt3"}"#)).unwrap();
    assert_eq!(
        none, None,
        "a response without a token keeps the stored one"
    );
    assert_eq!(registration_in(&kind, &resp(401, "{}")).unwrap(), None);
    assert!(
        !format!("{fresh:?}").contains("reg-2341"),
        "Debug never shows the token"
    );
}

#[test]
fn options_name_the_server() {
    assert!(Rfc7591::new(Some("https://server.example.com"), None, false).is_ok());
    let both = Rfc7591::new(
        Some("https://server.example.com/realms/a"),
        Some("https://server.example.com/realms/a/reg"),
        false,
    )
    .unwrap();
    assert_eq!(
        Kind::discovers(&both, Op::Create),
        None,
        "the endpoint spares the discovery"
    );
    for (issuer, endpoint, field) in [
        (None, None, "issuer"),
        (
            Some("https://a.test"),
            Some("https://b.test/reg"),
            "registrationEndpoint",
        ),
        (Some("http://server.example.com"), None, "issuer"),
        (
            None,
            Some("https://u:p@server.example.com/reg"),
            "registrationEndpoint",
        ),
    ] {
        let err = Rfc7591::new(issuer, endpoint, false).unwrap_err();
        assert_eq!(rejected_field(&err), Some(field), "{issuer:?} {endpoint:?}");
    }
    assert!(Rfc7591::new(Some("http://keycloak.internal"), None, true).is_ok());
}

#[test]
fn base_url_is_the_issuer() {
    let resolve = |extra: Value| {
        let mut options = json!({"provider": "rfc7591"});
        if let (Value::Object(o), Value::Object(extra)) = (&mut options, extra) {
            o.extend(extra);
        }
        crate::config::resolve(options)
    };
    assert!(resolve(json!({"baseUrl": "https://server.example.com"})).is_ok());
    assert!(resolve(json!({"issuer": "https://server.example.com"})).is_ok());
    let err =
        resolve(json!({"issuer": "https://a.test", "baseUrl": "https://a.test"})).unwrap_err();
    assert_eq!(rejected_field(&err), Some("baseUrl"));
    let err = resolve(json!({"issuer": "https://a.test", "auth": {"email": "e", "apiKey": "k"}}))
        .unwrap_err();
    assert_eq!(rejected_field(&err), Some("auth"));
}

#[test]
fn discovery_is_asked_for_only_to_register_without_an_endpoint() {
    let by_issuer = Rfc7591::new(Some("https://server.example.com"), None, false).unwrap();
    assert_eq!(
        Kind::discovers(&by_issuer, Op::Create),
        Some("https://server.example.com")
    );
    assert_eq!(Kind::discovers(&by_issuer, Op::Get), None);
    assert_eq!(Kind::discovers(&api(), Op::Create), None);
    // Metadata without a registration endpoint: the server does not offer registration.
    let call = Call {
        metadata: Some(Rc::new(ServerMetadata {
            issuer: "https://server.example.com".into(),
            registration_endpoint: None,
        })),
        ..Call::default()
    };
    let kind: &dyn DynKind = &by_issuer;
    let err = kind
        .build(
            Op::Create,
            &Call {
                input: Some(json!({})),
                ..call
            },
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unsupported);
    assert!(
        err.message.contains("registration_endpoint"),
        "{}",
        err.message
    );
}

#[test]
fn rotate_secret_is_unsupported() {
    let err = crate::provider::test_support::unsupported(&api(), Op::RotateSecret);
    assert_eq!(err.kind, ErrorKind::Unsupported);
}
