//! What any HTTP client may count on from the test server, beyond the contract's operations:
//! a 413 for a body over the limit, a 405 with `Allow`, HEAD wherever GET is, the bearer
//! scheme in any case, and JSON numbers as JSON Schema reads them.

use event_center_mock_server::{Options, BASE_PATH};

mod common;
use common::{agent, header};

fn start() -> String {
    common::start(Options { events: 200, ..Default::default() })
}

#[test]
fn a_body_over_the_limit_is_a_problem_413() {
    let base = start();
    let body = format!(r#"{{"eventTypes": [], "pad": "{}"}}"#, "x".repeat(1 << 20));
    let mut response = agent()
        .put(format!("{base}/notification-settings"))
        .header("Authorization", "Bearer admin")
        .header("Content-Type", "application/json")
        .send(body.as_str())
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(header(&response, "content-type"), "application/problem+json");
    let problem: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(problem["status"], 413);
    assert!(problem["detail"].as_str().unwrap().contains("1024 KiB"), "{problem}");
}

#[test]
fn an_undeclared_method_is_a_405_naming_the_declared_ones() {
    let base = start();
    let mut response = agent()
        .delete(format!("{base}/notification-settings"))
        .header("Authorization", "Bearer admin")
        .call()
        .unwrap();
    assert_eq!(response.status(), 405);
    assert_eq!(header(&response, "allow"), "GET, HEAD, PUT");
    assert_eq!(header(&response, "content-type"), "application/problem+json");
    let problem: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(problem["status"], 405);
    let response = agent()
        .post(format!("{base}/events/e1/read"))
        .header("Authorization", "Bearer admin")
        .send_empty()
        .unwrap();
    assert_eq!(response.status(), 404, "a path the document does not have is still a 404");
}

#[test]
fn head_answers_as_get_without_a_body() {
    let base = start();
    let get =
        agent().get(format!("{base}/events?limit=5")).header("Authorization", "Bearer admin").call().unwrap();
    let mut head = agent()
        .head(format!("{base}/events?limit=5"))
        .header("Authorization", "Bearer admin")
        .call()
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(header(&head, "content-type"), header(&get, "content-type"));
    assert_eq!(head.body_mut().read_to_string().unwrap(), "");
    let refused = agent().head(format!("{base}/events")).call().unwrap();
    assert_eq!(refused.status(), 401, "HEAD asks for the same credentials as GET");
}

#[test]
fn the_bearer_scheme_is_read_in_any_case() {
    let base = start();
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let response = agent()
            .get(format!("{base}/me"))
            .header("Authorization", format!("{scheme} viewer"))
            .call()
            .unwrap();
        assert_eq!(response.status(), 200, "{scheme}");
    }
    let response = agent().get(format!("{base}/me")).header("Authorization", "Basic viewer").call().unwrap();
    assert_eq!(response.status(), 401);
}

#[test]
fn a_whole_number_written_with_a_fraction_is_an_integer() {
    let base = start();
    let agent = agent();
    let mut listed =
        agent.get(format!("{base}/forwarders")).header("Authorization", "Bearer admin").call().unwrap();
    let forwarders: serde_json::Value =
        serde_json::from_str(&listed.body_mut().read_to_string().unwrap()).unwrap();
    let forwarder = &forwarders[0];
    let mut spec = forwarder["spec"].clone();
    spec["runEveryHours"] = serde_json::json!(1.0);
    let mut saved = agent
        .put(format!("{base}/forwarders/{}", forwarder["id"].as_str().unwrap()))
        .header("Authorization", "Bearer admin")
        .header("Content-Type", "application/json")
        .header("If-Match", forwarder["version"].to_string())
        .send(spec.to_string().as_str())
        .unwrap();
    let text = saved.body_mut().read_to_string().unwrap();
    assert_eq!(saved.status(), 200, "{text}");
    let saved: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(saved["spec"]["runEveryHours"], 1);
}

#[test]
fn a_revoked_token_is_refused_and_its_persona_signs_in_with_another() {
    let base = start();
    let me = |token: &str| {
        agent().get(format!("{base}/me")).header("Authorization", format!("Bearer {token}")).call().unwrap()
    };
    assert_eq!(me("auditor:t0ken-1").status(), 200, "a suffixed token signs in as its persona");
    let server = base.trim_end_matches(BASE_PATH);
    let revoked = agent().post(format!("{server}/test-server/revoke")).send("auditor:t0ken-1").unwrap();
    assert_eq!(revoked.status(), 204);
    assert_eq!(me("auditor:t0ken-1").status(), 401);
    assert_eq!(me("auditor:t0ken-2").status(), 200);
    assert_eq!(me("auditor").status(), 200);
}

/// The platform's sign-in as the test server plays it: a persona signs in on its page, the
/// session cookie then signs every request in, a write needs the XSRF cookie's copy in
/// `X-XSRF-TOKEN`, and signing out ends the session.
#[test]
fn a_session_cookie_signs_requests_in_and_a_write_needs_the_xsrf_copy() {
    let base = start();
    let server = base.trim_end_matches(BASE_PATH);
    let page =
        agent().get(format!("{server}/test-server/sign-in")).call().unwrap().into_body().read_to_string();
    assert!(
        page.unwrap().contains(r#"name="persona" value="no-usage-reports""#),
        "the sign-in page offers the personas"
    );
    let (set, cookies) = sign_in(server, "no-usage-reports");
    assert!(set.iter().any(|c| c.starts_with("ec-session=") && c.contains("HttpOnly")), "{set:?}");
    let xsrf = cookies.split("; ").find(|c| c.starts_with("XSRF-TOKEN=")).unwrap();
    let me = || agent().get(format!("{base}/me")).header("Cookie", &cookies).call().unwrap();
    let mut answer = me();
    assert_eq!(answer.status(), 200);
    assert!(answer.body_mut().read_to_string().unwrap().contains("Carol Smith"), "signed in as the persona");
    let read_all = |copy: Option<&str>| {
        let request = agent().post(format!("{base}/notifications/read-all")).header("Cookie", &cookies);
        let request = match copy {
            Some(copy) => request.header("X-XSRF-TOKEN", copy),
            None => request,
        };
        request.send_empty().unwrap().status()
    };
    assert_eq!(read_all(None), 403, "a write signed in by the cookie alone");
    assert_eq!(read_all(Some("guessed")), 403);
    assert!(read_all(Some(xsrf.trim_start_matches("XSRF-TOKEN="))).is_success());
    let staying: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
    let out =
        staying.get(format!("{server}/test-server/sign-out")).header("Cookie", &cookies).call().unwrap();
    assert_eq!(
        (out.status().as_u16(), header(&out, "location")),
        (303, "/".to_string()),
        "back to the console"
    );
    assert_eq!(me().status(), 401, "the session ended");
    assert_eq!(
        agent().get(format!("{base}/me")).header("Cookie", "ec-session=made-up").call().unwrap().status(),
        401
    );
}

/// Signs `persona` in on the test server's page: the `Set-Cookie` headers, and the `Cookie`
/// header that then signs requests in (the session and the XSRF cookie).
fn sign_in(server: &str, persona: &str) -> (Vec<String>, String) {
    let signed_in = agent()
        .post(format!("{server}/test-server/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(format!("persona={persona}"))
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let set: Vec<String> =
        signed_in.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let value = |name: &str| {
        let cookie = set.iter().find(|c| c.starts_with(&format!("{name}="))).expect(name);
        cookie.split(';').next().unwrap().to_string()
    };
    let cookies = format!("{}; {}", value("ec-session"), value("XSRF-TOKEN"));
    (set, cookies)
}

/// A write refused for a missing X-XSRF-TOKEN has its body read all the same, so the
/// connection stays usable: a client that sends its next request on it gets an answer. The
/// write asks `Expect: 100-continue`, so the server says whether it reads the body (100
/// Continue) before it answers, whatever the timing: answered with the body unread, the
/// connection was closed under the next request.
#[test]
fn a_write_refused_for_its_xsrf_copy_has_its_body_read_and_the_connection_stays_usable() {
    use std::io::{Read, Write};

    let base = start();
    let server = base.trim_end_matches(BASE_PATH);
    let (_, cookies) = sign_in(server, "admin");
    let host = server.trim_start_matches("http://");
    let body = r#"{"eventTypes": [], "minimumSeverity": "info"}"#;
    let mut connection = std::net::TcpStream::connect(host).unwrap();
    connection.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let mut answers = String::new();
    // What the server has said on the connection, once it has said `count` status lines (or
    // closed it, or ten seconds passed): their codes.
    let mut statuses = |connection: &mut std::net::TcpStream, count: usize| {
        let codes = |answers: &str| -> Vec<String> {
            answers.match_indices("HTTP/1.1 ").map(|(at, _)| answers[at + 9..at + 12].to_string()).collect()
        };
        let mut buffer = [0; 8192];
        while codes(&answers).len() < count {
            match connection.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(read) => answers.push_str(&String::from_utf8_lossy(&buffer[..read])),
            }
        }
        (codes(&answers), answers.clone())
    };
    let put = format!(
        "PUT {BASE_PATH}/notification-settings HTTP/1.1\r\nHost: {host}\r\nCookie: {cookies}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    connection.write_all(put.as_bytes()).unwrap();
    let (codes, said) = statuses(&mut connection, 1);
    assert_eq!(codes, ["100"], "the server asks for the body before refusing the write: {said}");
    let then = format!("{body}GET {BASE_PATH}/me HTTP/1.1\r\nHost: {host}\r\nCookie: {cookies}\r\n\r\n");
    connection.write_all(then.as_bytes()).unwrap();
    let (codes, said) = statuses(&mut connection, 3);
    assert_eq!(codes, ["100", "403", "200"], "{said}");
}
