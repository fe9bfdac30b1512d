//! Command line entry point: parse the port, bind 127.0.0.1, announce the URL
//! on stdout, serve until SIGINT/SIGTERM.

use std::future::IntoFuture;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use oauth_admin_emulator::{AppState, app, credentials};

const DEFAULT_PORT: u16 = 8787;
const PORT_ENV: &str = "EMULATOR_PORT";
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

enum Command {
    Serve { port: u16 },
    Help,
}

fn usage() -> String {
    let apis: String = oauth_admin_emulator::providers()
        .into_iter()
        .map(|(name, prefixes)| format!("  {name:<12}{}\n", prefixes.join(", ")))
        .collect();
    format!(
        "Usage: oauth-admin-emulator [--port N]\n\n\
         Serves in-memory stand-ins for these OAuth-client APIs on http://127.0.0.1:PORT:\n\
         {apis}\n\
         Options:\n  \
           --port N    port to bind on 127.0.0.1 (default {DEFAULT_PORT}, 0 = any free port;\n              \
                       also read from ${PORT_ENV})\n  \
           -h, --help  print this help\n\n\
         Credentials:\n  {}\n\n\
         Test hooks (no credentials):\n  \
           POST /__emulator/reset              restore the seed data, clear faults and the request log\n  \
           POST /__emulator/faults             queue {{\"path\": prefix, \"method\"?, \"status\"?, \"retryAfter\"?,\n                                      \
                                               \"count\"? (1), \"latencyMs\"?, \"body\"?}}\n  \
           GET|DELETE /__emulator/faults       list or clear queued faults\n  \
           GET|DELETE /__emulator/requests     recorded provider requests (credentials redacted)\n  \
           DELETE /__emulator/tokens           revoke every access token a token endpoint issued\n",
        credentials::lines().join("\n  ")
    )
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("invalid port {text:?}"))
}

fn parse_args(
    args: impl IntoIterator<Item = String>,
    env_port: Option<String>,
) -> Result<Command, String> {
    let mut port = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--port" | "-p" => {
                let value = args.next().ok_or("--port needs a value")?;
                port = Some(parse_port(&value)?);
            }
            _ => match arg.strip_prefix("--port=") {
                Some(value) => port = Some(parse_port(value)?),
                None => return Err(format!("unknown argument {arg:?}")),
            },
        }
    }
    let port = match port {
        Some(port) => port,
        None => env_port
            .as_deref()
            .filter(|value| !value.trim().is_empty())
            .map(parse_port)
            .transpose()?
            .unwrap_or(DEFAULT_PORT),
    };
    Ok(Command::Serve { port })
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

async fn serve(port: u16) -> std::io::Result<()> {
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
        "oauth-admin emulator listening on http://{address}\ncredentials: {}\n",
        credentials::summary()
    );
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(banner.as_bytes())?;
    stdout.flush()?;
    drop(stdout);
    let serving = axum::serve(listener, app(AppState::seeded()))
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
    match parse_args(std::env::args().skip(1), std::env::var(PORT_ENV).ok()) {
        Ok(Command::Help) => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Ok(Command::Serve { port }) => match serve(port).await {
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

    fn port_of(args: &[&str], env: Option<&str>) -> Result<u16, String> {
        match parse_args(args.iter().map(|a| (*a).to_owned()), env.map(str::to_owned))? {
            Command::Serve { port } => Ok(port),
            Command::Help => Err("help".into()),
        }
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
