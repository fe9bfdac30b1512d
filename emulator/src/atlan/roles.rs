//! The tenant's roles, as `GET /api/service/roles` lists them. Fixed: the
//! emulator has no way to change roles.

use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub client_role: bool,
    pub level: &'static str,
    pub member_count: u32,
    pub user_count: u32,
}

/// `$api-token-default-access` sits at a level outside the SDK's usual
/// `$or: workspace | admin-subrole` filter, so that filter visibly matters.
pub const ROLES: &[Role] = &[
    Role {
        id: "0f2b9a4e-6c1d-4e5a-9b7c-000000000001",
        name: "$admin",
        description: "Admin",
        client_role: false,
        level: "workspace",
        member_count: 3,
        user_count: 3,
    },
    Role {
        id: "0f2b9a4e-6c1d-4e5a-9b7c-000000000002",
        name: "$member",
        description: "Member",
        client_role: false,
        level: "workspace",
        member_count: 12,
        user_count: 12,
    },
    Role {
        id: "0f2b9a4e-6c1d-4e5a-9b7c-000000000003",
        name: "$guest",
        description: "Guest",
        client_role: false,
        level: "workspace",
        member_count: 4,
        user_count: 4,
    },
    Role {
        id: "0f2b9a4e-6c1d-4e5a-9b7c-000000000004",
        name: "$admin_connections",
        description: "Connection Admin",
        client_role: false,
        level: "admin-subrole",
        member_count: 1,
        user_count: 1,
    },
    Role {
        id: "0f2b9a4e-6c1d-4e5a-9b7c-000000000005",
        name: "$api-token-default-access",
        description: "API Token Default Access",
        client_role: true,
        level: "default-roles",
        member_count: 0,
        user_count: 0,
    },
];

pub fn exists(name: &str) -> bool {
    ROLES.iter().any(|role| role.name == name)
}

pub fn names() -> String {
    ROLES
        .iter()
        .map(|role| role.name)
        .collect::<Vec<_>>()
        .join(", ")
}
