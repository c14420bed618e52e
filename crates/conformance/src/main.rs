//! `event-center-conformance BASE_URL [--token TOKEN] [--session-cookies COOKIES] [--spec openapi/event-center.yaml]`
//!
//! Checks a backend against the contract and prints one line per check; exits 1 if any failed.
//! With `--session-cookies` (a `Cookie` header's value: the platform's session cookie and its
//! `XSRF-TOKEN`), it also checks a session signed in by that cookie, and its CSRF rule.

use event_center_conformance::{check_session, project_spec_path, run, Spec};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut base_url = None;
    let mut token = "admin".to_string();
    let mut cookies = None;
    let mut spec_path = project_spec_path();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--token" => token = args.next().unwrap_or_else(|| usage()),
            "--session-cookies" => cookies = Some(args.next().unwrap_or_else(|| usage())),
            "--spec" => spec_path = args.next().unwrap_or_else(|| usage()).into(),
            url if base_url.is_none() && !url.starts_with("--") => base_url = Some(url.to_string()),
            _ => usage(),
        }
    }
    let base_url = base_url.unwrap_or_else(|| usage());
    let spec = Spec::load(&spec_path).unwrap_or_else(|e| {
        eprintln!("cannot read the contract: {e}");
        std::process::exit(2)
    });
    let mut outcomes = run(&spec, &base_url, &token);
    if let Some(cookies) = &cookies {
        outcomes.extend(check_session(&spec, &base_url, cookies));
    }
    for o in &outcomes {
        match &o.failure {
            None => println!("PASS  {:<15} {}", o.operation, o.check),
            Some(why) => {
                println!("FAIL  {:<15} {}\n      {}", o.operation, o.check, why.replace('\n', "\n      "))
            }
        }
    }
    let failed = outcomes.iter().filter(|o| o.failure.is_some()).count();
    println!("\n{} checks, {failed} failed, against {base_url}", outcomes.len());
    std::process::exit(if failed == 0 { 0 } else { 1 });
}

fn usage() -> ! {
    eprintln!("usage: event-center-conformance BASE_URL [--token TOKEN] [--session-cookies COOKIES] [--spec PATH]\n  e.g. event-center-conformance http://127.0.0.1:8081/api/v1");
    std::process::exit(2)
}
