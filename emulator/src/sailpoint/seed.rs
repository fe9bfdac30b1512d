//! Twelve API clients whose `lastUsed` is spread over the last year, four of
//! them never used, so the stale filters (`lastUsed le`, `lastUsed isnull`)
//! have something to find. Times are relative to the moment of seeding.

use super::client::ApiClient;
use crate::clock;

/// Name, days since last use (`None`: never used), grant types.
const CLIENTS: [(&str, Option<i64>, &[&str]); 12] = [
    ("Identity Sync", Some(0), &["CLIENT_CREDENTIALS"]),
    ("HR Connector", Some(3), &["CLIENT_CREDENTIALS"]),
    (
        "Access Review Portal",
        Some(12),
        &["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
    ),
    ("Legacy Provisioning", None, &["CLIENT_CREDENTIALS"]),
    ("Audit Exporter", Some(45), &["CLIENT_CREDENTIALS"]),
    ("Ticketing Bridge", Some(90), &["CLIENT_CREDENTIALS"]),
    ("Role Miner", None, &["CLIENT_CREDENTIALS"]),
    (
        "Certification Bot",
        Some(150),
        &["CLIENT_CREDENTIALS", "REFRESH_TOKEN"],
    ),
    ("Old SIEM Feed", Some(210), &["CLIENT_CREDENTIALS"]),
    ("Self-Service App", None, &["AUTHORIZATION_CODE"]),
    ("Quarterly Report", Some(300), &["CLIENT_CREDENTIALS"]),
    ("Pilot Integration", None, &["CLIENT_CREDENTIALS"]),
];

const DAY_MS: i64 = 86_400_000;

/// `5a11` and the client's number, 32 hex characters like real ids.
pub fn id(n: usize) -> String {
    format!("5a11{n:028}")
}

pub fn clients() -> Vec<ApiClient> {
    let now = clock::now_ms();
    CLIENTS
        .iter()
        .enumerate()
        .map(|(index, (name, days_ago, grants))| {
            let n = index + 1;
            // Created before any use, a year and a bit ago.
            let created = now - DAY_MS * (400 - index as i64);
            let code = grants.contains(&"AUTHORIZATION_CODE");
            ApiClient {
                id: id(n),
                secret: format!("sailpoint-seed-secret-{n:02}"),
                business_name: (n % 3 == 0).then(|| "Acme Corp".to_owned()),
                homepage_url: code.then(|| format!("https://app{n}.example.com")),
                name: (*name).to_owned(),
                description: Some(format!("Seeded API client {n}: {name}")),
                access_token_validity_seconds: 750,
                refresh_token_validity_seconds: 86_400,
                redirect_uris: code.then(|| vec![format!("https://app{n}.example.com/callback")]),
                grant_types: grants.iter().map(|g| (*g).to_owned()).collect(),
                access_type: "OFFLINE".into(),
                client_type: "CONFIDENTIAL".into(),
                internal: false,
                enabled: n != 12,
                strong_auth_supported: false,
                claims_supported: false,
                created: clock::rfc3339(created),
                modified: clock::rfc3339(created + DAY_MS),
                scope: Some(vec!["sp:scopes:all".into()]),
                metadata: None,
                last_used: days_ago.map(|days| now - DAY_MS * days - 3_600_000),
            }
        })
        .collect()
}
