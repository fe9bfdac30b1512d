//! 25 OAuth clients: enough for several pages at the SDK's default limit of
//! 20 and for `limit=1` iteration tests, with names whose alphabetical order
//! differs from their creation order.

use super::client::{OAuthClient, TOKEN_EXPIRY_SECONDS};

const NAMES: [&str; 25] = [
    "Snowflake Sync",
    "Airflow Lineage",
    "Tableau Publisher",
    "dbt Cloud Export",
    "Glossary Bot",
    "Quality Monitor",
    "Looker Connector",
    "Databricks Crawler",
    "Slack Notifier",
    "Jira Linker",
    "Kafka Topics Scanner",
    "BigQuery Miner",
    "Redshift Profiler",
    "Power BI Bridge",
    "Fivetran Hooks",
    "Monte Carlo Alerts",
    "Census Reverse ETL",
    "Hex Notebooks",
    "Mode Analytics",
    "Sigma Workbooks",
    "Postgres Inventory",
    "Oracle Harvester",
    "Metabase Cards",
    "ThoughtSpot Search",
    "Excel Importer",
];

const ROLES: [&str; 4] = ["$admin", "$member", "$guest", "$admin_connections"];

/// 2025-01-01T00:00:00Z, one day apart; in the past so new clients sort last.
const SEED_EPOCH_MS: i64 = 1_735_689_600_000;
const DAY_MS: i64 = 86_400_000;

pub fn clients() -> Vec<OAuthClient> {
    NAMES
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let n = index + 1;
            let created_at = SEED_EPOCH_MS + DAY_MS * index as i64;
            OAuthClient {
                id: format!("5eed0000-0000-4000-8000-0000000000{n:02}"),
                client_id: format!("oauth-client-5eedc11e-0000-4000-8000-0000000000{n:02}"),
                display_name: (*name).to_owned(),
                description: format!("Seeded client {n} for the {name} integration"),
                role: ROLES[index % ROLES.len()].to_owned(),
                persona_qns: if n % 3 == 0 {
                    vec![format!("default/persona/seed-persona-{n:02}")]
                } else {
                    Vec::new()
                },
                token_expiry_seconds: TOKEN_EXPIRY_SECONDS,
                created_at,
                updated_at: created_at + DAY_MS / 2,
                created_by: "admin".into(),
                updated_by: "admin".into(),
                secret: format!("atlan-seed-secret-{n:02}"),
            }
        })
        .collect()
}
