//! The retry policy as a pure function: given what happened on an attempt, stop or wait.
//!
//! Sleeping and re-sending stay in `client`; this module only decides, so every rule is a
//! row in a table test.

use std::time::Duration;

/// What an attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// No answer arrived (connection refused, reset, DNS): the server may or may not have acted.
    ConnectionFailed,
}

/// The server's hints on a response, read from its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hints {
    /// `Retry-After` / `retry-after-ms`, already converted to a wait.
    pub retry_after: Option<Duration>,
    /// `x-should-retry: true|false`, which overrides the status rules.
    pub should_retry: Option<bool>,
}

/// The decision for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Give up and report the outcome.
    Stop,
    /// Send again after this wait.
    Retry(Duration),
}

/// How hard to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// The first backoff wait; each retry doubles it.
    pub initial_backoff: Duration,
    /// The longest backoff wait.
    pub max_backoff: Duration,
    /// A server-requested wait longer than this is not waited out: the error is reported
    /// with its `retryAfterMs` so the caller can decide.
    pub max_retry_after: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Decides what to do after attempt number `attempt` (0 for the first) ended with `outcome`.
///
/// `idempotent` says whether repeating the request cannot duplicate a write. Such requests
/// are retried on connection failures, 408, 429 and 5xx; others only on 429, which providers
/// send before doing any work. `jitter` in `0.0..1.0` shortens a computed backoff by up to 25%
/// so that many clients do not retry in lockstep; a server's own `Retry-After` is kept as is.
pub fn decide(
    policy: &Policy,
    attempt: u32,
    idempotent: bool,
    outcome: Outcome,
    hints: Hints,
    jitter: f64,
) -> Decision {
    if attempt >= policy.max_retries {
        return Decision::Stop;
    }
    let retryable = match (outcome, hints.should_retry) {
        (Outcome::Status(s), _) if (200..400).contains(&s) => false,
        (_, Some(explicit)) => explicit && (idempotent || outcome == Outcome::Status(429)),
        (Outcome::Status(429), None) => true,
        (Outcome::Status(s), None) => idempotent && (s == 408 || s >= 500),
        (Outcome::ConnectionFailed, None) => idempotent,
    };
    if !retryable {
        return Decision::Stop;
    }
    match hints.retry_after {
        Some(wait) if wait > policy.max_retry_after => Decision::Stop,
        Some(wait) => Decision::Retry(wait),
        None => Decision::Retry(backoff(policy, attempt, jitter)),
    }
}

fn backoff(policy: &Policy, attempt: u32, jitter: f64) -> Duration {
    let doubled = policy
        .initial_backoff
        .saturating_mul(1u32.checked_shl(attempt).unwrap_or(u32::MAX));
    let capped = doubled.min(policy.max_backoff);
    // Whole microseconds in integer arithmetic: `Duration::mul_f64` links float-to-Duration
    // conversion and its error formatting.
    let micros = u64::try_from(capped.as_micros()).unwrap_or(u64::MAX);
    let kept = 1.0 - 0.25 * jitter.clamp(0.0, 1.0);
    Duration::from_micros((micros as f64 * kept) as u64)
}

/// Reads the wait a response asks for: `retry-after-ms`, else `Retry-After` as seconds or
/// as an HTTP date (relative to `now_unix_secs`). A date in the past means "now".
pub fn retry_after(
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    now_unix_secs: u64,
) -> Option<Duration> {
    if let Some(wait) = retry_after_ms.and_then(|v| parse_millis(v.trim())) {
        return Some(wait);
    }
    let value = retry_after?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    Some(Duration::from_secs(at.saturating_sub(now_unix_secs)))
}

/// Reads a non-negative decimal number of milliseconds (`1500`, `1.5`) to the microsecond,
/// without `str::parse::<f64>` (whose tables and code cost the wasm module kilobytes).
fn parse_millis(value: &str) -> Option<Duration> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let ms: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let micros = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |acc, b| acc * 10 + u64::from(b - b'0'));
    Some(Duration::from_millis(ms) + Duration::from_micros(micros))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
fn parse_http_date(value: &str) -> Option<u64> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    // Years past 9999 are not dates a server means (and would overflow the arithmetic).
    if parts.next()? != "GMT"
        || !(1..=31).contains(&day)
        || !(1..=9999).contains(&year)
        || h > 23
        || m > 59
        || s > 60
    {
        return None;
    }
    let days = u64::try_from(days_from_civil(year, month, day)).ok()?;
    days.checked_mul(86_400)?
        .checked_add(h * 3_600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: u64, day: u64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;
    const MS: fn(u64) -> Duration = Duration::from_millis;

    fn hints(retry_after: Option<Duration>, should_retry: Option<bool>) -> Hints {
        Hints {
            retry_after,
            should_retry,
        }
    }

    #[test]
    fn decision_table() {
        let p = Policy::default();
        let none = Hints::default();
        let rows: &[(u32, bool, Outcome, Hints, Decision)] = &[
            (0, true, Outcome::Status(200), none, Decision::Stop),
            (0, true, Outcome::Status(404), none, Decision::Stop),
            (0, true, Outcome::Status(400), none, Decision::Stop),
            (
                0,
                true,
                Outcome::Status(429),
                hints(Some(S(1)), None),
                Decision::Retry(S(1)),
            ),
            // A 429 was refused before any work: safe to repeat even a POST.
            (
                0,
                false,
                Outcome::Status(429),
                hints(Some(S(2)), None),
                Decision::Retry(S(2)),
            ),
            (
                0,
                true,
                Outcome::Status(503),
                none,
                Decision::Retry(MS(500)),
            ),
            (1, true, Outcome::Status(500), none, Decision::Retry(S(1))),
            // A POST that hit a 500 may have created something: never repeat it.
            (0, false, Outcome::Status(500), none, Decision::Stop),
            (0, false, Outcome::ConnectionFailed, none, Decision::Stop),
            (
                0,
                true,
                Outcome::ConnectionFailed,
                none,
                Decision::Retry(MS(500)),
            ),
            (
                0,
                true,
                Outcome::Status(408),
                none,
                Decision::Retry(MS(500)),
            ),
            (2, true, Outcome::Status(503), none, Decision::Stop),
            (
                0,
                true,
                Outcome::Status(503),
                hints(None, Some(false)),
                Decision::Stop,
            ),
            (
                0,
                true,
                Outcome::Status(409),
                hints(None, Some(true)),
                Decision::Retry(MS(500)),
            ),
            (
                0,
                false,
                Outcome::Status(500),
                hints(None, Some(true)),
                Decision::Stop,
            ),
            (
                0,
                true,
                Outcome::Status(429),
                hints(Some(S(61)), None),
                Decision::Stop,
            ),
        ];
        for (i, (attempt, idem, outcome, h, want)) in rows.iter().enumerate() {
            assert_eq!(
                decide(&p, *attempt, *idem, *outcome, *h, 0.0),
                *want,
                "row {i}"
            );
        }
    }

    #[test]
    fn backoff_doubles_caps_and_jitters_down() {
        let p = Policy {
            max_retries: 10,
            ..Policy::default()
        };
        let wait = |attempt, jitter| {
            decide(
                &p,
                attempt,
                true,
                Outcome::Status(503),
                Hints::default(),
                jitter,
            )
        };
        assert_eq!(wait(2, 0.0), Decision::Retry(S(2)));
        assert_eq!(wait(9, 0.0), Decision::Retry(S(8)));
        assert_eq!(wait(9, 1.0), Decision::Retry(S(6)));
        assert_eq!(wait(0, 7.0), Decision::Retry(MS(375)), "jitter is clamped");
    }

    #[test]
    fn zero_retries_never_retries() {
        let p = Policy {
            max_retries: 0,
            ..Policy::default()
        };
        assert_eq!(
            decide(&p, 0, true, Outcome::Status(429), Hints::default(), 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(retry_after(None, Some("3"), now), Some(S(3)));
        assert_eq!(retry_after(Some("1500"), Some("3"), now), Some(MS(1500)));
        assert_eq!(retry_after(Some("junk"), Some("3"), now), Some(S(3)));
        assert_eq!(
            retry_after(Some("1.5"), None, now),
            Some(Duration::from_micros(1500))
        );
        assert_eq!(retry_after(Some("-1"), None, now), None);
        assert_eq!(retry_after(Some("."), None, now), None);
        assert_eq!(
            retry_after(None, Some("Sun, 06 Nov 1994 08:49:47 GMT"), now),
            Some(S(10))
        );
        assert_eq!(
            retry_after(None, Some("Sun, 06 Nov 1994 08:49:00 GMT"), now),
            Some(S(0))
        );
        assert_eq!(
            retry_after(None, Some("Sun, 06 Foo 1994 08:49:47 GMT"), now),
            None
        );
        assert_eq!(retry_after(None, Some("soon"), now), None);
        assert_eq!(retry_after(None, None, now), None);
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1994, 11, 6), 9_075);
    }

    #[test]
    fn far_or_malformed_dates_are_ignored_not_overflowed() {
        let now = 1_700_000_000;
        for value in [
            "Sun, 06 Nov 99999999999 08:49:37 GMT",
            "Sun, 06 Nov 10000 08:49:37 GMT",
            "Sun, 06 Nov -5 08:49:37 GMT",
            "Sun, 06 Nov 9223372036854775807 08:49:37 GMT",
            "Sun, 99 Nov 2030 08:49:37 GMT",
        ] {
            assert_eq!(retry_after(None, Some(value), now), None, "{value}");
        }
        assert_eq!(
            retry_after(None, Some("Fri, 31 Dec 9999 23:59:59 GMT"), now),
            Some(S(253_402_300_799 - now))
        );
        assert!(retry_after(Some("18446744073709551615"), None, now).is_some());
        assert!(retry_after(None, Some("18446744073709551615"), now).is_some());
    }
}
