//! Clerk OAuth applications: the wire record and the create/update inputs.
//!
//! Wire names are snake_case; JS sees camelCase. `scopes` travels as one space-separated
//! string: the record keeps it so, the inputs and the neutral view take a list.

use super::common::EpochMillis;
use super::common::SpaceSeparated;

record! {
    /// A Clerk OAuth application as the Backend API returns it.
    ///
    /// The schema marks every field required, but Clerk's own SDK tests answer with minimal
    /// objects (`{id, name}`), so only `id` is required here.
    pub struct ClerkApplication {
        /// The application id (`oauth_app_...`), used in paths; not the OAuth client id.
        id: String = "id",
        /// Always `"oauth_application"`.
        object?: String = "object",
        /// The Clerk instance.
        instance_id?: String = "instance_id",
        /// The display name.
        name?: String = "name",
        /// The OAuth client id apps use.
        client_id?: String = "client_id",
        /// The app's home page.
        client_uri?: String = "client_uri",
        /// The app's logo.
        client_image_url?: String = "client_image_url",
        /// Registered through dynamic client registration.
        dynamically_registered?: bool = "dynamically_registered",
        /// Whether users see a consent screen.
        consent_screen_enabled?: bool = "consent_screen_enabled",
        /// Whether PKCE is required.
        pkce_required?: bool = "pkce_required",
        /// A public client (no secret; PKCE).
        public?: bool = "public",
        /// Scopes, space-separated, as Clerk sends them.
        scopes?: String = "scopes",
        /// Where users may be sent back after authorizing.
        redirect_uris?: Vec<String> = "redirect_uris",
        /// Deprecated single redirect URL.
        callback_url?: String = "callback_url",
        /// The authorization endpoint.
        authorize_url?: String = "authorize_url",
        /// The token endpoint.
        token_fetch_url?: String = "token_fetch_url",
        /// The user-info endpoint.
        user_info_url?: String = "user_info_url",
        /// The OpenID discovery document.
        discovery_url?: String = "discovery_url",
        /// The token introspection endpoint.
        token_introspection_url?: String = "token_introspection_url",
        /// Creation time, Unix milliseconds.
        created_at?: EpochMillis = "created_at",
        /// Time of the last change, Unix milliseconds.
        updated_at?: EpochMillis = "updated_at",
    }
}

/// Scopes Clerk offers, for a form's choices.
const SCOPES: &[&str] = &["profile", "email", "public_metadata", "private_metadata"];

input! {
    /// The input of `clients.create` on Clerk.
    pub struct ClerkCreateClient {
        /// The display name (at most 256 characters).
        name: String = "name" ("Name", String),
        /// Where users may be sent back after authorizing; URLs of any scheme (`myapp://`...).
        redirect_uris?: Vec<String> = "redirectUris" ("Redirect URIs", UrlList),
        /// Scopes (`profile`, `email`, `public_metadata`, `private_metadata`); Clerk's default
        /// is `profile email`.
        scopes?: SpaceSeparated = "scopes" ("Scopes", MultiChoice, SCOPES),
        /// Show a consent screen (default true).
        consent_screen_enabled?: bool = "consentScreenEnabled" ("Consent screen", Boolean),
        /// Require PKCE (default false).
        pkce_required?: bool = "pkceRequired" ("Require PKCE", Boolean),
        /// A public client: no secret, PKCE.
        public?: bool = "public" ("Public client (no secret)", Boolean),
    }
}

input! {
    /// The input of `clients.update` on Clerk: only the fields given are sent. Its form
    /// fields are the create fields, none required.
    pub struct ClerkUpdateClient {
        /// The display name.
        name?: String = "name",
        /// Where users may be sent back after authorizing.
        redirect_uris?: Vec<String> = "redirectUris",
        /// Scopes.
        scopes?: SpaceSeparated = "scopes",
        /// Show a consent screen.
        consent_screen_enabled?: bool = "consentScreenEnabled",
        /// Require PKCE.
        pkce_required?: bool = "pkceRequired",
        /// A public client.
        public?: bool = "public",
    }
}
