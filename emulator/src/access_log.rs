//! One stderr line per request. Only method, path (never the query string,
//! which could carry a token) and status are written.

use std::io::Write;
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    // Not eprintln!: a harness that closed stderr must not turn every
    // request into a panic.
    let _ = writeln!(
        std::io::stderr().lock(),
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}
