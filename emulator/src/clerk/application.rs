//! The OAuthApplication record and the create/PATCH rules of Clerk's Backend
//! API spec (`bapi/2026-05-12.yml`, schemas `OAuthApplication*`).

use serde::Serialize;

use super::errors::ClerkError;
use crate::body::{Fields, Problem, ProblemKind};
use crate::urls::is_absolute_url;

/// Both bodies are `additionalProperties: false` in the spec.
const FIELDS: &[&str] = &[
    "name",
    "redirect_uris",
    "callback_url",
    "scopes",
    "consent_screen_enabled",
    "pkce_required",
    "public",
];
const SUPPORTED_SCOPES: &[&str] = &["profile", "email", "public_metadata", "private_metadata"];
pub const DEFAULT_SCOPES: &str = "profile email";
const NAME_MAX: usize = 256;
const URL_MAX: usize = 1024;
const SCOPES_MAX: usize = 1024;

pub const INSTANCE_ID: &str = "ins_emulator";
/// `.invalid` can never resolve, so nothing follows these by accident.
const FRONTEND_API: &str = "https://clerk.emulator.invalid";

#[derive(Debug, Clone, Serialize)]
pub struct OAuthApplication {
    pub object: &'static str,
    pub id: String,
    pub instance_id: &'static str,
    pub name: String,
    pub client_id: String,
    pub client_uri: Option<String>,
    pub client_image_url: Option<String>,
    pub dynamically_registered: bool,
    pub consent_screen_enabled: bool,
    pub pkce_required: bool,
    pub public: bool,
    /// Space-separated, as on the wire.
    pub scopes: String,
    pub redirect_uris: Vec<String>,
    /// Deprecated mirror of the first redirect URI.
    pub callback_url: String,
    pub authorize_url: String,
    pub token_fetch_url: String,
    pub user_info_url: String,
    pub discovery_url: String,
    pub token_introspection_url: String,
    /// Milliseconds. The spec only says "int64 Unix timestamp" (OAuthApplication
    /// `created_at`/`updated_at`), wording it shares with every BAPI object,
    /// e.g. Session `last_active_at`/`expire_at`, which Clerk sends in
    /// milliseconds and its JS SDK feeds straight to `new Date(...)`.
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(skip)]
    pub secret: String,
}

impl OAuthApplication {
    /// A confidential application with the spec's defaults, before the
    /// create body is merged in.
    pub fn new(id: String, client_id: String, secret: String, now_ms: i64) -> Self {
        Self {
            object: "oauth_application",
            id,
            instance_id: INSTANCE_ID,
            name: String::new(),
            client_id,
            client_uri: None,
            client_image_url: None,
            dynamically_registered: false,
            consent_screen_enabled: true,
            pkce_required: false,
            public: false,
            scopes: DEFAULT_SCOPES.to_owned(),
            redirect_uris: Vec::new(),
            callback_url: String::new(),
            authorize_url: format!("{FRONTEND_API}/oauth/authorize"),
            token_fetch_url: format!("{FRONTEND_API}/oauth/token"),
            user_info_url: format!("{FRONTEND_API}/oauth/userinfo"),
            discovery_url: format!("{FRONTEND_API}/.well-known/oauth-authorization-server"),
            token_introspection_url: format!("{FRONTEND_API}/oauth/token_info"),
            created_at: now_ms,
            updated_at: now_ms,
            secret,
        }
    }

    /// "Empty if public client" (OAuthApplicationWithSecret).
    pub fn visible_secret(&self) -> &str {
        if self.public { "" } else { &self.secret }
    }

    /// `name_query`: case-insensitive part of the name, or an exact client id.
    pub fn matches_query(&self, query: &str) -> bool {
        self.client_id == query || self.name.to_lowercase().contains(&query.to_lowercase())
    }

    pub fn set_redirect_uris(&mut self, uris: Vec<String>) {
        self.callback_url = uris.first().cloned().unwrap_or_default();
        self.redirect_uris = uris;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

#[derive(Debug, Default)]
struct Patch {
    name: Option<String>,
    redirect_uris: Option<Vec<String>>,
    callback_url: Option<String>,
    scopes: Option<String>,
    consent_screen_enabled: Option<bool>,
    pkce_required: Option<bool>,
    public: Option<bool>,
}

impl Patch {
    fn read(fields: &mut Fields) -> Self {
        Self {
            name: fields.string("name"),
            redirect_uris: fields.strings("redirect_uris"),
            callback_url: fields.string("callback_url"),
            scopes: fields.string("scopes"),
            consent_screen_enabled: fields.boolean("consent_screen_enabled"),
            pkce_required: fields.boolean("pkce_required"),
            public: fields.boolean("public"),
        }
    }

    fn check(&self, fields: &mut Fields) {
        if let Some(name) = &self.name {
            if name.trim().is_empty() {
                fields.report("name", invalid("must not be blank".into()));
            } else if name.chars().count() > NAME_MAX {
                fields.report(
                    "name",
                    invalid(format!("must be at most {NAME_MAX} characters")),
                );
            }
        }
        for uri in self
            .redirect_uris
            .iter()
            .flatten()
            .filter(|uri| !is_absolute_url(uri))
        {
            fields.report(
                "redirect_uris",
                invalid(format!("\"{uri}\" must be a valid URL")),
            );
        }
        if let Some(url) = &self.callback_url {
            if url.len() > URL_MAX || !is_absolute_url(url) {
                fields.report(
                    "callback_url",
                    invalid("callback URL must be a valid URL".into()),
                );
            }
        }
        if let Some(scopes) = &self.scopes {
            if scopes.len() > SCOPES_MAX {
                fields.report(
                    "scopes",
                    invalid(format!("must be at most {SCOPES_MAX} characters")),
                );
            }
            for scope in scopes
                .split_whitespace()
                .filter(|s| !SUPPORTED_SCOPES.contains(s))
            {
                let reason = format!(
                    "unsupported scope \"{scope}\"; available: {}",
                    SUPPORTED_SCOPES.join(" ")
                );
                fields.report("scopes", invalid(reason));
            }
        }
    }

    fn apply(self, app: &mut OAuthApplication) {
        if let Some(name) = self.name {
            app.name = name;
        }
        // The deprecated single URL stands in for the list only when the list is absent.
        match (self.redirect_uris, self.callback_url) {
            (Some(uris), _) => app.set_redirect_uris(uris),
            (None, Some(url)) => app.set_redirect_uris(vec![url]),
            (None, None) => {}
        }
        if let Some(scopes) = self.scopes {
            app.scopes = scopes.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if let Some(enabled) = self.consent_screen_enabled {
            app.consent_screen_enabled = enabled;
        }
        if let Some(required) = self.pkce_required {
            app.pkce_required = required;
        }
        if let Some(public) = self.public {
            app.public = public;
        }
        // Public clients have no secret to authenticate with, so PKCE is their only protection.
        app.pkce_required |= app.public;
    }
}

fn invalid(reason: String) -> ProblemKind {
    ProblemKind::Invalid(reason)
}

/// Validates a create or PATCH body and merges it into `app` (a fresh
/// record for create). Nothing changes unless the whole body is valid.
pub fn merge(
    body: &[u8],
    mode: Mode,
    app: &mut OAuthApplication,
    now_ms: i64,
) -> Result<(), ClerkError> {
    let fields = Fields::parse(body).map_err(ClerkError::malformed)?;
    *app = merged(fields, mode, app, now_ms).map_err(ClerkError::validation)?;
    Ok(())
}

fn merged(
    fields: Fields,
    mode: Mode,
    app: &OAuthApplication,
    now_ms: i64,
) -> Result<OAuthApplication, Vec<Problem>> {
    // Every field is nullable in the spec; null leaves the value as it is.
    let mut fields = fields.treat_null_as_absent();
    fields.reject_unknown(FIELDS);
    if mode == Mode::Create {
        fields.require(&["name"]);
    }
    let patch = Patch::read(&mut fields);
    patch.check(&mut fields);
    let problems = fields.into_problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut merged = app.clone();
    patch.apply(&mut merged);
    merged.updated_at = now_ms;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn fresh() -> OAuthApplication {
        OAuthApplication::new("oauth_app_x".into(), "client".into(), "secret".into(), 1)
    }

    fn apply(
        body: Value,
        mode: Mode,
        app: &OAuthApplication,
    ) -> Result<OAuthApplication, Vec<(String, ProblemKind)>> {
        let fields = Fields::parse(body.to_string().as_bytes()).expect("object");
        merged(fields, mode, app, 2)
            .map_err(|problems| problems.into_iter().map(|p| (p.field, p.kind)).collect())
    }

    #[test]
    fn create_defaults() {
        let app = apply(json!({"name": "App"}), Mode::Create, &fresh()).expect("create");
        assert_eq!(app.scopes, DEFAULT_SCOPES);
        assert!(app.consent_screen_enabled && !app.pkce_required && !app.public);
        assert_eq!(app.visible_secret(), "secret");
        assert_eq!(app.updated_at, 2);
    }

    #[test]
    fn public_clients_have_no_secret_and_need_pkce() {
        let app = apply(
            json!({"name": "SPA", "public": true, "pkce_required": false}),
            Mode::Create,
            &fresh(),
        )
        .expect("create");
        assert!(app.pkce_required);
        assert_eq!(app.visible_secret(), "");
    }

    #[test]
    fn rules() {
        let cases = [
            (json!({}), "name", ProblemKind::Missing),
            (
                json!({"name": "x".repeat(257)}),
                "name",
                invalid(format!("must be at most {NAME_MAX} characters")),
            ),
            (
                json!({"name": "a", "scopes": ["email"]}),
                "scopes",
                ProblemKind::WrongType("a string"),
            ),
            (
                json!({"name": "a", "logo": "x"}),
                "logo",
                ProblemKind::Unknown,
            ),
        ];
        for (body, field, kind) in cases {
            assert_eq!(
                apply(body.clone(), Mode::Create, &fresh()).err(),
                Some(vec![(field.to_owned(), kind)]),
                "{body}"
            );
        }
        for body in [
            json!({"scopes": "read,write"}),
            json!({"redirect_uris": ["not a url"]}),
            json!({"callback_url": "/cb"}),
        ] {
            assert!(
                apply(body.clone(), Mode::Update, &fresh()).is_err(),
                "{body}"
            );
        }
    }

    #[test]
    fn any_url_scheme_is_a_redirect_uri() {
        let body = json!({"redirect_uris": ["myapp://callback", "http://localhost:3000/cb"]});
        let app = apply(body, Mode::Update, &fresh()).expect("patch");
        assert_eq!(app.callback_url, "myapp://callback");
    }

    #[test]
    fn patch_leaves_nulls_and_absent_fields_alone() {
        let mut app = fresh();
        app.name = "Before".into();
        let patched = apply(
            json!({"name": null, "pkce_required": true}),
            Mode::Update,
            &app,
        )
        .expect("patch");
        assert_eq!(patched.name, "Before");
        assert!(patched.pkce_required);
        assert_eq!(patched.scopes, DEFAULT_SCOPES);
    }

    #[test]
    fn deprecated_callback_url_fills_redirect_uris() {
        let app = apply(
            json!({"callback_url": "https://a.example/cb"}),
            Mode::Update,
            &fresh(),
        )
        .expect("patch");
        assert_eq!(app.redirect_uris, ["https://a.example/cb"]);
    }
}
