//! Signing in to a real backend with a personal token: the dialog that stands for the page
//! before the first sign-in, signing in again in place when the session ends mid-edit, signing
//! out, and a `config.json` that holds a token refused. The token never shows on the page, in its
//! address, in an export or in the browser's log. The same with the platform's own sign-in page
//! and session cookie.

use event_center_e2e::{Browser, Site, TOKEN_KEY};
use serde_json::json;

const DIALOG: &str = "dialog.sign-in[open]";

/// Waits for the open sign-in dialog whose heading reads `title`.
async fn wait_for_dialog(b: &Browser, title: &str) {
    let script = format!("return document.querySelector('{DIALOG} h2')?.textContent === {}", json!(title));
    b.wait_until(&format!("the dialog \"{title}\""), &script).await;
}

/// Types `token` into the dialog's emptied field and submits it with Enter, as a user does.
async fn sign_in_with(b: &Browser, token: &str) {
    b.js("document.querySelector('#sign-in-token').value = ''; return true").await;
    b.type_into("#sign-in-token", &format!("{token}\u{E007}")).await;
}

async fn wait_for_problem(b: &Browser, part: &str) {
    b.wait_for_text("#sign-in-token-error", part).await;
}

/// Whether `token` shows anywhere a user or a screenshot could see it.
async fn shown_anywhere(b: &Browser, token: &str) -> bool {
    let script = format!(
        "const t = {}; return location.href.includes(t) || document.body.innerText.includes(t) \
         || [...document.querySelectorAll('input')].some(i => i.type !== 'password' && i.value.includes(t))",
        json!(token)
    );
    b.js(&script).await == true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tab_signs_in_with_a_typed_token_and_signs_out() {
    let b = Browser::start_signed_out(Site::TestServer).await;
    b.goto("/usage").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    let focused = "return document.activeElement?.id === 'sign-in-token'";
    b.wait_until("the token field has focus", focused).await;
    b.screenshot("sign-in").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the sign-in dialog");
    b.press("\u{E007}").await;
    wait_for_problem(&b, "Enter your token.").await;
    sign_in_with(&b, "nobody").await;
    wait_for_problem(&b, "The backend refused this token").await;
    assert_eq!(
        b.js("return document.querySelector('#sign-in-token').value").await,
        "nobody",
        "kept to correct"
    );
    sign_in_with(&b, "auditor:t0ken-1").await;
    let chip = "return document.querySelector('.user-chip')?.textContent.endsWith('Bob Martin') ?? false";
    b.wait_until("signed in as the auditor", chip).await;
    b.wait_for_heading("Usage reports").await;
    b.wait_until("no dialog once signed in", "return !document.querySelector('dialog.sign-in')").await;
    assert!(!shown_anywhere(&b, "t0ken-1").await, "the token shows on the page or in its address");
    // Nor in an export, nor in anything the page logged.
    b.goto("/events?severity=critical&range=30d").await;
    b.find("tbody tr[data-id]").await;
    b.click("main .menu summary").await;
    b.click("main .menu-panel .menu-item:first-child").await;
    let exported = b.downloaded(".json").await;
    assert!(exported.contains("Event_Center_Events") && !exported.contains("t0ken-1"), "the export");
    let logged = b.log_lines().await;
    assert!(!logged.is_empty() && logged.iter().all(|l| !l.contains("t0ken-1")), "the log: {logged:?}");
    b.click(".user-chip").await;
    b.click(".user-menu .menu-panel button").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    let kept = "return Object.keys(sessionStorage).filter(k => !k.startsWith('ec-'))";
    assert_eq!(b.js(kept).await, json!([]), "signing out keeps nothing of the session");
    b.close().await;
}

/// The token is revoked while an edit is open: saving says the session ended and opens the
/// dialog over the form; the revoked token is refused, another is taken in place, and the edit,
/// as typed, is saved by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_ends_mid_edit_is_signed_in_again_with_the_edit_intact() {
    let b = Browser::start_signed_out(Site::TestServer).await;
    let key = json!(TOKEN_KEY);
    b.on_every_page(&format!("sessionStorage.getItem({key}) ?? sessionStorage.setItem({key}, 'admin:1')"))
        .await;
    b.goto("/triggers/trg_notify_security").await;
    b.wait_for_heading("Edit trigger").await;
    b.type_into("#trigger-name", " (every one)").await;
    let revoke = "const done = arguments[arguments.length - 1];
        fetch('/test-server/revoke', { method: 'POST', body: 'admin:1' }).then(r => done(r.status))";
    assert_eq!(b.client.execute_async(revoke, vec![]).await.unwrap(), 204);
    b.click(".trigger-form button[type=submit]").await;
    wait_for_dialog(&b, "Your session has ended").await;
    let waits = "return [...document.querySelectorAll('.trigger-form [role=alert]')]
        .some(e => e.textContent.includes('saved once you sign in again'))";
    b.wait_until("the refused save says it waits for the sign-in", waits).await;
    b.wait_until("the token field has focus", "return document.activeElement?.id === 'sign-in-token'").await;
    sign_in_with(&b, "admin:1").await;
    wait_for_problem(&b, "The backend refused this token").await;
    b.screenshot("session-ended").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the session-ended dialog");
    sign_in_with(&b, "admin:2").await;
    the_edit_is_intact_and_saved_by_itself(&b).await;
    assert_eq!(b.js(&format!("return sessionStorage.getItem({key})")).await, "admin:2");
    b.close().await;
}

/// Once signed in again, the dialog has closed over the trigger edit as it was typed, and the
/// save the session's end refused is sent again by itself.
async fn the_edit_is_intact_and_saved_by_itself(b: &Browser) {
    b.wait_until("the dialog closed", &format!("return !document.querySelector('{DIALOG}')")).await;
    let name = "return document.querySelector('#trigger-name').value";
    assert_eq!(b.js(name).await, "Notify security on revocation (every one)", "the edit as typed");
    b.wait_until(
        "saved",
        "return [...document.querySelectorAll('.trigger-form [role=status]')].some(e => e.textContent === 'Saved.')",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_in_config_json_is_refused_saying_why() {
    let b = Browser::start_signed_out(Site::Config(r#"{"backend": "/api/v1", "token": "admin"}"#)).await;
    b.goto("/events").await;
    b.wait_for_text(".banner-error", "config.json holds a token, which every visitor can download").await;
    b.close().await;
}

/// Switches to the window or tab the console's window `console` opened.
async fn switch_to_the_window_it_opened(b: &Browser, console: &fantoccini::wd::WindowHandle) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let other = loop {
        if let Some(other) = b.client.windows().await.unwrap().into_iter().find(|w| w != console) {
            break other;
        }
        assert!(std::time::Instant::now() < deadline, "no window opened");
        tokio::task::yield_now().await;
    };
    b.client.switch_to_window(other).await.unwrap();
}

/// With an edit of the trigger open, every session ends at the platform (its provider): saving
/// opens the sign-in dialog over the form.
async fn end_every_session_and_save(b: &Browser) {
    b.type_into("#trigger-name", " (every one)").await;
    tell_the_test_server(b, "end-sessions").await;
    b.click(".trigger-form button[type=submit]").await;
    wait_for_dialog(b, "Your session has ended").await;
}

/// Posts to one of the test server's own routes (`/test-server/{what}`).
async fn tell_the_test_server(b: &Browser, what: &str) {
    let post = "const done = arguments[arguments.length - 1];
        fetch(`/test-server/${arguments[0]}`, { method: 'POST' }).then(r => done(r.status))";
    assert_eq!(b.client.execute_async(post, vec![json!(what)]).await.unwrap(), 204, "{what}");
}

/// Signs `persona` in on the platform's sign-in page, which the dialog's link opens in a new
/// tab, then comes back to the console's tab, as a user does.
async fn sign_in_on_the_platform(b: &Browser, persona: &str) {
    let console = b.client.window().await.unwrap();
    b.click("#sign-in-page").await;
    switch_to_the_window_it_opened(b, &console).await;
    b.click(&format!("input[value='{persona}']")).await;
    b.click("button[type=submit]").await;
    b.find("#signed-in").await;
    b.client.close_window().await.unwrap();
    b.client.switch_to_window(console).await.unwrap();
}

async fn choose_continue(b: &Browser) {
    b.click(&format!("{DIALOG} .form-actions button:last-child")).await;
}

/// Served behind the platform's sign-in: the console asks the user to sign in there, goes on
/// with its session cookie (writes carry the XSRF cookie's copy, or the platform refuses them),
/// is signed in again in place when the platform ends the session mid-edit (the refused save then
/// sent by itself), and signs out at
/// the platform.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_the_platforms_sign_in_the_console_uses_its_session_and_keeps_an_edit_across_its_end() {
    let b = Browser::start_signed_out(Site::SessionTestServer).await;
    b.goto("/triggers/trg_notify_security").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    b.wait_until("the sign-in page's link has focus", "return document.activeElement?.id === 'sign-in-page'")
        .await;
    b.screenshot("sign-in-session").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the sign-in dialog, session kind");
    choose_continue(&b).await;
    b.wait_for_text("#sign-in-session-error", "You are not signed in yet").await;
    sign_in_on_the_platform(&b, "admin").await;
    choose_continue(&b).await;
    b.wait_for_heading("Edit trigger").await;
    b.wait_until("no dialog once signed in", "return !document.querySelector('dialog.sign-in')").await;
    end_every_session_and_save(&b).await;
    b.screenshot("session-ended-platform").await;
    sign_in_on_the_platform(&b, "admin").await;
    choose_continue(&b).await;
    // The write carries the XSRF cookie's copy, or the platform would refuse it.
    the_edit_is_intact_and_saved_by_itself(&b).await;
    b.click(".user-chip").await;
    b.click(".user-menu .menu-panel button").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    assert_eq!(b.js("return document.cookie").await, "", "the platform's cookies went with its session");
    b.close().await;
}

/// The sign-in dialogs, the token's, the platform session's and the provider's, are axe-clean
/// and fit a 360-pixel screen, light and dark.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_dialogs_are_accessible_light_and_dark_at_360_pixels() {
    let fits = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    for (site, ready, shot) in [
        (Site::TestServer, "#sign-in-token", "sign-in"),
        (Site::SessionTestServer, "#sign-in-page", "sign-in-session"),
        (Site::OidcTestServer, "#sign-in-provider", "sign-in-oidc"),
    ] {
        let b = Browser::start_signed_out(site).await;
        b.client.set_window_size(360, 740).await.unwrap();
        for theme in ["light", "dark"] {
            b.goto("/events").await;
            b.js(&format!("localStorage.setItem('ec-theme', '{theme}'); return true")).await;
            b.goto("/events").await;
            wait_for_dialog(&b, "Sign in to Event Center").await;
            b.find_shown(ready).await;
            let themed = format!("return document.documentElement.dataset.theme === '{theme}'");
            b.wait_until(theme, &themed).await;
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "{shot}, {theme}");
            assert_eq!(b.js(fits).await, true, "no horizontal scrolling: {shot}, {theme}");
            b.screenshot(&format!("{shot}-{theme}-360")).await;
        }
        b.close().await;
    }
}

/// How many times this page asked the provider's token endpoint (a code exchanged, a token
/// refreshed).
const TOKEN_REQUESTS: &str =
    "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/test-server/oidc/token')).length";

/// Signs `persona` in on the provider's authorization page, open in the current window.
async fn sign_in_at_the_provider(b: &Browser, persona: &str) {
    b.click(&format!("input[value='{persona}']")).await;
    b.click("button[type=submit]:not([name])").await;
}

/// Signs in again from the dialog, in the window it opens at the provider; the console loaded
/// in that window hands the answer over and closes it.
async fn sign_in_in_the_providers_window(b: &Browser) {
    let console = b.client.window().await.unwrap();
    b.click("#sign-in-provider").await;
    switch_to_the_window_it_opened(b, &console).await;
    sign_in_at_the_provider(b, "admin").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while b.client.windows().await.unwrap().len() > 1 {
        assert!(std::time::Instant::now() < deadline, "the provider's window stayed open");
        tokio::task::yield_now().await;
    }
    b.client.switch_to_window(console).await.unwrap();
}

/// With an OpenID provider: the first sign-in leaves the page for the provider and comes back to
/// it signed in, with nothing of the answer left in the address; access tokens expire and are
/// refreshed without a word, a reload included; when the provider ends the sign-in mid-edit, the
/// user signs in again in a window of the provider's, and the edit, as typed, is saved by itself,
/// also when the provider's page cuts that window off from the console (COOP); signing out ends
/// the sign-in at the provider and leaves no credential in the tab.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_an_openid_provider_the_console_signs_in_refreshes_and_keeps_an_edit_across_the_sign_ins_end() {
    let b = Browser::start_signed_out(Site::OidcTestServer).await;
    // The chunks fetched at idle would fill the default buffer of 250 before the refreshes.
    b.on_every_page("performance.setResourceTimingBufferSize(100000)").await;
    b.goto("/triggers/trg_notify_security").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    let ready = "return document.activeElement?.id === 'sign-in-provider' \
        && document.activeElement.textContent.startsWith('Sign in with')";
    b.wait_until("the provider's button has focus", ready).await;
    let label = b.js("return document.activeElement.textContent").await;
    assert_eq!(label, "Sign in with Test provider", "config.json's provider_name");
    b.screenshot("sign-in-oidc").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the sign-in dialog, provider kind");
    b.press("\u{E007}").await;
    sign_in_at_the_provider(&b, "admin").await;
    b.wait_for_heading("Edit trigger").await;
    assert_eq!(b.path().await, "/triggers/trg_notify_security", "back where the sign-in started");
    assert_eq!(b.js("return location.search").await, "", "the code and state left the address");

    // Access tokens last 4 s and are refreshed at 3: after two refreshes the first has expired.
    let refreshed = format!("{TOKEN_REQUESTS} >= 3");
    b.wait_until_within("two refreshes", &refreshed, std::time::Duration::from_secs(20)).await;
    b.click("nav a[href='/events']").await;
    b.find("tbody tr[data-id]").await;
    // A reload holds no access token: the tab's refresh token gets one.
    b.goto("/triggers/trg_notify_security").await;
    b.wait_for_heading("Edit trigger").await;
    assert_eq!(b.js("return !document.querySelector('dialog.sign-in')").await, true, "signed in silently");

    end_every_session_and_save(&b).await;
    b.wait_until("the provider's button has focus", ready).await;
    b.screenshot("session-ended-oidc").await;
    sign_in_in_the_providers_window(&b).await;
    the_edit_is_intact_and_saved_by_itself(&b).await;

    // A provider whose page cuts its window off from the console that opened it, as a
    // Cross-Origin-Opener-Policy of same-origin does: the answer comes over a channel of the
    // console's origin instead, and the window closes all the same.
    tell_the_test_server(&b, "isolate-provider").await;
    tell_the_test_server(&b, "end-sessions").await;
    b.click("nav a[href='/events']").await;
    wait_for_dialog(&b, "Your session has ended").await;
    b.wait_until("the provider's button has focus", ready).await;
    sign_in_in_the_providers_window(&b).await;
    b.find("tbody tr[data-id]").await;

    let logged = b.log_lines().await;
    assert!(logged.iter().all(|l| !l.contains("oidc.")), "an access token in the log: {logged:?}");
    b.click(".user-chip").await;
    b.click(".user-menu .menu-panel button").await;
    wait_for_dialog(&b, "Sign in to Event Center").await;
    let kept = "return [...Object.keys(sessionStorage).filter(k => !k.startsWith('ec-')), ...Object.keys(localStorage).filter(k => /token|oidc/.test(k))]";
    assert_eq!(b.js(kept).await, json!([]), "signing out keeps no credential");
    b.close().await;
}
