//! The binary itself: ready line, ephemeral port, loopback-only bind, clean
//! and prompt exit on SIGTERM, and who may call the test hooks over a real
//! socket (with the Host header every HTTP/1.1 client sends).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const READY_PREFIX: &str = "oauth-admin emulator listening on http://127.0.0.1:";

fn spawn() -> (Child, u16) {
    let (child, port, _) = spawn_with(&[], &[]);
    (child, port)
}

/// Starts the emulator with extra arguments and environment; returns it, its
/// port and the banner (the three lines it prints when ready).
fn spawn_with(args: &[&str], env: &[(&str, &str)]) -> (Child, u16, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oauth-admin-emulator"))
        .args(["--port", "0"])
        .args(args)
        .env_remove("EMULATOR_ALLOW_ORIGIN")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emulator");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut banner = String::new();
    for _ in 0..3 {
        stdout.read_line(&mut banner).expect("banner line");
    }
    let port = banner
        .lines()
        .next()
        .and_then(|line| line.strip_prefix(READY_PREFIX))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected ready line {banner:?}"));
    (child, port, banner)
}

/// Sends `request` (without the Host line) and returns the raw response.
fn http(port: u16, request: &str) -> String {
    http_as(port, &format!("127.0.0.1:{port}"), request)
}

/// `http` with the given Host header, as a page on that host name would send.
fn http_as(port: u16, host: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = request.replacen(
        "\r\n",
        &format!("\r\nHost: {host}\r\nConnection: close\r\n"),
        1,
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

/// SIGTERM, then the exit status and how long the exit took.
fn terminate(child: &mut Child) -> (ExitStatus, Duration) {
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            return (exit, sent.elapsed());
        }
        assert!(
            sent.elapsed() < Duration::from_secs(10),
            "emulator did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn serves_logs_and_stops_on_sigterm() {
    let (mut child, port) = spawn();
    let response = http(
        port,
        "GET /api/service/roles HTTP/1.1\r\nAuthorization: Bearer atlan-emulator-token\r\n\r\n",
    );
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("$admin"));

    let (exit, _) = terminate(&mut child);
    assert!(exit.success(), "{exit:?}");
    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("stderr");
    assert!(log.contains("GET /api/service/roles 200"), "{log}");
    assert!(!log.contains("atlan-emulator-token"));
}

#[test]
fn a_signal_right_after_the_ready_line_is_a_clean_exit() {
    let (mut child, _) = spawn();
    let (exit, _) = terminate(&mut child);
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn a_held_request_delays_shutdown_by_the_grace_period_only() {
    let (mut child, port) = spawn();
    let fault = r#"{"path": "/v1", "latencyMs": 60000}"#;
    let queued = http(
        port,
        &format!(
            "POST /__emulator/faults HTTP/1.1\r\nContent-Length: {}\r\n\r\n{fault}",
            fault.len()
        ),
    );
    assert!(queued.starts_with("HTTP/1.1 204"), "{queued}");
    let held = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .write_all(b"GET /v1/oauth_applications HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let mut sink = Vec::new();
        let _ = stream.read_to_end(&mut sink);
    });
    std::thread::sleep(Duration::from_millis(200));
    let (exit, took) = terminate(&mut child);
    assert!(exit.success(), "{exit:?}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    held.join().expect("client thread");
}

#[test]
fn help_lists_the_credentials() {
    let output = Command::new(env!("CARGO_BIN_EXE_oauth-admin-emulator"))
        .arg("--help")
        .output()
        .expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "--port",
        "cf-emulator-token",
        "cf-emulator-key",
        "0123456789abcdef0123456789abcdef",
        "sk_test_emulator",
        "atlan-emulator-token",
        "/api/service",
        "DELETE /__emulator/tokens",
        "--allow-origin",
        "EMULATOR_ALLOW_ORIGIN",
    ] {
        assert!(help.contains(needle), "{needle} missing from {help}");
    }
}

/// The allow-origin header of a raw response, if any.
fn allow_origin(response: &str) -> Option<&str> {
    response.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("access-control-allow-origin")
            .then(|| value.trim())
    })
}

#[test]
fn hooks_answer_only_same_origin_and_the_allowed_page() {
    let (mut child, port, banner) = spawn_with(
        &["--allow-origin", "http://127.0.0.1:9/"],
        &[("EMULATOR_ALLOW_ORIGIN", "http://ignored.test")],
    );
    assert!(
        banner.contains("test hooks answer: no Origin, same-origin, http://127.0.0.1:9\n"),
        "{banner}"
    );
    let read = |origin: &str| {
        http(
            port,
            &format!("GET /__emulator/requests HTTP/1.1\r\nOrigin: {origin}\r\n\r\n"),
        )
    };
    let direct = http(port, "GET /__emulator/requests HTTP/1.1\r\n\r\n");
    assert!(direct.starts_with("HTTP/1.1 200"), "{direct}");
    assert_eq!(allow_origin(&direct), None);
    let same = read(&format!("http://127.0.0.1:{port}"));
    assert!(same.starts_with("HTTP/1.1 200"), "{same}");
    assert_eq!(allow_origin(&same), None);
    let demo = read("http://127.0.0.1:9");
    assert!(demo.starts_with("HTTP/1.1 200"), "{demo}");
    assert_eq!(allow_origin(&demo), Some("http://127.0.0.1:9"));
    for hostile in [
        "http://127.0.0.1:10",
        "http://ignored.test",
        "https://evil.example",
        "null",
    ] {
        let reply = read(hostile);
        assert!(reply.starts_with("HTTP/1.1 403"), "{hostile}: {reply}");
        assert_eq!(allow_origin(&reply), None);
    }
    // DNS rebinding: the browser calls it same-origin, but the Host names another site.
    let rebound = http_as(
        port,
        &format!("evil.example:{port}"),
        "GET /__emulator/requests HTTP/1.1\r\n\r\n",
    );
    assert!(rebound.starts_with("HTTP/1.1 403"), "{rebound}");
    // The provider APIs still answer any page.
    let api = http(
        port,
        "GET /api/service/roles HTTP/1.1\r\nOrigin: https://evil.example\r\nAuthorization: Bearer atlan-emulator-token\r\n\r\n",
    );
    assert!(api.starts_with("HTTP/1.1 200"), "{api}");
    assert_eq!(allow_origin(&api), Some("*"));
    let (exit, _) = terminate(&mut child);
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn allowed_origins_can_come_from_the_environment_and_bad_ones_stop_the_start() {
    let (mut child, port, banner) = spawn_with(
        &[],
        &[(
            "EMULATOR_ALLOW_ORIGIN",
            "http://a.test, http://b.test:8080/",
        )],
    );
    assert!(
        banner.contains("http://a.test, http://b.test:8080\n"),
        "{banner}"
    );
    let reply = http(
        port,
        "GET /__emulator/faults HTTP/1.1\r\nOrigin: http://b.test:8080\r\n\r\n",
    );
    assert_eq!(allow_origin(&reply), Some("http://b.test:8080"), "{reply}");
    let (exit, _) = terminate(&mut child);
    assert!(exit.success(), "{exit:?}");

    let output = Command::new(env!("CARGO_BIN_EXE_oauth-admin-emulator"))
        .args(["--port", "0", "--allow-origin", "*"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("allowed origin \"*\""));
}
