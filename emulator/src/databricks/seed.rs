//! The seeded account: custom apps, the published app catalogue, two
//! service principals with secrets, and federation policies. Half the int64
//! ids are above 2^53, where a JavaScript number would round them.

use serde_json::json;

use super::records::{CustomApp, Policy, PublishedApp, PublishedIntegration, SpSecret};

pub const ACCOUNT_ID: &str = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
/// 2^53 + 1: the first integer a JS number cannot hold.
pub const ABOVE_2_53: u64 = 9_007_199_254_740_993;
/// A service principal with four secrets (one more can be created).
pub const SP_SMALL: u64 = 1001;
/// A service principal whose id is above 2^53.
pub const SP_BIG: u64 = ABOVE_2_53;
const ADMIN: u64 = 4_611_686_018_427_387_904;

const NAMES: [&str; 12] = [
    "Tableau Bridge",
    "Looker Sync",
    "Reporting Portal",
    "Airflow Scheduler",
    "dbt Runner",
    "Sales Dashboard",
    "Data Catalog",
    "Notebook Exporter",
    "Cost Monitor",
    "Alerting Hook",
    "ML Gateway",
    "Partner Feed",
];

pub fn custom_apps() -> Vec<CustomApp> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let n = i as u64 + 1;
            let confidential = i % 3 != 2;
            CustomApp {
                integration_id: format!("c0ffee00-0000-4000-8000-{n:012}"),
                client_id: format!("d0000000-0000-4000-8000-{n:012}"),
                name: (*name).to_owned(),
                confidential,
                redirect_urls: vec![format!("https://app{n}.example.com/callback")],
                scopes: vec!["all-apis".into(), "offline_access".into()],
                user_authorized_scopes: vec!["all-apis".into()],
                token_access_policy: (i % 2 == 0).then(|| {
                    json!({"access_token_ttl_in_minutes": 60, "refresh_token_ttl_in_minutes": 10080})
                }),
                is_agent: false,
                principal_id: if i % 2 == 0 { ABOVE_2_53 + n } else { 2000 + n },
                created_by: ADMIN + n,
                creator_username: "admin@example.com".into(),
                create_time: format!("2025-01-{:02}T09:00:00Z", i + 1),
            }
        })
        .collect()
}

pub const PUBLISHED_APPS: &[PublishedApp] = &[
    PublishedApp {
        app_id: "power-bi",
        name: "Power BI",
        description: "Microsoft Power BI Desktop and Service",
        client_id: "power-bi",
        redirect_urls: &["https://oauth.powerbi.com/views/oauthredirect.html"],
        scopes: &["all-apis", "offline_access"],
    },
    PublishedApp {
        app_id: "tableau-deskop",
        name: "Tableau Desktop",
        description: "Tableau Desktop and Tableau Server",
        client_id: "tableau-deskop",
        redirect_urls: &["http://localhost:55555/Callback"],
        scopes: &["sql", "offline_access"],
    },
    PublishedApp {
        app_id: "databricks-cli",
        name: "Databricks CLI",
        description: "The Databricks command-line interface",
        client_id: "databricks-cli",
        redirect_urls: &["http://localhost:8020"],
        scopes: &["all-apis", "offline_access"],
    },
    PublishedApp {
        app_id: "databricks-dbt-adapter",
        name: "dbt adapter",
        description: "dbt-databricks",
        client_id: "databricks-dbt-adapter",
        redirect_urls: &["http://localhost:8020"],
        scopes: &["all-apis", "offline_access"],
    },
];

pub fn published_integrations() -> Vec<PublishedIntegration> {
    ["power-bi", "tableau-deskop"]
        .iter()
        .enumerate()
        .map(|(i, app)| PublishedIntegration {
            integration_id: format!("9b000000-0000-4000-8000-{:012}", i + 1),
            app_id: (*app).to_owned(),
            name: PUBLISHED_APPS
                .iter()
                .find(|p| p.app_id == *app)
                .map_or("", |p| p.name)
                .to_owned(),
            token_access_policy: Some(json!({"access_token_ttl_in_minutes": 60})),
            created_by: ADMIN,
            create_time: "2025-02-01T00:00:00Z".into(),
        })
        .collect()
}

pub fn secrets() -> Vec<SpSecret> {
    (1..=4)
        .map(|n| SpSecret {
            service_principal_id: SP_SMALL,
            id: format!("5ec0000{n}"),
            secret_hash: format!("hash{n:04}"),
            scopes: vec!["all-apis".into()],
            create_time: format!("2025-03-0{n}T00:00:00Z"),
            expire_time: Some(format!("2027-03-0{n}T00:00:00Z")),
        })
        .chain(std::iter::once(SpSecret {
            service_principal_id: SP_BIG,
            id: "5ec00099".into(),
            secret_hash: "hash0099".into(),
            scopes: Vec::new(),
            create_time: "2025-03-09T00:00:00Z".into(),
            expire_time: None,
        }))
        .collect()
}

fn policy(sp: Option<u64>, policy_id: &str, issuer: &str, n: u64) -> Policy {
    let name = match sp {
        Some(sp) => {
            format!("accounts/{ACCOUNT_ID}/servicePrincipals/{sp}/federationPolicies/{policy_id}")
        }
        None => format!("accounts/{ACCOUNT_ID}/federationPolicies/{policy_id}"),
    };
    Policy {
        service_principal_id: sp,
        policy_id: policy_id.to_owned(),
        name,
        uid: format!("a1000000-0000-4000-8000-{n:012}"),
        description: Some(format!("Trust {issuer}")),
        oidc_policy: Some(json!({
            "issuer": issuer,
            "audiences": [ACCOUNT_ID],
            "subject_claim": "sub",
        })),
        create_time: "2025-04-01T00:00:00Z".into(),
        update_time: "2025-04-01T00:00:00Z".into(),
    }
}

pub fn policies() -> Vec<Policy> {
    vec![
        policy(
            None,
            "github-actions",
            "https://token.actions.githubusercontent.com",
            1,
        ),
        policy(
            None,
            "azure-devops",
            "https://vstoken.dev.azure.com/acme",
            2,
        ),
        policy(None, "okta", "https://acme.okta.com/oauth2/default", 3),
        policy(Some(SP_SMALL), "ci-deployer", "https://gitlab.com", 4),
        policy(
            Some(SP_BIG),
            "big-sp",
            "https://token.actions.githubusercontent.com",
            5,
        ),
    ]
}
