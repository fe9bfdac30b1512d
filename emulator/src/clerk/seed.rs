//! 23 applications: more than two default pages (limit 10), with names whose
//! alphabetical order differs from their creation order.

use super::application::OAuthApplication;

const NAMES: [&str; 23] = [
    "Zephyr Mobile",
    "Acme Portal",
    "Billing Dashboard",
    "Orion CLI",
    "Support Desk",
    "Nimbus Analytics",
    "Keystone Admin",
    "Harbor Docs",
    "Quartz Reports",
    "Echo Chat",
    "Falcon Deploy",
    "Granite CRM",
    "Juniper Notes",
    "Lumen Search",
    "Maple Payroll",
    "Delta Sync",
    "Ivy Forms",
    "Pioneer Maps",
    "Raven Alerts",
    "Summit Learning",
    "Tidal Storage",
    "Umbra Security",
    "Vertex Calendar",
];

/// 2025-01-01T00:00:00Z, one hour apart; in the past so new apps sort last.
const SEED_EPOCH_MS: i64 = 1_735_689_600_000;
const HOUR_MS: i64 = 3_600_000;

pub fn applications() -> Vec<OAuthApplication> {
    NAMES
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let n = index + 1;
            let slug = name.to_lowercase().replace(' ', "-");
            let mut app = OAuthApplication::new(
                format!("oauth_app_seed{n:02}"),
                format!("seed_client_{n:02}"),
                format!("clerk-seed-secret-{n:02}"),
                SEED_EPOCH_MS + HOUR_MS * index as i64,
            );
            app.name = (*name).to_owned();
            app.set_redirect_uris(vec![format!("https://{slug}.example.com/oauth/callback")]);
            app.public = n % 4 == 0;
            app.pkce_required = app.public || n % 3 == 0;
            if n % 5 == 0 {
                app.scopes = "profile email public_metadata".into();
                app.client_uri = Some(format!("https://{slug}.example.com"));
            }
            app
        })
        .collect()
}
