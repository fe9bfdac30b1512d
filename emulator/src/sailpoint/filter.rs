//! The `filters` of `GET /oauth-clients`: the standard collection parameter
//! syntax, of which this endpoint supports only `lastUsed` with `le` and
//! `isnull`. Terms combine with `and` (binding tighter) and `or`; anything
//! else is a 400, as ISC answers unsupported filters.

use super::client::ApiClient;

#[derive(Debug, PartialEq)]
enum Term {
    /// `lastUsed le <time>`: used at or before, in epoch milliseconds.
    LastUsedAtMost(i64),
    /// `lastUsed isnull`: never used.
    NeverUsed,
}

/// A disjunction of conjunctions.
#[derive(Debug, PartialEq)]
pub struct Filter(Vec<Vec<Term>>);

impl Filter {
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split(" or ")
            .map(|all| all.split(" and ").map(term).collect())
            .collect::<Result<_, _>>()
            .map(Filter)
    }

    pub fn matches(&self, client: &ApiClient) -> bool {
        self.0.iter().any(|all| {
            all.iter().all(|term| match term {
                Term::LastUsedAtMost(at) => client.last_used.is_some_and(|used| used <= *at),
                Term::NeverUsed => client.last_used.is_none(),
            })
        })
    }
}

fn term(text: &str) -> Result<Term, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        ["lastUsed", "isnull"] => Ok(Term::NeverUsed),
        ["lastUsed", "le", time] => parse_time(time)
            .map(Term::LastUsedAtMost)
            .ok_or_else(|| format!("'{time}' is not a valid date-time")),
        ["lastUsed", op, ..] => Err(format!("operator '{op}' is not supported for lastUsed")),
        [field, ..] => Err(format!("filtering on '{field}' is not supported")),
        [] => Err("empty filter".into()),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` to epoch milliseconds.
pub fn parse_time(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(['T', 't'])?;
    let mut date_parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (
        date_parts.next()??,
        date_parts.next()??,
        date_parts.next()??,
    );
    let (clock, offset_minutes) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, zone) = time.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let (h, m) = zone.get(1..)?.split_once(':')?;
        (
            clock,
            sign * (h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?),
        )
    };
    let (whole, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut hms = whole.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    let millis = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<3}").get(..3)?.parse::<i64>().ok()?
    };
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_with_zones_and_fractions() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_time("2025-01-01T00:00:00.000Z"),
            Some(1_735_689_600_000)
        );
        assert_eq!(
            parse_time("2025-01-01T02:00:00.5+02:00"),
            Some(1_735_689_600_500)
        );
        assert_eq!(
            parse_time("2024-12-31T19:00:00-05:00"),
            Some(1_735_689_600_000)
        );
        for bad in [
            "2025-01-01",
            "2025-13-01T00:00:00Z",
            "x",
            "2025-01-01T00:00:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_last_used_le_and_isnull_are_supported() {
        assert_eq!(
            Filter::parse("lastUsed le 1970-01-01T00:00:00Z or lastUsed isnull"),
            Ok(Filter(vec![
                vec![Term::LastUsedAtMost(0)],
                vec![Term::NeverUsed]
            ]))
        );
        for bad in [
            "name eq \"x\"",
            "lastUsed lt 2025-01-01T00:00:00Z",
            "lastUsed le soon",
            "",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }
}
