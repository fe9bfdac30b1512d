//! The account's OAuth M2M token endpoint.

use super::*;

/// The OAuth error body (`{error, error_description}`) the token endpoint answers with.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// `POST /oidc/accounts/{account}/v1/token`: `grant_type=client_credentials`,
/// `scope=all-apis`, the client id and secret as HTTP Basic.
pub async fn issue_token(
    State(state): State<AppState>,
    Path(account): Path<String>,
    request: Request,
) -> Response {
    let basic = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .map(str::to_owned);
    let Ok(body) = axum::body::to_bytes(request.into_body(), 64 * 1024).await else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "unreadable body",
        );
    };
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if account != ACCOUNT_ID {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "unknown account",
        );
    }
    if field("grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let scope = field("scope").unwrap_or_default();
    if !scope.split(' ').any(|s| s == "all-apis") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "scope must include all-apis",
        );
    }
    let expected = format!("{M2M_CLIENT_ID}:{M2M_SECRET}");
    if basic.as_deref().and_then(paging::base64_decode).as_deref() != Some(expected.as_bytes()) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed",
        );
    }
    let token = state.with(|store| {
        let token = format!("dbx-oauth-{}", store.ids.alphanumeric(40));
        db(store).issued_tokens.push(token.clone());
        token
    });
    Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME_SECS,
        "scope": "all-apis",
    }))
    .into_response()
}
