//! The scope catalogue and the three clients of the seeded account.

use serde::Serialize;

use super::client::{OAuthClient, UriVerification, VERIFIED};
use crate::clock;

#[derive(Debug, Serialize)]
pub struct Scope {
    pub id: &'static str,
    pub name: &'static str,
    pub category: &'static str,
}

pub const SCOPES: &[Scope] = &[
    Scope {
        id: "account.read",
        name: "Account Read",
        category: "Account",
    },
    Scope {
        id: "dns.read",
        name: "DNS Read",
        category: "DNS",
    },
    Scope {
        id: "dns.write",
        name: "DNS Write",
        category: "DNS",
    },
    Scope {
        id: "workers-platform.read",
        name: "Workers Platform Read",
        category: "Workers",
    },
    Scope {
        id: "workers-platform.write",
        name: "Workers Platform Write",
        category: "Workers",
    },
    Scope {
        id: "zone.read",
        name: "Zone Read",
        category: "Zones",
    },
];

/// 2025-01-01T00:00:00Z: seeds sit in the past so clients created during a
/// test always sort after them.
const SEED_EPOCH_MS: i64 = 1_735_689_600_000;
const DAY_MS: i64 = 86_400_000;

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

pub fn clients() -> Vec<OAuthClient> {
    let mut deployer = OAuthClient::blank(
        "cf000000000000000000000000000001".into(),
        "cf-seed-secret-1".into(),
        &clock::rfc3339(SEED_EPOCH_MS),
    );
    deployer.client_name = "Workers CI Deployer".into();
    deployer.redirect_uris = strings(&["https://ci.example.com/oauth/callback"]);
    deployer.grant_types = strings(&["authorization_code", "refresh_token"]);
    deployer.response_types = strings(&["code"]);
    deployer.scopes = strings(&[
        "workers-platform.read",
        "workers-platform.write",
        "offline_access",
    ]);
    deployer.token_endpoint_auth_method = "client_secret_basic".into();
    deployer.previous_secret = Some("cf-seed-secret-1-old".into());

    let mut dashboard = OAuthClient::blank(
        "cf000000000000000000000000000002".into(),
        "cf-seed-secret-2".into(),
        &clock::rfc3339(SEED_EPOCH_MS + DAY_MS),
    );
    dashboard.client_name = "Support Dashboard".into();
    dashboard.redirect_uris = strings(&[
        "http://localhost:5173/callback",
        "https://support.example.com/callback",
    ]);
    dashboard.post_logout_redirect_uris = strings(&["https://support.example.com/"]);
    dashboard.allowed_cors_origins = strings(&["https://support.example.com"]);
    dashboard.grant_types = strings(&["authorization_code"]);
    dashboard.response_types = strings(&["code"]);
    dashboard.scopes = strings(&["openid", "profile", "email", "zone.read", "dns.read"]);
    dashboard.optional_scopes = strings(&["dns.read"]);
    dashboard.token_endpoint_auth_method = "none".into();

    // Verified client URI and a logo: everything a PATCH visibility=public needs.
    let mut partner = OAuthClient::blank(
        "cf000000000000000000000000000003".into(),
        "cf-seed-secret-3".into(),
        &clock::rfc3339(SEED_EPOCH_MS + 2 * DAY_MS),
    );
    partner.client_name = "Partner Analytics".into();
    partner.client_uri = Some("https://partner.example.com".into());
    partner.client_uri_verification = Some(UriVerification {
        status: VERIFIED,
        text: "cloudflare-oauth-verification=cf000000000000000000000000000003".into(),
    });
    partner.logo_uri = Some("https://partner.example.com/logo.png".into());
    partner.policy_uri = Some("https://partner.example.com/privacy".into());
    partner.tos_uri = Some("https://partner.example.com/terms".into());
    partner.redirect_uris = strings(&["https://partner.example.com/oauth/callback"]);
    partner.grant_types = strings(&["authorization_code", "refresh_token"]);
    partner.response_types = strings(&["code"]);
    partner.scopes = strings(&["account.read", "zone.read", "offline_access"]);
    partner.token_endpoint_auth_method = "client_secret_post".into();

    vec![deployer, dashboard, partner]
}
