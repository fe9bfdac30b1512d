//! Cloudflare account OAuth clients: the wire record and the create/update inputs.
//!
//! Wire names are snake_case; JS sees camelCase. Enums keep values this library does not
//! know yet (newer API versions) in `Other`, so a response never fails on them.

open_enum!(
    /// An OAuth grant type Cloudflare clients may use.
    GrantType, "\"authorization_code\" | \"refresh_token\" | (string & {})" {
        /// `authorization_code` (every client must have it).
        AuthorizationCode = "authorization_code",
        /// `refresh_token`.
        RefreshToken = "refresh_token",
    }
);

open_enum!(
    /// An OAuth response type.
    ResponseType, "\"code\" | \"token\" | \"id_token\" | (string & {})" {
        /// `code`.
        Code = "code",
        /// `token`.
        Token = "token",
        /// `id_token`.
        IdToken = "id_token",
    }
);

open_enum!(
    /// How the client authenticates at the token endpoint.
    TokenEndpointAuthMethod, "\"client_secret_basic\" | \"client_secret_post\" | \"none\" | (string & {})" {
        /// HTTP Basic with the client secret.
        ClientSecretBasic = "client_secret_basic",
        /// The client secret in the form body.
        ClientSecretPost = "client_secret_post",
        /// A public client: no secret.
        None = "none",
    }
);

open_enum!(
    /// Who can use the client: only the owning account, or any Cloudflare account.
    Visibility, "\"private\" | \"public\" | (string & {})" {
        /// Only the owning account.
        Private = "private",
        /// Promoted: any account.
        Public = "public",
    }
);

open_enum!(
    /// The state of the DNS check of `client_uri`'s host.
    VerificationStatus, "\"pending\" | \"in_progress\" | \"verified\" | \"failed\" | (string & {})" {
        /// Not started.
        Pending = "pending",
        /// Running.
        InProgress = "in_progress",
        /// The TXT record was found.
        Verified = "verified",
        /// The TXT record was not found.
        Failed = "failed",
    }
);

record! {
    /// The DNS verification of the client's `client_uri` host.
    pub struct ClientUriVerification {
        /// The check's state.
        status: VerificationStatus = "status",
        /// The exact TXT record value to publish.
        text?: String = "text",
    }
}

record! {
    /// A Cloudflare OAuth client as the API returns it (`result` of get, list, create, update).
    pub struct CloudflareClient {
        /// The client id (32 hex characters).
        client_id: String = "client_id",
        /// Who can use the client.
        visibility: Visibility = "visibility",
        /// The display name.
        client_name?: String = "client_name",
        /// The app's home page.
        client_uri?: String = "client_uri",
        /// The app's logo.
        logo_uri?: String = "logo_uri",
        /// The app's privacy policy.
        policy_uri?: String = "policy_uri",
        /// The app's terms of service.
        tos_uri?: String = "tos_uri",
        /// Origins allowed to call the token endpoint from a browser.
        allowed_cors_origins?: Vec<String> = "allowed_cors_origins",
        /// Where users may be sent back after authorizing.
        redirect_uris?: Vec<String> = "redirect_uris",
        /// Where users may be sent back after signing out.
        post_logout_redirect_uris?: Vec<String> = "post_logout_redirect_uris",
        /// Scopes the client asks for.
        scopes?: Vec<String> = "scopes",
        /// Scopes users may decline (newer API versions).
        optional_scopes?: Vec<String> = "optional_scopes",
        /// The DNS verification of `client_uri`'s host.
        client_uri_verification?: ClientUriVerification = "client_uri_verification",
        /// Grant types.
        grant_types?: Vec<GrantType> = "grant_types",
        /// Response types.
        response_types?: Vec<ResponseType> = "response_types",
        /// How the client authenticates at the token endpoint.
        token_endpoint_auth_method?: TokenEndpointAuthMethod = "token_endpoint_auth_method",
        /// Whether a previous secret is still valid after a rotation.
        has_rotated_secret?: bool = "has_rotated_secret",
        /// RFC 3339 creation time.
        created_at?: String = "created_at",
        /// RFC 3339 time of the last change.
        updated_at?: String = "updated_at",
        /// RFC 3339 time the client was made public.
        promoted_at?: String = "promoted_at",
    }
}

input! {
    /// The input of `clients.create` on Cloudflare.
    pub struct CloudflareCreateClient {
        /// The display name (`client_name` on the wire).
        name: String = "name" ("Name", String),
        /// Where users may be sent back after authorizing; absolute URLs.
        redirect_uris: Vec<String> = "redirectUris" ("Redirect URIs", UrlList),
        /// Scopes: ids from `admin.cloudflare.scopes.list()` (dot-delimited) or identity
        /// scopes such as `openid`; colon-delimited scopes are rejected.
        scopes: Vec<String> = "scopes" ("Scopes", StringList),
        /// Grant types; must include `authorization_code`. Defaults to `["authorization_code"]`.
        grant_types: Vec<GrantType> = "grantTypes"
            ("Grant types", MultiChoice, GrantType::VALUES) or default_grant_types,
        /// Response types. Defaults to `["code"]`.
        response_types: Vec<ResponseType> = "responseTypes"
            ("Response types", MultiChoice, ResponseType::VALUES) or default_response_types,
        /// Token endpoint authentication. Defaults to `client_secret_basic`.
        token_endpoint_auth_method: TokenEndpointAuthMethod = "tokenEndpointAuthMethod"
            ("Token endpoint auth method", Choice, TokenEndpointAuthMethod::VALUES)
            or default_auth_method,
        /// The app's home page.
        client_uri?: String = "clientUri" ("Home page", Url),
        /// The app's logo.
        logo_uri?: String = "logoUri" ("Logo URL", Url),
        /// The app's privacy policy.
        policy_uri?: String = "policyUri" ("Privacy policy URL", Url),
        /// The app's terms of service.
        tos_uri?: String = "tosUri" ("Terms of service URL", Url),
        /// Origins allowed to call the token endpoint from a browser.
        allowed_cors_origins?: Vec<String> = "allowedCorsOrigins" ("Allowed CORS origins", UrlList),
        /// Where users may be sent back after signing out.
        post_logout_redirect_uris?: Vec<String> = "postLogoutRedirectUris"
            ("Post-logout redirect URIs", UrlList),
        /// Scopes users may decline; each must be in `scopes` (newer API versions only).
        optional_scopes?: Vec<String> = "optionalScopes" ("Optional scopes", StringList),
    }
}

fn default_grant_types() -> Vec<GrantType> {
    vec![GrantType::AuthorizationCode]
}

fn default_response_types() -> Vec<ResponseType> {
    vec![ResponseType::Code]
}

fn default_auth_method() -> TokenEndpointAuthMethod {
    TokenEndpointAuthMethod::ClientSecretBasic
}

input! {
    /// The input of `clients.update` on Cloudflare: only the fields given are sent. Its form
    /// fields are the create fields, none required, and `visibility`.
    pub struct CloudflareUpdateClient {
        /// The display name (`client_name` on the wire).
        name?: String = "name",
        /// Where users may be sent back after authorizing; absolute URLs.
        redirect_uris?: Vec<String> = "redirectUris",
        /// Scopes (see create).
        scopes?: Vec<String> = "scopes",
        /// Grant types; must include `authorization_code`.
        grant_types?: Vec<GrantType> = "grantTypes",
        /// Response types.
        response_types?: Vec<ResponseType> = "responseTypes",
        /// Token endpoint authentication.
        token_endpoint_auth_method?: TokenEndpointAuthMethod = "tokenEndpointAuthMethod",
        /// Origins allowed to call the token endpoint from a browser.
        allowed_cors_origins?: Vec<String> = "allowedCorsOrigins",
        /// The app's home page.
        client_uri?: String = "clientUri",
        /// The app's logo.
        logo_uri?: String = "logoUri",
        /// The app's privacy policy.
        policy_uri?: String = "policyUri",
        /// The app's terms of service.
        tos_uri?: String = "tosUri",
        /// Where users may be sent back after signing out.
        post_logout_redirect_uris?: Vec<String> = "postLogoutRedirectUris",
        /// Scopes users may decline.
        optional_scopes?: Vec<String> = "optionalScopes",
        /// `"public"` promotes the client to every account; there is no way back.
        visibility?: Visibility = "visibility"
            ("Visibility (promotion to public cannot be undone)", Choice, &["public"]),
    }
}

record! {
    /// A scope from `GET /oauth/scopes`.
    pub struct CloudflareScope {
        /// The value to put in a client's `scopes`.
        id: String = "id",
        /// A name for people.
        name: String = "name",
        /// The product area.
        category?: String = "category",
        /// Finer scopes this one groups.
        scopes?: Vec<String> = "scopes",
    }
}
