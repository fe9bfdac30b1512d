//! The binary itself: ready line, ephemeral port, loopback-only bind, clean
//! exit on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const READY_PREFIX: &str = "oauth-admin emulator listening on http://127.0.0.1:";

#[test]
fn prints_the_ready_line_serves_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oauth-admin-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn emulator");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("ready line");
    let port: u16 = line
        .trim_end()
        .strip_prefix(READY_PREFIX)
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected ready line {line:?}"));
    assert_ne!(port, 0);

    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .write_all(b"GET /api/service/roles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer atlan-emulator-token\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("$admin"));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "emulator did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
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
    ] {
        assert!(help.contains(needle), "{needle} missing from {help}");
    }
}
