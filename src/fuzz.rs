//! A seeded, deterministic mutation test over every response parser and the retry-header
//! parser: valid bodies of every provider mutated (bytes flipped, cut, values swapped for
//! huge numbers, deep nesting, long strings, wrong types), under every status. Every input
//! must end in a value or a typed error; a panic fails the test with the input that caused
//! it. `make test` runs a fixed number of inputs; `make fuzz` runs for a given time.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::provider::{Call, DynKind, Op};
use crate::request::HttpResponse;

/// xorshift64*: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Valid bodies of every provider and kind: the mutations start from these.
const CORPUS: &[&str] = &[
    r#"{"success":true,"errors":[],"messages":[],"result":[{"client_id":"a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4","visibility":"private","client_name":"App","redirect_uris":["https://a.test/cb"],"scopes":["openid"],"grant_types":["authorization_code"],"response_types":["code"],"token_endpoint_auth_method":"client_secret_basic","client_uri_verification":{"status":"pending","text":"x"},"has_rotated_secret":false,"created_at":"2024-01-01T00:00:00Z"}]}"#,
    r#"{"success":true,"errors":[],"messages":[],"result":{"client_id":"a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4","visibility":"public","client_secret":"s3cret"}}"#,
    r#"{"success":false,"errors":[{"code":10000,"message":"Authentication error","source":{"pointer":"/name"}}],"messages":[],"result":null}"#,
    r#"{"success":true,"result":[{"id":"account.read","name":"Account Read","category":"Account","scopes":["a"]}]}"#,
    r#"{"data":[{"object":"oauth_application","id":"oauth_app_1","name":"A","client_id":"c","public":false,"scopes":"profile email","redirect_uris":["https://a.test"],"created_at":1700000000000,"updated_at":"1700000000001"}],"total_count":1}"#,
    r#"{"id":"oauth_app_1","client_secret":"s","scopes":"profile","pkce_required":true}"#,
    r#"{"errors":[{"message":"bad","long_message":"Bad request","code":"form_param_invalid","meta":{"param_name":"name"}}],"clerk_trace_id":"t"}"#,
    r#"{"totalRecord":2,"filterRecord":1,"records":[{"clientId":"oauth-client-1","id":"g","displayName":"D","role":"$admin","personaQNs":["p"],"tokenExpirySeconds":600,"createdAt":1700000000000,"createdBy":"me"}]}"#,
    r#"{"totalRecord":3,"filterRecord":3,"records":[{"id":"r","name":"$admin","description":"Admin","level":"workspace","clientRole":false,"memberCount":3,"userCount":2}]}"#,
    r#"{"errorCode":"ATLAN-404","errorMessage":"nope","errorId":"e","causes":[{"errorType":"x","errorMessage":"y","location":"z"}],"errorCause":["w",1]}"#,
    r#"{"registration_access_token":"reg-1","registration_client_uri":"https://as.example.com/reg/s6B","client_id":"s6B","client_secret":"s","client_id_issued_at":2893256800,"client_secret_expires_at":0,"client_name":"App","client_name#ja-Jpan-JP":"x","redirect_uris":["https://c.test/cb"],"grant_types":["authorization_code"],"response_types":["code"],"token_endpoint_auth_method":"client_secret_basic","scope":"a b","jwks":{"keys":[]},"x_ext":1}"#,
    r#"{"error":"invalid_client_metadata","error_description":"The grant type 'authorization_code' must be registered along with the response type 'code'"}"#,
    r#"{"records":null}"#,
    r#"[{"id":"ef38f94347e94562b5bb8424a56397d8","name":"App","grantTypes":["CLIENT_CREDENTIALS","DEVICE"],"accessType":"OFFLINE","type":"CONFIDENTIAL","enabled":true,"accessTokenValiditySeconds":750,"redirectUris":null,"scope":["sp:scopes:all"],"created":"2017-07-11T18:45:37.098Z","lastUsed":null}]"#,
    r#"{"id":"ef38f94347e94562b5bb8424a56397d8","secret":"s","name":"App","internal":false,"metadata":"m","lastUsed":"2025-01-01T00:00:00Z"}"#,
    r#"{"detailCode":"400.1 Bad Request Content","trackingId":"t","messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"bad"}],"causes":[{"locale":null,"localeOrigin":null,"text":"c"}]}"#,
    r#"{"error":"JWT validation failed: JWT is expired"}"#,
    r#"{"message":" Rate Limit Exceeded "}"#,
    r#"{"apps":[{"integration_id":"i","client_id":"c","name":"A","confidential":true,"redirect_urls":["https://a.test/cb"],"scopes":["all-apis"],"token_access_policy":{"access_token_ttl_in_minutes":60},"principal_id":9007199254740993,"created_by":"4611686018427387904"}],"next_page_token":"t"}"#,
    r#"{"integration_id":"i","client_id":"c","client_secret":"s","principal_id":"9007199254740993"}"#,
    r#"{"apps":[{"app_id":"power-bi","is_confidential_client":false,"scopes":["all-apis"]}],"next_page_token":""}"#,
    r#"{"secrets":[{"id":"s1","secret_hash":"h","status":"ACTIVE","scopes":[],"create_time":"2025-01-01T00:00:00Z"}]}"#,
    r#"{"id":"s1","secret":"dose","expire_time":"2027-01-01T00:00:00Z"}"#,
    r#"{"policies":[{"policy_id":"p","oidc_policy":{"issuer":"https://i","audiences":["a"]},"service_principal_id":7}]}"#,
    r#"{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"m","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retry_delay":"1.5s"},{"@type":"google.rpc.BadRequest","field_violations":[{"field":"f"}]}]}"#,
    "RESOURCE_DOES_NOT_EXIST: gone",
    "<html><title>t</title><pre>p</pre></html>",
    "",
    "null",
    "[]",
];

/// Values swapped into bodies: each a way a server (or a proxy) has been seen to misbehave.
const ODD_VALUES: &[&str] = &[
    "1e400",
    "-1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "0.0000000000000000000001",
    "-0",
    "null",
    "true",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "{}",
    "[]",
    "[null]",
    "{\"a\":{\"b\":{}}}",
    "\"2024-02-30T25:61:61Z\"",
    "\"99999999999999999999999\"",
];

/// Retry-After values: seconds, dates, nonsense.
const RETRY_AFTER: &[&str] = &[
    "0",
    "120",
    "18446744073709551615",
    "99999999999999999999999",
    "-1",
    "1.5",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Fri, 31 Dec 99999999999 23:59:59 GMT",
    "Mon, 32 Jan 2024 00:00:00 GMT",
    "",
    "GMT",
    "Sun, 06 Nov 1994 24:00:61 GMT",
];

const STATUSES: &[u16] = &[
    200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 503,
];
const OPS: &[Op] = &[
    Op::List,
    Op::Get,
    Op::Create,
    Op::Update,
    Op::Delete,
    Op::RotateSecret,
    Op::DeleteRotatedSecret,
];

/// Every kind of every provider, connected with throwaway options.
fn kinds() -> Vec<Box<dyn DynKind>> {
    [
        serde_json::json!({"provider": "cloudflare", "accountId": "0123456789abcdef0123456789abcdef", "auth": {"bearer": "t"}}),
        serde_json::json!({"provider": "clerk", "auth": {"bearer": "t"}}),
        serde_json::json!({"provider": "atlan", "auth": {"bearer": "t"}, "baseUrl": "https://acme.atlan.com"}),
        serde_json::json!({"provider": "sailpoint", "auth": {"bearer": "t"}, "baseUrl": "https://acme.api.identitynow.com"}),
        serde_json::json!({"provider": "rfc7591", "registrationEndpoint": "https://as.example.com/reg"}),
        serde_json::json!({"provider": "databricks", "accountId": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "auth": {"bearer": "t"}}),
    ]
    .into_iter()
    .filter_map(|options| crate::config::resolve(options).ok())
    .flat_map(|resolved| resolved.connection.kinds)
    .collect()
}

/// A call naming as many (numeric) parent ids as `kind` takes, so its parser runs.
fn with_parents(kind: &dyn DynKind) -> Call {
    Call {
        parents: vec!["1".to_owned(); kind.parents()],
        ..Call::default()
    }
}

fn mutate(rng: &mut Rng, body: &str) -> String {
    let mut bytes = body.as_bytes().to_vec();
    match rng.below(9) {
        0 if !bytes.is_empty() => {
            let at = rng.below(bytes.len());
            bytes[at] = u8::try_from(rng.below(256)).unwrap_or(b'x');
        }
        1 => bytes.truncate(rng.below(bytes.len() + 1)),
        2 => {
            // A value swapped for an odd one, after a random colon.
            let colons: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b':').collect();
            if !colons.is_empty() {
                let at = colons[rng.below(colons.len())] + 1;
                let end = bytes[at..]
                    .iter()
                    .position(|&b| b == b',' || b == b'}')
                    .map_or(bytes.len(), |p| at + p);
                bytes.splice(at..end, rng.pick(ODD_VALUES).bytes());
            }
        }
        3 => {
            let depth = 100 + rng.below(200);
            return format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        }
        4 => {
            let depth = 100 + rng.below(200);
            return format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        }
        5 => {
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, rng.pick(ODD_VALUES).bytes());
        }
        6 => {
            // A string field made long.
            let long = "x".repeat(1 + rng.below(100_000));
            return body.replacen("\"App\"", &format!("\"{long}\""), 1);
        }
        7 => return rng.pick(ODD_VALUES).to_string(),
        _ => {}
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `inputs` inputs (or until `deadline`), returning how many ran.
fn run(seed: u64, inputs: usize, deadline: Option<Instant>) -> usize {
    let kinds = kinds();
    assert!(kinds.len() >= 6, "every provider's kinds are fuzzed");
    let mut rng = Rng(seed);
    let mut count = 0;
    let registered = Call {
        id: Some("s6B".into()),
        input: Some(serde_json::json!({"clientName": "App"})),
        registration: Some(crate::model::Registration {
            client_id: "s6B".into(),
            registration_client_uri: "https://as.example.com/reg/s6B".into(),
            registration_access_token: crate::model::Secret::new("reg-1"),
        }),
        ..Call::default()
    };
    while count < inputs && deadline.is_none_or(|d| Instant::now() < d) {
        let seed_body = *rng.pick(CORPUS);
        let body = mutate(&mut rng, seed_body);
        let resp = HttpResponse {
            status: *rng.pick(STATUSES),
            headers: vec![("retry-after".into(), (*rng.pick(RETRY_AFTER)).into())],
            body,
        };
        let kind = &kinds[rng.below(kinds.len())];
        let op = *rng.pick(OPS);
        let call = with_parents(kind.as_ref());
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let _ = kind.parse(op, &call, &resp);
            // What a response says about the registration, and an update built from a read.
            let _ = kind.registration(&registered, &resp);
            let _ = kind.build(op, &registered, Some(&resp));
            let _ = crate::retry::retry_after(
                resp.header("retry-after"),
                resp.header("retry-after"),
                1_700_000_000,
            );
        }));
        assert!(
            outcome.is_ok(),
            "panic on input {count} (seed {seed}): {op:?} status {} body {:?}",
            resp.status,
            resp.body.chars().take(300).collect::<String>()
        );
        count += 1;
    }
    count
}

#[test]
fn fifty_thousand_mutated_responses_end_in_values_or_typed_errors() {
    assert_eq!(run(0x5eed_0a07_ad31_4e55, 50_000, None), 50_000);
}

#[test]
fn one_ten_megabyte_string_is_read_or_refused_without_panic() {
    let huge = format!(
        r#"{{"id":"oauth_app_1","name":"{}"}}"#,
        "n".repeat(10 * 1024 * 1024)
    );
    let resp = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: huge,
    };
    for kind in kinds() {
        for op in OPS {
            let _ = kind.parse(*op, &with_parents(kind.as_ref()), &resp);
        }
    }
}

/// `make fuzz`: runs for `FUZZ_SECONDS` (default 60) from a seed taken from the clock,
/// printed so a failure can be replayed.
#[test]
#[ignore = "runs for a given time; `make fuzz`"]
fn fuzz_for_a_while() {
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64 | 1)
        });
    println!("fuzzing for {seconds} s with FUZZ_SEED={seed}");
    let ran = run(
        seed,
        usize::MAX,
        Some(Instant::now() + Duration::from_secs(seconds)),
    );
    println!("{ran} inputs, no panic");
}
