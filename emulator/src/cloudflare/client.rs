//! The OAuthClient record and the create/PATCH rules from the Cloudflare
//! reference (TS `OAuthClientCreateParams`/`OAuthClientUpdateParams`, TF schema).

use serde::{Serialize, Serializer};

use super::envelope::CfError;
use super::seed::SCOPES;
use crate::body::{Fields, Problem, ProblemKind};
use crate::ids::IdGen;
use crate::urls::is_absolute_url;

const GRANT_TYPES: &[&str] = &["authorization_code", "refresh_token"];
const RESPONSE_TYPES: &[&str] = &["token", "id_token", "code"];
const AUTH_METHODS: &[&str] = &["none", "client_secret_basic", "client_secret_post"];
/// Bare (non-dotted) scopes Cloudflare accepts besides its catalogue ids.
const IDENTITY_SCOPES: &[&str] = &["openid", "offline_access", "offline", "email", "profile"];
const NEVER_OPTIONAL: &[&str] = &["openid", "offline", "offline_access"];

const REQUIRED: &[&str] = &[
    "client_name",
    "grant_types",
    "redirect_uris",
    "response_types",
    "scopes",
    "token_endpoint_auth_method",
];
const CREATE_FIELDS: &[&str] = &[
    "client_name",
    "grant_types",
    "redirect_uris",
    "response_types",
    "scopes",
    "token_endpoint_auth_method",
    "allowed_cors_origins",
    "client_uri",
    "logo_uri",
    "policy_uri",
    "tos_uri",
    "post_logout_redirect_uris",
    "optional_scopes",
];
/// PATCH also takes `visibility`, which only ever promotes to public.
const UPDATE_ONLY_FIELD: &str = "visibility";

pub const VERIFIED: &str = "verified";
const PENDING: &str = "pending";
const PUBLIC: &str = "public";
const PRIVATE: &str = "private";

#[derive(Debug, Clone, Serialize)]
pub struct UriVerification {
    pub status: &'static str,
    /// The exact DNS TXT value the owner must publish.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OAuthClient {
    pub client_id: String,
    pub visibility: &'static str,
    pub client_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_uri_verification: Option<UriVerification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tos_uri: Option<String>,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub allowed_cors_origins: Vec<String>,
    pub scopes: Vec<String>,
    pub optional_scopes: Vec<String>,
    pub grant_types: Vec<String>,
    pub response_types: Vec<String>,
    pub token_endpoint_auth_method: String,
    /// Serialised only as `has_rotated_secret`, so the old secret itself can
    /// never reach a response and the flag cannot drift from the state.
    #[serde(rename = "has_rotated_secret", serialize_with = "is_present")]
    pub previous_secret: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promoted_at: Option<String>,
    #[serde(skip)]
    pub secret: String,
}

fn is_present<S: Serializer>(value: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(value.is_some())
}

impl OAuthClient {
    /// An empty private client, the starting point a create body is merged into.
    pub fn blank(client_id: String, secret: String, now: &str) -> Self {
        Self {
            client_id,
            visibility: PRIVATE,
            client_name: String::new(),
            client_uri: None,
            client_uri_verification: None,
            logo_uri: None,
            policy_uri: None,
            tos_uri: None,
            redirect_uris: Vec::new(),
            post_logout_redirect_uris: Vec::new(),
            allowed_cors_origins: Vec::new(),
            scopes: Vec::new(),
            optional_scopes: Vec::new(),
            grant_types: Vec::new(),
            response_types: Vec::new(),
            token_endpoint_auth_method: String::new(),
            previous_secret: None,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            promoted_at: None,
            secret,
        }
    }

    /// Two-phase rotation: the old secret stays valid until deleted.
    pub fn rotate_secret(&mut self, new_secret: String, now: &str) {
        self.previous_secret = Some(std::mem::replace(&mut self.secret, new_secret));
        self.updated_at = now.to_owned();
    }

    pub fn drop_previous_secret(&mut self, now: &str) {
        self.previous_secret = None;
        self.updated_at = now.to_owned();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// The fields a body actually carried; `None` means "not given".
#[derive(Debug, Default)]
struct Patch {
    client_name: Option<String>,
    client_uri: Option<String>,
    logo_uri: Option<String>,
    policy_uri: Option<String>,
    tos_uri: Option<String>,
    redirect_uris: Option<Vec<String>>,
    post_logout_redirect_uris: Option<Vec<String>>,
    allowed_cors_origins: Option<Vec<String>>,
    scopes: Option<Vec<String>>,
    optional_scopes: Option<Vec<String>>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    token_endpoint_auth_method: Option<String>,
    visibility: Option<String>,
}

impl Patch {
    fn read(fields: &mut Fields) -> Self {
        Self {
            client_name: fields.string("client_name"),
            client_uri: fields.string("client_uri"),
            logo_uri: fields.string("logo_uri"),
            policy_uri: fields.string("policy_uri"),
            tos_uri: fields.string("tos_uri"),
            redirect_uris: fields.strings("redirect_uris"),
            post_logout_redirect_uris: fields.strings("post_logout_redirect_uris"),
            allowed_cors_origins: fields.strings("allowed_cors_origins"),
            scopes: fields.strings("scopes"),
            optional_scopes: fields.strings("optional_scopes"),
            grant_types: fields.strings("grant_types"),
            response_types: fields.strings("response_types"),
            token_endpoint_auth_method: fields.string("token_endpoint_auth_method"),
            visibility: fields.string("visibility"),
        }
    }

    /// Rules on the given values alone; cross-field rules run on the merge.
    fn check(&self, fields: &mut Fields) {
        if self
            .client_name
            .as_deref()
            .is_some_and(|name| name.trim().is_empty())
        {
            fields.report("client_name", invalid("must not be empty"));
        }
        for (name, value) in [
            ("client_uri", &self.client_uri),
            ("logo_uri", &self.logo_uri),
            ("policy_uri", &self.policy_uri),
            ("tos_uri", &self.tos_uri),
        ] {
            if value.as_deref().is_some_and(|url| !is_absolute_url(url)) {
                fields.report(name, invalid("must be an absolute URL"));
            }
        }
        check_list(
            fields,
            "redirect_uris",
            self.redirect_uris.as_deref(),
            true,
            url_problem,
        );
        check_list(
            fields,
            "post_logout_redirect_uris",
            self.post_logout_redirect_uris.as_deref(),
            false,
            url_problem,
        );
        check_list(
            fields,
            "allowed_cors_origins",
            self.allowed_cors_origins.as_deref(),
            false,
            url_problem,
        );
        check_list(
            fields,
            "scopes",
            self.scopes.as_deref(),
            true,
            scope_problem,
        );
        check_list(
            fields,
            "optional_scopes",
            self.optional_scopes.as_deref(),
            false,
            |scope| {
                NEVER_OPTIONAL
                    .contains(&scope)
                    .then(|| format!("\"{scope}\" cannot be optional"))
            },
        );
        check_list(
            fields,
            "response_types",
            self.response_types.as_deref(),
            true,
            |value| one_of(value, RESPONSE_TYPES),
        );
        check_list(
            fields,
            "grant_types",
            self.grant_types.as_deref(),
            true,
            |value| one_of(value, GRANT_TYPES),
        );
        if self.grant_types.as_ref().is_some_and(|grants| {
            !grants.is_empty() && !grants.iter().any(|g| g == "authorization_code")
        }) {
            fields.report("grant_types", invalid("must include authorization_code"));
        }
        if let Some(problem) = self
            .token_endpoint_auth_method
            .as_deref()
            .and_then(|m| one_of(m, AUTH_METHODS))
        {
            fields.report("token_endpoint_auth_method", invalid(&problem));
        }
        if self.visibility.as_deref().is_some_and(|v| v != PUBLIC) {
            fields.report(
                "visibility",
                invalid("only \"public\" is accepted; a public client cannot be made private"),
            );
        }
    }

    fn apply(self, client: &mut OAuthClient, ids: &mut IdGen) {
        if let Some(uri) = self.client_uri {
            if client.client_uri.as_ref() != Some(&uri) {
                // A new host has to be proven again before promotion.
                client.client_uri_verification = Some(UriVerification {
                    status: PENDING,
                    text: format!("cloudflare-oauth-verification={}", ids.hex(32)),
                });
            }
            client.client_uri = Some(uri);
        }
        set(&mut client.client_name, self.client_name);
        set_some(&mut client.logo_uri, self.logo_uri);
        set_some(&mut client.policy_uri, self.policy_uri);
        set_some(&mut client.tos_uri, self.tos_uri);
        set(&mut client.redirect_uris, self.redirect_uris);
        set(
            &mut client.post_logout_redirect_uris,
            self.post_logout_redirect_uris,
        );
        set(&mut client.allowed_cors_origins, self.allowed_cors_origins);
        set(&mut client.scopes, self.scopes);
        set(&mut client.optional_scopes, self.optional_scopes);
        set(&mut client.grant_types, self.grant_types);
        set(&mut client.response_types, self.response_types);
        set(
            &mut client.token_endpoint_auth_method,
            self.token_endpoint_auth_method,
        );
    }
}

fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *target = value;
    }
}

fn set_some<T>(target: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *target = value;
    }
}

fn invalid(reason: &str) -> ProblemKind {
    ProblemKind::Invalid(reason.to_owned())
}

fn check_list(
    fields: &mut Fields,
    name: &str,
    values: Option<&[String]>,
    required_non_empty: bool,
    problem: impl Fn(&str) -> Option<String>,
) {
    let Some(values) = values else { return };
    if required_non_empty && values.is_empty() {
        fields.report(name, invalid("must not be empty"));
    }
    for reason in values.iter().filter_map(|value| problem(value)) {
        fields.report(name, ProblemKind::Invalid(reason));
    }
}

fn one_of(value: &str, allowed: &[&str]) -> Option<String> {
    (!allowed.contains(&value)).then(|| format!("\"{value}\" is not one of {}", allowed.join(", ")))
}

fn url_problem(value: &str) -> Option<String> {
    (!is_absolute_url(value)).then(|| format!("\"{value}\" is not an absolute URL"))
}

fn scope_problem(scope: &str) -> Option<String> {
    if scope.contains(':') {
        Some(format!(
            "\"{scope}\": colon-delimited scopes are not supported; use the ids from /oauth/scopes"
        ))
    } else if scope.contains('.') {
        (!SCOPES.iter().any(|known| known.id == scope))
            .then(|| format!("\"{scope}\" is not a known scope; see /oauth/scopes"))
    } else {
        (!IDENTITY_SCOPES.contains(&scope)).then(|| format!("\"{scope}\" is not a supported scope"))
    }
}

/// What a client still lacks before it may be made public (TS/TF docs).
fn promotion_problems(client: &OAuthClient) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if client.client_name.trim().is_empty() {
        missing.push("promotion requires a client_name");
    }
    if client.logo_uri.is_none() {
        missing.push("promotion requires a logo_uri");
    }
    if client
        .client_uri_verification
        .as_ref()
        .is_none_or(|v| v.status != VERIFIED)
    {
        missing.push("promotion requires a verified client_uri host");
    }
    if !client
        .scopes
        .iter()
        .any(|scope| !IDENTITY_SCOPES.contains(&scope.as_str()))
    {
        missing.push("promotion requires at least one non-identity scope");
    }
    missing
}

/// Validates a create or PATCH body and merges it into `client` (a blank
/// record for create). Nothing changes unless the whole body is valid.
pub fn merge(
    body: &[u8],
    mode: Mode,
    client: &mut OAuthClient,
    ids: &mut IdGen,
    now: &str,
) -> Result<(), CfError> {
    let fields = Fields::parse(body).map_err(CfError::malformed)?;
    *client = merged(fields, mode, client, ids, now).map_err(CfError::validation)?;
    Ok(())
}

fn merged(
    mut fields: Fields,
    mode: Mode,
    client: &OAuthClient,
    ids: &mut IdGen,
    now: &str,
) -> Result<OAuthClient, Vec<Problem>> {
    match mode {
        Mode::Create => {
            fields.reject_unknown(CREATE_FIELDS);
            fields.require(REQUIRED);
        }
        Mode::Update => fields.reject_unknown(&[CREATE_FIELDS, &[UPDATE_ONLY_FIELD]].concat()),
    }
    let patch = Patch::read(&mut fields);
    patch.check(&mut fields);
    let touches_scopes = patch.scopes.is_some() || patch.optional_scopes.is_some();
    let promote = patch.visibility.as_deref() == Some(PUBLIC);

    let mut merged = client.clone();
    patch.apply(&mut merged, ids);
    if touches_scopes {
        for scope in merged
            .optional_scopes
            .iter()
            .filter(|s| !merged.scopes.contains(s))
        {
            fields.report(
                "optional_scopes",
                ProblemKind::Invalid(format!("\"{scope}\" is not listed in scopes")),
            );
        }
    }
    if promote && merged.visibility != PUBLIC {
        for reason in promotion_problems(&merged) {
            fields.report("visibility", invalid(reason));
        }
        merged.visibility = PUBLIC;
        merged.promoted_at = Some(now.to_owned());
    }

    let problems = fields.into_problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    merged.updated_at = now.to_owned();
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const NOW: &str = "2026-01-01T00:00:00.000Z";

    fn valid_body() -> Value {
        json!({
            "client_name": "App",
            "grant_types": ["authorization_code", "refresh_token"],
            "redirect_uris": ["https://example.com/cb"],
            "response_types": ["code"],
            "scopes": ["workers-platform.read", "openid"],
            "token_endpoint_auth_method": "client_secret_basic"
        })
    }

    fn blank() -> OAuthClient {
        OAuthClient::blank("a".repeat(32), "s".into(), NOW)
    }

    /// The merged record, or the fields the problems point at.
    fn apply(body: &Value, mode: Mode, client: &OAuthClient) -> Result<OAuthClient, Vec<String>> {
        let fields = Fields::parse(body.to_string().as_bytes()).expect("object");
        merged(fields, mode, client, &mut IdGen::with_seed(3), NOW)
            .map_err(|problems| problems.into_iter().map(|p| p.field).collect())
    }

    fn created() -> OAuthClient {
        apply(&valid_body(), Mode::Create, &blank()).expect("valid create")
    }

    #[test]
    fn valid_create_merges() {
        let client = created();
        assert_eq!(client.client_name, "App");
        assert_eq!(client.visibility, PRIVATE);
    }

    #[test]
    fn each_rule_points_at_its_field() {
        let cases = [
            ("grant_types", json!(["refresh_token"])),
            (
                "grant_types",
                json!(["client_credentials", "authorization_code"]),
            ),
            ("redirect_uris", json!(["/relative"])),
            ("redirect_uris", json!([])),
            ("response_types", json!(["code", "device"])),
            ("scopes", json!(["workers:read"])),
            ("scopes", json!(["nope.read"])),
            ("scopes", json!(["admin"])),
            ("token_endpoint_auth_method", json!("private_key_jwt")),
            ("client_uri", json!("example.com")),
            ("optional_scopes", json!(["openid"])),
            ("optional_scopes", json!(["zone.read"])),
        ];
        for (field, value) in cases {
            let mut body = valid_body();
            body[field] = value.clone();
            assert_eq!(
                apply(&body, Mode::Create, &blank()).err(),
                Some(vec![field.to_owned()]),
                "{value}"
            );
        }
    }

    #[test]
    fn missing_unknown_and_mistyped_fields() {
        let found = apply(
            &json!({"client_name": 5, "extra": 1}),
            Mode::Create,
            &blank(),
        )
        .expect_err("invalid");
        for field in ["extra", "grant_types", "client_name"] {
            assert!(found.contains(&field.to_owned()), "{field}");
        }
        assert_eq!(
            apply(&json!({"client_secret": "x"}), Mode::Update, &created()).err(),
            Some(vec!["client_secret".into()])
        );
    }

    #[test]
    fn patch_is_partial() {
        let client =
            apply(&json!({"client_name": "Renamed"}), Mode::Update, &created()).expect("patch");
        assert_eq!(client.client_name, "Renamed");
        assert_eq!(client.scopes, ["workers-platform.read", "openid"]);
        assert_eq!(
            apply(&json!({"grant_types": []}), Mode::Update, &client).err(),
            Some(vec!["grant_types".into()])
        );
    }

    #[test]
    fn promotion_needs_verified_host_and_only_goes_public() {
        let mut client = created();
        assert!(apply(&json!({"visibility": "public"}), Mode::Update, &client).is_err());
        client.logo_uri = Some("https://example.com/logo.png".into());
        client.client_uri_verification = Some(UriVerification {
            status: VERIFIED,
            text: String::new(),
        });
        let promoted =
            apply(&json!({"visibility": "public"}), Mode::Update, &client).expect("promote");
        assert_eq!(
            (promoted.visibility, promoted.promoted_at.as_deref()),
            (PUBLIC, Some(NOW))
        );
        assert!(apply(&json!({"visibility": "private"}), Mode::Update, &promoted).is_err());
    }

    #[test]
    fn new_client_uri_needs_verifying_again() {
        let mut client = created();
        client.client_uri_verification = Some(UriVerification {
            status: VERIFIED,
            text: String::new(),
        });
        let moved = apply(
            &json!({"client_uri": "https://other.example.com"}),
            Mode::Update,
            &client,
        )
        .expect("patch");
        assert_eq!(
            moved.client_uri_verification.map(|v| v.status),
            Some(PENDING)
        );
    }

    #[test]
    fn secrets_never_serialise() {
        let mut client = blank();
        client.rotate_secret("new".into(), NOW);
        let json = serde_json::to_value(&client).expect("json");
        assert_eq!(json["has_rotated_secret"], true);
        assert!(json.get("secret").is_none() && json.get("previous_secret").is_none());
        client.drop_previous_secret(NOW);
        assert_eq!(
            serde_json::to_value(&client).expect("json")["has_rotated_secret"],
            false
        );
    }
}
