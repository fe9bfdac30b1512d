//! Atlan OAuth clients (the Heracles service): the wire record, inputs and roles.
//!
//! Atlan's wire names are already camelCase.

use super::common::EpochMillis;

record! {
    /// An Atlan OAuth client as the API returns it.
    pub struct AtlanClient {
        /// The OAuth client id (`oauth-client-...`), used in paths.
        client_id: String = "clientId",
        /// The internal GUID.
        id?: String = "id",
        /// The display name.
        display_name?: String = "displayName",
        /// The description.
        description?: String = "description",
        /// The role's `$name` (e.g. `$admin`).
        role?: String = "role",
        /// Qualified names of the personas the client acts with.
        persona_q_ns?: Vec<String> = "personaQNs",
        /// Lifetime of the tokens it gets, in seconds.
        token_expiry_seconds?: i64 = "tokenExpirySeconds",
        /// Creation time, Unix milliseconds.
        created_at?: EpochMillis = "createdAt",
        /// Who created it.
        created_by?: String = "createdBy",
        /// Time of the last change, Unix milliseconds.
        updated_at?: EpochMillis = "updatedAt",
        /// Who changed it last.
        updated_by?: String = "updatedBy",
    }
}

input! {
    /// The input of `clients.create` on Atlan.
    pub struct AtlanCreateClient {
        /// The display name (`displayName` on the wire).
        name: String = "name" ("Name", String),
        /// The description.
        description?: String = "description" ("Description", String),
        /// The role: its name as the UI shows it (`Admin`, `Member`, `Guest`) or its `$name`.
        /// See `admin.atlan.roles.list()`.
        role: String = "role" ("Role (Admin, Member, Guest or a $name)", String),
        /// Qualified names of personas to grant.
        persona_q_ns?: Vec<String> = "personaQNs" ("Persona qualified names", StringList),
    }
}

input! {
    /// The input of `clients.update` on Atlan: only the name and description can change.
    pub struct AtlanUpdateClient {
        /// The display name (`displayName` on the wire).
        name?: String = "name" ("Name", String),
        /// The description.
        description?: String = "description" ("Description", String),
    }
}

record! {
    /// A workspace role a client can be given.
    pub struct AtlanRole {
        /// The role's GUID.
        id?: String = "id",
        /// The `$name` sent as a client's `role`.
        name: String = "name",
        /// The name the UI shows (`Admin`, `Member`, `Guest`).
        description?: String = "description",
        /// The level (`workspace`, `admin-subrole`).
        level?: String = "level",
        /// Whether it is a client role.
        client_role?: bool = "clientRole",
        /// Members holding it.
        member_count?: i64 = "memberCount",
        /// Users holding it.
        user_count?: i64 = "userCount",
    }
}
