//! The binary itself: ready line, ephemeral port, loopback-only bind, clean
//! and prompt exit on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const READY_PREFIX: &str = "oauth-admin emulator listening on http://127.0.0.1:";

fn spawn() -> (Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oauth-admin-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emulator");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("ready line");
    let port = line
        .trim_end()
        .strip_prefix(READY_PREFIX)
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected ready line {line:?}"));
    (child, port)
}

/// Sends `request` (without the Host line) and returns the raw response.
fn http(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let request = request.replacen("\r\n", "\r\nHost: 127.0.0.1\r\nConnection: close\r\n", 1);
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
    ] {
        assert!(help.contains(needle), "{needle} missing from {help}");
    }
}
