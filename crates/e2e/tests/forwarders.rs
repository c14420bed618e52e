//! Forwarders as an admin sets one up: the wizard step by step from the keyboard (a refused
//! step, a reload in the middle, a test send), the credential never shown again, the signing
//! secret shown once, deliveries arriving for new events, a failed one sent again, and the
//! forwarder switched off from the list. A user with no usable gateway is told why first.

use event_center_e2e::Browser;

const TOKEN: &str = "tok-e2e-never-shown-4711";
const NEXT: &str = ".wizard-actions button[type=submit]";

async fn on_step(b: &Browser, step: &str) {
    let script = format!(
        "const h = document.querySelector('.step-heading'); return !!h && h.textContent.endsWith({step:?}) && document.activeElement === h"
    );
    b.wait_until(&format!("step {step}, its heading focused"), &script).await;
}

/// The page holds the token nowhere: not in the DOM, not in an input's value, not in storage.
async fn token_nowhere(b: &Browser) -> bool {
    let script = format!(
        "const t = {TOKEN:?};
         const values = [...document.querySelectorAll('input, textarea')].map(i => i.value).join(' ');
         const stored = JSON.stringify(Object.assign({{}}, localStorage, sessionStorage));
         return !document.documentElement.outerHTML.includes(t) && !values.includes(t) && !stored.includes(t)"
    );
    b.js(&script).await == serde_json::Value::Bool(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_forwarder_is_set_up_step_by_step_and_its_deliveries_follow_new_events() {
    let b = Browser::start().await;
    b.goto("/forwarders").await;
    b.wait_for_heading("Forwarders").await;
    b.wait_until(
        "the seeded forwarders",
        "return document.querySelectorAll('.forwarders-table tbody tr').length === 4",
    )
    .await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "list");
    b.screenshot("forwarders-list").await;

    b.click(".page-head a.button").await;
    b.wait_for_heading("New forwarder").await;
    // Step 1: nothing typed, Enter: the name says what it needs and takes focus.
    b.find("#f-name").await;
    b.focus("#f-name").await;
    b.press("\u{E007}").await;
    b.wait_until("the name refused", "return document.activeElement.id === 'f-name' && document.activeElement.getAttribute('aria-invalid') === 'true'").await;
    assert_eq!(b.texts(".field-error").await, ["Give the forwarder a name."]);
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "step 1 refused");
    b.press("SOC webhook\u{E007}").await;
    on_step(&b, "Events").await;
    assert!(b.texts(".field-error").await.is_empty());

    // Step 2: every event type, by each group's box.
    b.js("document.querySelectorAll('.type-group legend input').forEach(i => i.click()); return true").await;
    b.wait_until(
        "types chosen",
        "return /\\((\\d{2,}) chosen\\)/.test(document.querySelector('#events-label').textContent)",
    )
    .await;
    let chosen = b.texts("#events-label").await;
    // A reload in the middle keeps the step and the choice, and says so.
    b.client.refresh().await.unwrap();
    b.wait_for_heading("New forwarder").await;
    b.wait_for_text(".banner", "restored").await;
    assert_eq!(b.texts("#events-label").await, chosen);
    b.click(NEXT).await;
    on_step(&b, "Scope").await;
    b.wait_until(
        "the week counted",
        "return /matched [\\d,]+ events?/.test(document.querySelector('.preview-count').textContent)",
    )
    .await;
    b.click(NEXT).await;

    // Step 4: plain http to this machine is refused until allowed; the token is typed once.
    on_step(&b, "Destination").await;
    b.type_into("#f-config-url", "http://localhost:9000/hook").await;
    b.js("document.querySelectorAll('.wizard input[name=auth]')[2].click(); return true").await;
    b.type_into("#f-config-token", TOKEN).await;
    b.click(NEXT).await;
    b.wait_until("plain http refused", "return document.activeElement.id === 'f-config-url'").await;
    assert!(b.texts(".field-error").await[0].contains("allow plain http"));
    b.click(".wizard input[type=checkbox]").await;
    b.click(NEXT).await;

    // Step 5: the inactive gateway cannot be chosen.
    on_step(&b, "Delivery").await;
    let disabled = b
        .js("return [...document.querySelectorAll('input[name=gateway]')].filter(i => i.disabled).length")
        .await;
    assert_eq!(disabled, 1);
    b.click("input[name=gateway][value=gw_000]").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "step 5");
    b.click(NEXT).await;

    on_step(&b, "Review").await;
    b.wait_for_text(".sample-body", "Event_Center_Events").await;
    // A test before anything is saved, from the keyboard: the focused button is scrolled clear
    // of the sticky actions (WCAG 2.4.11, focus not obscured).
    b.focus(".send-test").await;
    let clear = "return document.querySelector('.send-test').getBoundingClientRect().bottom
        <= document.querySelector('.wizard-actions').getBoundingClientRect().top";
    b.wait_until("the focused button clear of the actions", clear).await;
    b.press("\u{E007}").await;
    b.wait_for_text(".test-result", "HTTP 200").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "review");
    b.screenshot("forwarder-wizard-review").await;
    b.click(NEXT).await;
    b.wait_until(
        "the signing secret",
        "return document.querySelector('.signing-secret .secret')?.textContent.startsWith('whsec_')",
    )
    .await;
    assert!(token_nowhere(&b).await, "the token is gone once saved");
    b.click(".form-actions button.button").await;
    b.find(".test-result").await;
    assert!(b.texts(".test-result").await[0].contains("HTTP"));
    b.screenshot("forwarder-created").await;

    // Every new event now fails to arrive; one is sent again from the log, one from its event.
    b.toggle_mock_panel().await;
    b.find(".mock-delivery-failures").await.select_by_value("1").await.unwrap();
    // Focus and Enter: the creation's toast can cover the panel's foot, where a click would land.
    b.focus(".mock-raise-critical").await;
    b.press("\u{E007}").await;
    b.press("\u{E007}").await;
    b.toggle_mock_panel().await;
    b.click(".form-actions a[href^='/forwarders/fwd_']").await;
    b.wait_until(
        "the deliveries",
        "return document.querySelectorAll('.deliveries-table tbody tr[data-id]').length === 2",
    )
    .await;
    assert_eq!(b.texts(".deliveries-table .status").await, ["Failed", "Failed"]);
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "deliveries");
    // Focus and Enter: the raised events' toasts can cover the log's first rows.
    b.focus(".deliveries-table tbody tr[data-id] .retry-delivery").await;
    b.press("\u{E007}").await;
    b.wait_until(
        "sent again",
        "return document.querySelector('.deliveries-table .status')?.textContent === 'Delivered'",
    )
    .await;
    b.click(".deliveries-table tbody tr[data-id]:nth-child(3) td").await;
    b.find(".drawer .retry-delivery").await;
    let failed = "return [...document.querySelectorAll('.drawer .deliveries .status')].filter(s => s.textContent === 'Failed').length";
    let before = b.js(failed).await.as_u64().unwrap();
    b.click(".drawer .retry-delivery").await;
    b.wait_until("sent again from the drawer", &format!("{failed} === {}", before - 1)).await;
    assert!(token_nowhere(&b).await);
    // The drawer's "Forward events like this" starts a wizard with the event's type chosen.
    b.click(".drawer-actions a[href^='/forwarders/new']").await;
    b.wait_for_heading("New forwarder").await;
    // Enter goes on, as from any field.
    b.type_into("#f-name", "From the drawer\u{E007}").await;
    b.screenshot("forwarder-from-the-drawer").await;
    b.wait_for_text("#events-label", "(1 chosen)").await;

    // Off from the list (reached in the page: a reload would start the in-page mock afresh).
    b.click(".app-nav a[href='/forwarders']").await;
    let switch = "input[aria-label='SOC webhook enabled']";
    b.find(switch).await;
    b.click(switch).await;
    b.wait_until(
        "switched off",
        &format!("return document.querySelector(\"{switch}\").nextElementSibling.textContent === 'Off'"),
    )
    .await;
    assert!(token_nowhere(&b).await);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_forwarder_is_set_up_with_the_keyboard_alone() {
    let b = Browser::start().await;
    b.goto("/forwarders/new").await;
    b.wait_for_heading("New forwarder").await;
    b.wait_until("the screen's styles", "return !document.querySelector('.lazy-styled[hidden]')").await;
    // Type and name; Enter goes on.
    b.tab_to("#f-name").await;
    b.press("Keyboard hook\u{E007}").await;
    on_step(&b, "Events").await;
    // Type-ahead, then Space on the type found.
    b.tab_to(".type-finder input").await;
    b.press("certificate expired").await;
    b.tab_to("input[type=checkbox][value=certificate-expired]").await;
    b.press(" ").await;
    b.tab_to(NEXT).await;
    b.press("\u{E007}").await;
    on_step(&b, "Scope").await;
    b.tab_to(NEXT).await;
    b.press("\u{E007}").await;
    on_step(&b, "Destination").await;
    b.tab_to("#f-config-url").await;
    b.press("https://siem.example.com/in").await;
    // Arrows choose within the radio group: None, Basic, then Bearer.
    b.tab_to("input[name=auth]").await;
    b.press("\u{E015}\u{E015}").await;
    b.tab_to("#f-config-token").await;
    b.press(&format!("{TOKEN}\u{E007}")).await;
    on_step(&b, "Delivery").await;
    b.tab_to("input[name=gateway]").await;
    b.press(" ").await;
    b.tab_to(NEXT).await;
    b.press("\u{E007}").await;
    on_step(&b, "Review").await;
    assert!(b.texts(".review dd").await.iter().any(|d| d == "Certificate expired"));
    b.tab_to(NEXT).await;
    b.press("\u{E007}").await;
    b.wait_until(
        "the signing secret",
        "return document.querySelector('.signing-secret .secret')?.textContent.startsWith('whsec_') ?? false",
    )
    .await;
    assert!(token_nowhere(&b).await);
    b.close().await;
}

/// Goes through steps 2 to 3 with the Items group chosen, to the Destination step.
async fn choose_items_and_go_to_destination(b: &Browser) {
    on_step(b, "Events").await;
    b.click(".type-group legend input").await;
    b.click(NEXT).await;
    on_step(b, "Scope").await;
    b.click(NEXT).await;
    on_step(b, "Destination").await;
}

async fn choose_kind(b: &Browser, kind: &str, name: &str) {
    b.click(&format!("input[name=kind][value={kind}]")).await;
    b.type_into("#f-name", name).await;
    b.click(NEXT).await;
}

/// Past the Delivery step (the first usable gateway) to Review, then Create.
async fn deliver_and_create(b: &Browser) {
    on_step(b, "Delivery").await;
    b.click("input[name=gateway][value=gw_000]").await;
    b.click(NEXT).await;
    on_step(b, "Review").await;
    b.click(NEXT).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_and_servicenow_forwarders_take_their_own_fields_and_a_refused_name_leads_back_to_it() {
    let b = Browser::start().await;
    b.goto("/forwarders/new").await;
    b.wait_for_heading("New forwarder").await;
    // A name the backend already has: it refuses it, and the wizard goes back to step 1.
    choose_kind(&b, "email", "siem WEBHOOK").await;
    choose_items_and_go_to_destination(&b).await;
    b.type_into("#f-config-to", "oncall@example.com, not-an-address").await;
    b.click(NEXT).await;
    b.wait_until("the address refused", "return document.activeElement.id === 'f-config-to'").await;
    assert!(b.texts(".field-error").await[0].contains("not-an-address"));
    b.js("const t = document.querySelector('#f-config-to'); t.select(); return true").await;
    b.press("oncall@example.com").await;
    b.click(NEXT).await;
    deliver_and_create(&b).await;
    b.wait_until("back at the name", "return document.activeElement.id === 'f-name'").await;
    assert!(b.texts(".field-error").await[0].contains("already"), "{:?}", b.texts(".field-error").await);
    b.js("const n = document.querySelector('#f-name'); n.select(); return true").await;
    b.press("On-call pager email").await;
    b.click(NEXT).await;
    for _ in 0..4 {
        b.click(NEXT).await;
    }
    on_step(&b, "Review").await;
    b.click(NEXT).await;
    b.wait_for_text(".banner", "was created").await;
    assert!(b.texts(".signing-secret").await.is_empty(), "only webhooks sign");

    // ServiceNow: its instance must be https; its password is written once and then "Set".
    b.goto("/forwarders/new").await;
    b.wait_for_heading("New forwarder").await;
    choose_kind(&b, "servicenow", "ServiceNow P1").await;
    choose_items_and_go_to_destination(&b).await;
    b.type_into("#f-config-instanceUrl", "http://acme.service-now.com").await;
    b.type_into("#f-config-username", "ec-integration").await;
    b.type_into("#f-config-password", TOKEN).await;
    b.click(NEXT).await;
    b.wait_until("https asked for", "return document.activeElement.id === 'f-config-instanceUrl'").await;
    b.js("const u = document.querySelector('#f-config-instanceUrl'); u.select(); return true").await;
    b.press("https://acme.service-now.com").await;
    b.click(NEXT).await;
    deliver_and_create(&b).await;
    b.wait_for_text(".banner", "was created").await;
    // Edited from the list, reached in the page: a reload would start the in-page mock afresh.
    b.click(".app-nav a[href='/forwarders']").await;
    b.click(".forwarders-table a[href$='/edit'][href^='/forwarders/fwd_0']").await;
    b.wait_for_heading("Edit forwarder").await;
    b.find("input[name=kind]").await;
    for _ in 0..3 {
        b.click(NEXT).await;
    }
    on_step(&b, "Destination").await;
    assert_eq!(b.texts(".secret-set .status").await, ["Set"]);
    assert!(token_nowhere(&b).await);
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "edit, destination");
    b.click(NEXT).await;
    deliver_and_create(&b).await;
    b.wait_for_text(".banner", "was saved").await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_without_a_usable_gateway_is_told_why_before_the_first_step() {
    let b = Browser::start().await;
    b.goto("/forwarders/new?persona=no-usage-reports").await;
    b.wait_for_heading("New forwarder").await;
    b.wait_for_text(".state", "access permission").await;
    assert!(b.texts(".state").await[0].contains("gw-ap-south-1 (inactive)"));
    assert!(b.texts(".step-heading").await.is_empty(), "no step is shown");
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.close().await;
}

/// A webhook's signing secret is rotated from its page: confirmed first, then the new secret
/// shown once with the time the previous one stops verifying; a refused rotation says why and
/// can be tried again. A Slack forwarder has no secret; a role that may not change forwarders
/// sees when it was rotated and no way to rotate it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhooks_signing_secret_is_rotated_from_its_page() {
    let b = Browser::start().await;
    b.goto("/forwarders/fwd_siem_webhook").await;
    b.wait_for_heading("SIEM webhook").await;
    // The mock's webhook was rotated 40 days ago: told by its date.
    b.wait_for_text(".signing-status", "Last rotated on 20").await;

    b.toggle_mock_panel().await;
    b.force("rotateForwarderSecret", "500").await;
    b.toggle_mock_panel().await;
    b.click(".signing-status > button").await;
    b.find("dialog.confirm[open]").await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the confirmation");
    b.click("dialog.confirm .button-danger").await;
    b.wait_for_text(".signing-status", "The signing secret was not rotated.").await;

    b.toggle_mock_panel().await;
    b.click(".mock-forced button").await;
    b.toggle_mock_panel().await;
    b.click(".signing-status > button").await;
    b.click("dialog.confirm .button-danger").await;
    b.wait_for_text(".signing-status", "The new secret, shown this once").await;
    assert!(b.texts(".signing-status .secret").await[0].starts_with("whsec_"));
    let section = b.texts(".signing-status").await.concat();
    assert!(section.contains("Last rotated just now"), "{section}");
    assert!(section.contains("The previous secret verifies until"), "{section}");
    assert!(!section.contains("not rotated"), "the refusal gone: {section}");
    // Copy says what became of it: copied, or refused by the browser (headless, it may be).
    b.click(".signing-status .secret-value button").await;
    b.wait_until(
        "the copy's outcome",
        "return /^(Copied|Not copied: select it and copy)$/.test(document.querySelector('.signing-status .secret-value button').textContent.trim())",
    )
    .await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the new secret");
    b.screenshot("forwarder-secret-rotated").await;

    b.goto("/forwarders/fwd_slack_secops").await;
    b.wait_for_heading("Slack #secops-alerts").await;
    b.find(".deliveries-table, .state-empty").await;
    assert!(b.texts(".signing-status").await.is_empty(), "a Slack forwarder has no signing secret");

    b.goto("/forwarders/fwd_siem_webhook?persona=auditor").await;
    b.wait_until(
        "the auditor known",
        "return document.querySelector('.user-chip')?.title.startsWith('Bob Martin') ?? false",
    )
    .await;
    b.wait_for_text(".signing-status", "Last rotated").await;
    assert!(b.texts(".signing-status button").await.is_empty(), "an auditor cannot rotate");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_counts_each_forwarders_failures_of_the_last_day_and_does_without_when_it_cannot() {
    let b = Browser::start().await;
    // A 1,000 px window shows the whole list: its table scrolls sideways only on narrower ones.
    b.client.set_window_size(1000, 800).await.unwrap();
    b.goto("/forwarders").await;
    b.wait_for_heading("Forwarders").await;
    let every_row_told = "return document.querySelectorAll('.last-delivery').length === 4 && \
        [...document.querySelectorAll('.last-delivery')].every(c => c.querySelector('.status'))";
    b.wait_until("every row's newest delivery", every_row_told).await;
    let overflow =
        "const wrap = document.querySelector('.table-wrap'); return wrap.scrollWidth - wrap.clientWidth";
    assert_eq!(b.js(overflow).await, 0, "the list scrolls sideways at 1,000 px");
    let failing = b.texts(".last-delivery .failing").await;
    let worded = |t: &String| {
        t.strip_suffix(" failed in the last 24 hours").is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 0))
    };
    assert!(!failing.is_empty() && failing.iter().all(worded), "{failing:?}");
    // The count leads to the failed deliveries.
    b.click(".last-delivery .failing").await;
    b.wait_until(
        "the failed deliveries",
        "return location.search === '?status=failed' && document.querySelectorAll('.deliveries-table tbody tr[data-id]').length > 0",
    )
    .await;
    assert!(b.texts(".deliveries-table tbody tr[data-id] .status").await.iter().all(|s| s == "Failed"));

    // A backend that cannot count: each row still shows its newest delivery, and no error.
    b.toggle_mock_panel().await;
    b.force("deliveryStats", "503").await;
    b.toggle_mock_panel().await;
    b.click("nav a[href='/forwarders']").await;
    b.wait_for_heading("Forwarders").await;
    b.wait_until("every row's newest delivery", every_row_told).await;
    assert!(b.texts(".last-delivery .failing").await.is_empty());
    assert!(b.texts(".forwarders-table [role=alert]").await.is_empty());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_deliveries_scroll_with_a_bounded_dom() {
    let b = Browser::start().await;
    b.goto("/forwarders/fwd_siem_webhook?events=100000").await;
    b.wait_for_heading("SIEM webhook").await;
    let rows = "return document.querySelectorAll('.deliveries-table tbody tr[data-id]').length";
    b.wait_until("the first deliveries", &format!("{rows} > 10")).await;
    let at_start = b.js(rows).await.as_u64().unwrap();
    let scroll_on = "const s = document.querySelector('.table-scroll'); s.scrollTop = s.scrollHeight;
        return Number(document.querySelector('.list-count')?.textContent.split(' ')[0].replaceAll(',', '')) >= 10000";
    b.wait_until_within(
        "10,000 deliveries loaded by scrolling",
        scroll_on,
        std::time::Duration::from_secs(120),
    )
    .await;
    let at_end = b.js(rows).await.as_u64().unwrap();
    assert!(at_end < 150, "rows in the DOM: {at_start} at the top, {at_end} further down");
    let elements = b.js("return document.querySelectorAll('*').length").await.as_u64().unwrap();
    assert!(elements < 2_000, "{elements} elements in the whole page");
    b.close().await;
}

/// The words of the forwarders table that wrap across lines (a name or a path may wrap at a
/// hyphen; a word wrapping inside itself means its column was squeezed).
const BROKEN_WORDS: &str = "const broken = [];
    for (const cell of document.querySelectorAll('.forwarders-table td, .forwarders-table th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node; (node = walker.nextNode()); ) {
        for (const word of node.data.matchAll(/[^\\s-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          if (range.getClientRects().length > 1) broken.push(word[0]);
        }
      }
    }
    return broken;";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forwarder_screens_are_accessible_light_and_dark_at_360_pixels() {
    let b = Browser::start().await;
    b.client.set_window_size(360, 740).await.unwrap();
    let fits = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    let wide = "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !(e.parentElement?.closest('.table-wrap, .table-scroll'))).map(e => e.tagName + '.' + e.className).slice(0, 5)";
    for theme in ["light", "dark"] {
        b.goto("/forwarders").await;
        if theme == "dark" {
            b.click(".theme-toggle").await;
        }
        for (path, ready) in [
            ("/forwarders", ".forwarders-table"),
            ("/forwarders/fwd_servicenow?status=failed", ".deliveries-table"),
        ] {
            b.goto(path).await;
            b.find(ready).await;
            b.wait_until("its styles", "return !document.querySelector('.lazy-styled[hidden]')").await;
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "{path}, {theme}");
            assert_eq!(b.js(fits).await, true, "no horizontal scrolling on {path}: {:?}", b.js(wide).await);
        }
        // The list scrolls sideways rather than squeezing its columns below a word's width.
        b.goto("/forwarders").await;
        b.find(".forwarders-table").await;
        assert_eq!(b.js(BROKEN_WORDS).await, serde_json::json!([]), "words broken across lines in the list");
        b.screenshot(&format!("forwarder-deliveries-{theme}-narrow")).await;
        // Every step of the wizard, filled in as it goes; the last pass's draft is not restored.
        b.js("localStorage.removeItem('ec.forwarder-draft.new'); return true").await;
        b.goto("/forwarders/new").await;
        // Back on the first step cannot be used, and looks it.
        b.find(".wizard-actions button:disabled").await;
        let back =
            "return getComputedStyle(document.querySelector('.wizard-actions button:disabled')).opacity";
        assert!(b.js(back).await.as_str().and_then(|o| o.parse::<f64>().ok()).is_some_and(|o| o < 1.0));
        b.type_into("#f-name", "Narrow").await;
        assert_eq!(b.axe_violations().await, Vec::<String>::new(), "step Type, {theme}");
        b.click(NEXT).await;
        for step in ["Events", "Scope", "Destination", "Delivery", "Review"] {
            on_step(&b, step).await;
            match step {
                "Events" => b.click(".type-group legend input").await,
                "Destination" => b.type_into("#f-config-url", "https://receiver.example.com/in").await,
                "Delivery" => b.click("input[name=gateway][value=gw_000]").await,
                _ => {}
            }
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "step {step}, {theme}");
            assert_eq!(
                b.js(fits).await,
                true,
                "no horizontal scrolling on step {step}: {:?}",
                b.js(wide).await
            );
            b.screenshot(&format!("forwarder-step-{}-{theme}", step.to_lowercase())).await;
            if step != "Review" {
                b.click(NEXT).await;
            }
        }
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tables_forward_button_starts_a_wizard_with_the_filters_types_and_source() {
    let b = Browser::start().await;
    b.goto("/events?type=login&type=login_failed&sourceKind=item&source=%2Fprod%2F*").await;
    b.wait_for_heading("Events").await;
    let button = ".toolbar a[href='/forwarders/new']";
    b.wait_until("the Forward button", &format!("return !document.querySelector(\"{button}\").hidden")).await;
    b.click(button).await;
    b.wait_for_heading("New forwarder").await;
    b.type_into("#f-name", "Logins under /prod").await;
    b.click(NEXT).await;
    on_step(&b, "Events").await;
    assert!(b.texts("#events-label").await[0].contains("(2 chosen)"));
    b.click(NEXT).await;
    on_step(&b, "Scope").await;
    let items = b.js("return document.querySelector('#f-scope-items').value").await;
    assert_eq!(items, "/prod/*");
    b.close().await;
}
