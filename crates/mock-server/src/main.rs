//! `event-center-mock-server [--port N] [--events N] [--seed N] [--arrivals-per-second R] [--dist DIR] [--long-names] [--later-version] [--latency-ms N] [--sign-in session|oidc] [--oidc-token-lifetime SECONDS]`
//!
//! Serves the mock backend at http://127.0.0.1:PORT/api/v1 (port 0 picks a free one) and
//! prints the base URL on its first line, so scripts and tests can read where it listens.

use event_center_mock_server::{serve, ConsoleSignIn, Options, BASE_PATH};

fn main() {
    let mut options = Options::default();
    let mut port = 8081u16;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--port" => port = value().parse().unwrap_or_else(|_| usage("--port takes a number")),
            "--events" => {
                options.events = value().parse().unwrap_or_else(|_| usage("--events takes a number"))
            }
            "--seed" => options.seed = value().parse().unwrap_or_else(|_| usage("--seed takes a number")),
            "--arrivals-per-second" => {
                options.arrivals_per_second =
                    value().parse().unwrap_or_else(|_| usage("--arrivals-per-second takes a number"))
            }
            "--dist" => options.dist = Some(value().into()),
            "--long-names" => options.long_names = true,
            "--later-version" => options.later_version = true,
            "--sign-in" => {
                options.sign_in = match value().as_str() {
                    "token" => ConsoleSignIn::Token,
                    "session" => ConsoleSignIn::Session,
                    "oidc" => ConsoleSignIn::Oidc,
                    _ => usage("--sign-in takes token, session or oidc"),
                }
            }
            "--oidc-token-lifetime" => {
                let seconds =
                    value().parse().unwrap_or_else(|_| usage("--oidc-token-lifetime takes a number"));
                options.oidc_token_lifetime = std::time::Duration::from_secs(seconds)
            }
            "--latency-ms" => {
                options.latency_ms = value().parse().unwrap_or_else(|_| usage("--latency-ms takes a number"))
            }
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap_or_else(|e| {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1)
        });
        let addr = listener.local_addr().expect("a bound address");
        println!("http://{addr}{BASE_PATH}");
        tokio::select! {
            result = serve(listener, options) => result.expect("server"),
            _ = tokio::signal::ctrl_c() => {}
        }
    });
}

fn usage(problem: &str) -> ! {
    eprintln!("{problem}\nusage: event-center-mock-server [--port N] [--events N] [--seed N] [--arrivals-per-second R] [--dist DIR] [--long-names] [--later-version] [--latency-ms N] [--sign-in session|oidc] [--oidc-token-lifetime SECONDS]");
    std::process::exit(2)
}
