//! Command line entry point: parse the port and the origins allowed to call
//! the test hooks, bind 127.0.0.1, announce the URL on stdout, serve until
//! SIGINT/SIGTERM.

use std::future::IntoFuture;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use oauth_admin_emulator::{AllowedOrigins, AppState, app_allowing, credentials};

const DEFAULT_PORT: u16 = 8787;
const PORT_ENV: &str = "EMULATOR_PORT";
const ORIGIN_ENV: &str = "EMULATOR_ALLOW_ORIGIN";
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

enum Command {
    Serve {
        port: u16,
        hook_origins: AllowedOrigins,
    },
    Help,
}

fn usage() -> String {
    let apis: String = oauth_admin_emulator::providers()
        .into_iter()
        .map(|(name, prefixes)| format!("  {name:<12}{}\n", prefixes.join(", ")))
        .collect();
    format!(
        "Usage: oauth-admin-emulator [--port N] [--allow-origin URL]...\n\n\
         Serves in-memory stand-ins for these OAuth-client APIs on http://127.0.0.1:PORT:\n\
         {apis}\n\
         Options:\n  \
           --port N    port to bind on 127.0.0.1 (default {DEFAULT_PORT}, 0 = any free port;\n              \
                       also read from ${PORT_ENV})\n  \
           --allow-origin URL\n              \
                       a page origin (the demo page's) that may call the test hooks from a\n              \
                       browser, besides the emulator's own; repeatable. Without the option,\n              \
                       read from ${ORIGIN_ENV} (several separated by spaces or commas)\n  \
           -h, --help  print this help\n\n\
         Credentials:\n  {}\n\n\
         Test hooks (no credentials; from a browser only same-origin or an --allow-origin page):\n  \
           POST /__emulator/reset              restore the seed data, clear faults and the request log\n  \
           POST /__emulator/faults             queue {{\"path\": prefix, \"method\"?, \"status\"?, \"retryAfter\"?,\n                                      \
                                               \"count\"? (1), \"latencyMs\"?, \"body\"?, \"dropConnection\"?}}\n  \
           GET|DELETE /__emulator/faults       list or clear queued faults\n  \
           GET|DELETE /__emulator/requests     recorded provider requests (credentials and secrets redacted)\n  \
           DELETE /__emulator/tokens           revoke every access token a token endpoint issued\n",
        credentials::lines().join("\n  ")
    )
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("invalid port {text:?}"))
}

/// What the environment says, as `parse_args` reads it.
#[derive(Default)]
struct Env {
    port: Option<String>,
    allow_origin: Option<String>,
}

impl Env {
    fn read() -> Self {
        Self {
            port: std::env::var(PORT_ENV).ok(),
            allow_origin: std::env::var(ORIGIN_ENV).ok(),
        }
    }
}

fn parse_args(args: impl IntoIterator<Item = String>, env: Env) -> Result<Command, String> {
    let mut port = None;
    let mut origins: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" | "-p" => {
                let value = args.next().ok_or("--port needs a value")?;
                port = Some(parse_port(&value)?);
            }
            "--allow-origin" => {
                origins.push(args.next().ok_or("--allow-origin needs a URL")?);
            }
            _ => {
                if let Some(value) = arg.strip_prefix("--port=") {
                    port = Some(parse_port(value)?);
                } else if let Some(value) = arg.strip_prefix("--allow-origin=") {
                    origins.push(value.to_owned());
                } else {
                    return Err(format!("unknown argument {arg:?}"));
                }
            }
        }
    }
    if origins.is_empty() {
        origins = env
            .allow_origin
            .unwrap_or_default()
            .split([' ', ',', '\t', '\n'])
            .filter(|origin| !origin.is_empty())
            .map(str::to_owned)
            .collect();
    }
    let hook_origins = AllowedOrigins::parse(&origins)?;
    let port = match port {
        Some(port) => port,
        None => env
            .port
            .as_deref()
            .filter(|value| !value.trim().is_empty())
            .map(parse_port)
            .transpose()?
            .unwrap_or(DEFAULT_PORT),
    };
    Ok(Command::Serve { port, hook_origins })
}

/// SIGINT and SIGTERM. Unix listeners register when created, not when first
/// polled, so a harness that stops the emulator right after the ready line
/// still gets a clean exit instead of the default signal death.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    async fn received(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Who may call the test hooks, for the banner.
fn hook_callers(origins: &AllowedOrigins) -> String {
    let mut callers = String::from("no Origin, same-origin");
    for origin in origins.iter() {
        callers.push_str(", ");
        callers.push_str(origin);
    }
    callers
}

async fn serve(port: u16, hook_origins: AllowedOrigins) -> std::io::Result<()> {
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    let address = listener.local_addr()?;
    // Every listener is notified: one drains the connections, the other starts
    // the grace period after which the rest are dropped, so a request held
    // open by a latency fault cannot keep a test suite's teardown waiting.
    let drain = StopSignals::install()?;
    let give_up = StopSignals::install()?;
    // Harnesses wait for the first line and may close the pipe right after
    // it, so both lines go out in one write: a later, separate write could
    // fail with EPIPE and take the emulator down.
    let banner = format!(
        "oauth-admin emulator listening on http://{address}\ncredentials: {}\ntest hooks answer: {}\n",
        credentials::summary(),
        hook_callers(&hook_origins)
    );
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(banner.as_bytes())?;
    stdout.flush()?;
    drop(stdout);
    let serving = axum::serve(listener, app_allowing(AppState::seeded(), hook_origins))
        .with_graceful_shutdown(drain.received())
        .into_future();
    tokio::select! {
        result = serving => result,
        () = async {
            give_up.received().await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1), Env::read()) {
        Ok(Command::Help) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Ok(Command::Serve { port, hook_origins }) => match serve(port, hook_origins).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("oauth-admin-emulator: {error}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("oauth-admin-emulator: {message}\n\n{}", usage());
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], port: Option<&str>, origin: Option<&str>) -> Result<Command, String> {
        let env = Env {
            port: port.map(str::to_owned),
            allow_origin: origin.map(str::to_owned),
        };
        parse_args(args.iter().map(|a| (*a).to_owned()), env)
    }

    fn port_of(args: &[&str], env: Option<&str>) -> Result<u16, String> {
        match parse(args, env, None)? {
            Command::Serve { port, .. } => Ok(port),
            Command::Help => Err("help".into()),
        }
    }

    fn origins_of(args: &[&str], env: Option<&str>) -> Result<Vec<String>, String> {
        match parse(args, None, env)? {
            Command::Serve { hook_origins, .. } => {
                Ok(hook_origins.iter().map(str::to_owned).collect())
            }
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn allowed_origins_come_from_flags_or_else_the_environment() {
        assert_eq!(origins_of(&[], None), Ok(vec![]));
        assert_eq!(origins_of(&[], Some(" ")), Ok(vec![]));
        assert_eq!(
            origins_of(&["--allow-origin", "http://127.0.0.1:8080/"], None),
            Ok(vec!["http://127.0.0.1:8080".to_owned()])
        );
        assert_eq!(
            origins_of(
                &[
                    "--allow-origin=http://a.test",
                    "--allow-origin",
                    "http://b.test:81"
                ],
                Some("http://ignored.test")
            ),
            Ok(vec![
                "http://a.test".to_owned(),
                "http://b.test:81".to_owned()
            ])
        );
        assert_eq!(
            origins_of(&[], Some("http://a.test, http://b.test")),
            Ok(vec!["http://a.test".to_owned(), "http://b.test".to_owned()])
        );
        assert!(origins_of(&["--allow-origin"], None).is_err());
        assert!(origins_of(&["--allow-origin", "*"], None).is_err());
        assert!(origins_of(&[], Some("http://a.test/path")).is_err());
        assert_eq!(
            hook_callers(&AllowedOrigins::parse(["http://a.test"]).expect("valid")),
            "no Origin, same-origin, http://a.test"
        );
    }

    #[test]
    fn port_precedence() {
        assert_eq!(port_of(&[], None), Ok(DEFAULT_PORT));
        assert_eq!(port_of(&[], Some("9000")), Ok(9000));
        assert_eq!(port_of(&["--port", "0"], Some("9000")), Ok(0));
        assert_eq!(port_of(&["--port=1234"], None), Ok(1234));
        assert!(port_of(&["--port"], None).is_err());
        assert!(port_of(&["--port", "70000"], None).is_err());
        assert!(port_of(&["--bogus"], None).is_err());
        assert_eq!(port_of(&["--help"], None), Err("help".into()));
    }
}
