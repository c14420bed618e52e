//! Trigger management as an admin does it, from the keyboard: an event type chosen from the
//! seed's table, a new ignore trigger refused and fixed and kept across a reload, added to the
//! platform's list and moved first with Alt+Up, an override started and given up for an RA
//! profile, and the delete of a trigger still in a list refused with where it runs. The auditor
//! sees everything and can change nothing; every screen is axe-clean, light and dark, at 360 px.

use event_center_e2e::Browser;

const STYLED: &str = "return !document.querySelector('.lazy-styled[hidden]')";

/// The names in one of the chosen type's lists (`ignore` or `action`), in order.
async fn names(b: &Browser, noun: &str) -> Vec<String> {
    b.texts(&format!(".trigger-list[aria-labelledby={noun}-triggers-title] .trigger-summary a")).await
}

async fn wait_for_names(b: &Browser, noun: &str, expected: &[&str]) {
    let script = format!(
        "return JSON.stringify([...document.querySelectorAll('.trigger-list[aria-labelledby={noun}-triggers-title] .trigger-summary a')].map(a => a.textContent.trim())) === {:?}",
        serde_json::to_string(expected).unwrap()
    );
    b.wait_until(&format!("the {noun} list {expected:?}"), &script).await;
}

async fn announced(b: &Browser, part: &str) {
    let script = format!(
        "return [...document.querySelectorAll('[aria-live=polite]')].some(e => e.textContent.includes({part:?}))"
    );
    b.wait_until(&format!("\"{part}\" announced"), &script).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sets_up_and_orders_triggers_with_the_keyboard_alone() {
    let b = Browser::start().await;
    // No arrivals but the ones the test makes.
    b.goto("/triggers?arrivals=0").await;
    b.wait_for_heading("Triggers").await;
    b.wait_until("its styles", STYLED).await;

    // The seed's table: Certificate uploaded is overridden by nothing, Expiring is monitoring.
    let row = |name: &str| {
        format!(
            "return [...document.querySelector('a[href$=\"event={name}\"]').closest('tr').querySelectorAll('td')].map(td => td.textContent.trim())"
        )
    };
    assert_eq!(
        b.js(&row("certificate-uploaded")).await,
        serde_json::json!(["Platform only", "No", "1 ignore · 1 action"])
    );
    assert_eq!(b.js(&row("certificate-expiring")).await[1], "Yes");
    assert_eq!(b.js(&row("certificate-discovered")).await[0], "Discovery");

    b.tab_to("a[href$='event=certificate-uploaded']").await;
    b.press("\u{E007}").await;
    b.wait_until(
        "its lists, their heading focused",
        "return document.activeElement?.id === 'event-triggers-title' && document.activeElement.textContent === 'Certificate uploaded'",
    )
    .await;
    assert!(b.texts(".platform-only").await[0].contains("configured on the platform only"));
    assert!(b.texts(".scope-field").await.is_empty(), "no scope can override an upload");
    assert_eq!(names(&b, "ignore").await, ["Ignore test certificates"]);
    assert_eq!(names(&b, "action").await, ["Assign owner by RA profile"]);

    // A new ignore trigger: an empty value is refused on its field, and nothing typed is lost.
    b.tab_to("a[href*='kind=ignore']").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("New trigger").await;
    b.wait_until("its styles", STYLED).await;
    assert_eq!(
        b.js("return document.querySelector('input[name=trigger-kind][value=ignore]').checked").await,
        true
    );
    assert_eq!(b.js("return document.querySelector('#trigger-event').value").await, "certificate-uploaded");
    b.tab_to("#trigger-name").await;
    b.press("Ignore staging uploads").await;
    b.tab_to("button.add-condition").await;
    b.press("\u{E007}").await;
    b.tab_to(".condition-row input[list]").await;
    b.press("commonName").await;
    // The operator by type-ahead: every name without "staging" is rejected.
    b.tab_to(".condition-row select").await;
    b.press("does not c").await;
    b.tab_to("button[type=submit]").await;
    b.press("\u{E007}").await;
    b.wait_until(
        "the value refused, focused",
        "return document.activeElement?.getAttribute('aria-invalid') === 'true' && !document.activeElement.hasAttribute('list')",
    )
    .await;
    assert_eq!(b.texts(".field-error").await, ["The value is required."]);
    assert_eq!(b.js("return document.querySelector('#trigger-name').value").await, "Ignore staging uploads");
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the editor, refused");
    b.screenshot("trigger-editor-refused").await;
    b.press("staging").await;

    // A reload keeps the form for the tab.
    b.client.refresh().await.unwrap();
    b.wait_for_heading("New trigger").await;
    b.wait_for_text(".banner", "restored").await;
    assert_eq!(
        b.js("return document.querySelector('.condition-row input:not([list])').value").await,
        "staging"
    );
    assert_eq!(b.js("return document.querySelector('.condition-row select').value").await, "notContains");
    b.tab_to("button[type=submit]").await;
    b.press("\u{E007}").await;

    // Created: back on the type's lists, where it is added and then moved first.
    b.wait_for_heading("Triggers").await;
    b.wait_for_text(".toast", "was created").await;
    let ignore_select = ".trigger-list[aria-labelledby=ignore-triggers-title] select";
    b.find(ignore_select).await;
    b.tab_to(ignore_select).await;
    b.press("\u{E015}").await;
    b.tab_to(".trigger-list[aria-labelledby=ignore-triggers-title] .add-trigger button").await;
    b.press("\u{E007}").await;
    wait_for_names(&b, "ignore", &["Ignore test certificates", "Ignore staging uploads"]).await;
    announced(&b, "added last to the ignore triggers. Saved.").await;
    b.wait_until(
        "the added item focused",
        "return document.activeElement?.classList.contains('trigger-item')",
    )
    .await;
    b.press("\u{E00A}\u{E013}").await;
    wait_for_names(&b, "ignore", &["Ignore staging uploads", "Ignore test certificates"]).await;
    announced(&b, "moved to position 1 of 2 of the ignore triggers. Saved.").await;
    b.wait_until(
        "focus on the item's Move down (Move up is off at the top)",
        "return document.activeElement?.id?.startsWith('down-ignore-')",
    )
    .await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the lists, reordered");
    b.screenshot("triggers-reordered").await;

    // The order is the backend's: another page and back shows it as saved.
    b.click(".app-nav a[href='/events']").await;
    b.wait_for_heading("Events").await;
    b.click(".app-nav a[href='/triggers']").await;
    b.click("a[href$='event=certificate-uploaded']").await;
    wait_for_names(&b, "ignore", &["Ignore staging uploads", "Ignore test certificates"]).await;

    // The mock follows the session: an upload made now runs the lists as they stand, so the new
    // trigger, first, rejects it and nothing else runs; the event viewer shows it by trigger.
    b.tab_to(".mock-control > button").await;
    b.press("\u{E007}").await;
    b.tab_to("#mock-event-type").await;
    b.wait_until(
        "the types",
        "return document.querySelector('#mock-event-type').value === 'certificate-uploaded'",
    )
    .await;
    b.tab_to(".mock-make").await;
    b.press("\u{E007}").await;
    b.wait_for_text(".mock-make-type [role=status]", "happened").await;
    b.press("\u{E00C}").await;
    b.tab_to(".trigger-summary a[href^='/triggers/trg_0']").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("Edit trigger").await;
    b.tab_to("a[href^='/event-viewer?trigger=trg_0']").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("Event viewer").await;
    b.wait_until(
        "the new upload's run, rejected",
        "const rows = document.querySelectorAll('tbody tr[data-id]'); return rows.length === 1 && rows[0].textContent.includes('Ignored') && rows[0].textContent.includes('Ignore staging uploads')",
    )
    .await;
    // Its run, read per object: the rejected upload keeps its trigger, not its details.
    // The history's rows take focus as a grid's do (arrows), not by Tab.
    b.focus(".runs-table tbody tr[data-id]").await;
    b.press("\u{E007}").await;
    b.wait_until(
        "the object's story",
        "return [...document.querySelectorAll('.object-steps summary')].some(s => s.textContent.includes('rejected upload') && s.textContent.includes('rejected by “Ignore staging uploads”'))",
    )
    .await;
    assert!(b.texts(".viewer-event").await[0].contains("its own details are not kept"));
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the run, per object");
    b.screenshot("event-viewer-rejected-upload").await;
    b.click(".app-nav a[href='/triggers']").await;
    b.click("a[href$='event=certificate-uploaded']").await;
    wait_for_names(&b, "ignore", &["Ignore staging uploads", "Ignore test certificates"]).await;

    // An RA profile overrides Certificate expiring, then inherits from the platform again.
    b.tab_to("a[href$='event=certificate-expiring']").await;
    b.press("\u{E007}").await;
    b.tab_to(".scope-field select").await;
    b.press("Web").await;
    b.wait_until(
        "the scope in the address",
        "return location.search.includes('scope=raProfile%3Ara_web_servers')",
    )
    .await;
    b.wait_for_text(".scope-status", "runs the platform").await;
    wait_for_names(&b, "action", &["Notify owners of expiring certificates"]).await;
    let controls = b.js("return document.querySelectorAll('.order-controls, .add-trigger').length").await;
    assert_eq!(controls, 0, "the platform's lists are not changed from an inheriting scope");
    b.tab_to(".scope-status button").await;
    b.press("\u{E007}").await;
    b.wait_for_text(".banner-override", "Overrides the platform").await;
    announced(&b, "now has its own lists").await;
    b.screenshot("triggers-override").await;
    b.tab_to(".banner-override button").await;
    b.press("\u{E007}").await;
    b.wait_until("the confirmation", "return document.querySelector('dialog.confirm')?.open === true").await;
    b.tab_to("dialog.confirm .button-danger").await;
    b.press("\u{E007}").await;
    b.wait_for_text(".scope-status", "runs the platform").await;
    // Back returns to the platform's lists of the type.
    b.client.back().await.unwrap();
    b.wait_until(
        "the platform again",
        "return !location.search.includes('scope=') && !document.querySelector('.scope-status')",
    )
    .await;

    // A trigger still in a list cannot be deleted; the refusal says where it runs.
    b.click("a[href$='event=certificate-uploaded']").await;
    b.click(".trigger-summary a[href='/triggers/trg_ignore_test_certs']").await;
    b.wait_for_heading("Edit trigger").await;
    b.wait_until("its styles", STYLED).await;
    b.tab_to(".form-actions .button-danger").await;
    b.press("\u{E007}").await;
    b.tab_to("dialog.confirm .button-danger").await;
    b.press("\u{E007}").await;
    b.wait_for_text(".banner-error", "in platform").await;
    assert!(b.texts(".banner-error").await[0].starts_with("Not deleted."));
    assert!(b
        .find("a[href='/event-viewer?trigger=trg_ignore_test_certs']")
        .await
        .is_displayed()
        .await
        .unwrap());
    b.close().await;
}

/// A link to a trigger or forwarder since deleted says so, rather than that the backend does
/// not know triggers or forwarders at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_to_a_deleted_trigger_or_forwarder_says_it_is_gone() {
    let b = Browser::start().await;
    for (path, said) in [
        ("/triggers/trg_deleted", "There is no such trigger: it may have been deleted."),
        ("/forwarders/fwd_deleted", "There is no such forwarder: it may have been deleted."),
        ("/forwarders/fwd_deleted/edit", "There is no such forwarder: it may have been deleted."),
    ] {
        b.goto(path).await;
        b.wait_for_text(".state-error", said).await;
    }
    b.close().await;
}

/// A form reads several things before it shows; when one read fails, its state names that one
/// and the capability it needs, not the trigger or forwarder the form is on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_whose_second_read_fails_names_that_read() {
    let b = Browser::start().await;

    // The editor of a trigger that exists, when the backend has no notification profiles.
    b.goto("/triggers?event=certificate-uploaded").await;
    b.find(".trigger-summary a").await;
    b.toggle_mock_panel().await;
    b.force("listNotificationProfiles", "404").await;
    b.toggle_mock_panel().await;
    b.click(".trigger-summary a").await;
    b.wait_for_heading("Edit trigger").await;
    b.wait_for_text(".state-error", "The backend does not know the notification profiles.").await;
    assert!(!b.texts(".state-error").await.concat().contains("no such trigger"));

    // The wizard, when the role may not see the gateways.
    b.toggle_mock_panel().await;
    b.click(".mock-forced button").await;
    b.force("listGateways", "403").await;
    b.toggle_mock_panel().await;
    b.click("nav a[href='/forwarders']").await;
    b.wait_for_heading("Forwarders").await;
    b.click(".page-head a.button").await;
    b.wait_for_heading("New forwarder").await;
    b.wait_for_text(".state-error", "You do not have permission to see the gateways.").await;
    assert!(b.texts(".state-error").await.concat().contains("gateways:read"));
    assert_eq!(b.axe_violations().await, Vec::<String>::new());
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_auditor_sees_every_trigger_and_changes_none() {
    let b = Browser::start().await;
    b.goto("/triggers?persona=auditor&event=certificate-uploaded").await;
    b.wait_for_heading("Triggers").await;
    wait_for_names(&b, "ignore", &["Ignore test certificates"]).await;
    assert!(b.texts(".banner").await.iter().any(|t| t.contains("lacks triggers:write")));
    for absent in [".order-controls", ".add-trigger", ".page-head a.button", ".trigger-item[draggable]"] {
        assert_eq!(
            b.js(&format!("return document.querySelectorAll({absent:?}).length")).await,
            0,
            "{absent}"
        );
    }
    b.click(".trigger-summary a").await;
    b.wait_for_heading("Edit trigger").await;
    b.wait_until(
        "a read-only form",
        "return document.querySelector('.trigger-form fieldset')?.disabled === true",
    )
    .await;
    assert_eq!(b.js("return document.querySelectorAll('.trigger-form button[type=submit]').length").await, 0);
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trigger_screens_are_accessible_light_and_dark_at_360_pixels() {
    let b = Browser::start().await;
    b.client.set_window_size(360, 740).await.unwrap();
    let fits = "return document.documentElement.scrollWidth <= document.documentElement.clientWidth";
    let wide = "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !(e.parentElement?.closest('.table-wrap'))).map(e => e.tagName + '.' + e.className).slice(0, 5)";
    for theme in ["light", "dark"] {
        b.goto("/triggers").await;
        if theme == "dark" {
            b.click(".theme-toggle").await;
        }
        for (path, ready, shot) in [
            (
                "/triggers?event=certificate-expiring&scope=raProfile%3Ara_internal_mtls",
                ".banner-override",
                "triggers",
            ),
            ("/triggers/new?event=certificate-status-changed", "#trigger-name", "trigger-new"),
            ("/triggers/trg_assign_owner", ".action-row", "trigger-edit"),
        ] {
            b.goto(path).await;
            b.find(ready).await;
            b.wait_until("its styles", STYLED).await;
            assert_eq!(b.axe_violations().await, Vec::<String>::new(), "{path}, {theme}");
            assert_eq!(b.js(fits).await, true, "no horizontal scrolling on {path}: {:?}", b.js(wide).await);
            b.screenshot(&format!("{shot}-{theme}-360")).await;
        }
    }
    b.close().await;
}

/// Someone else saved the trigger meanwhile (a forced 409): nothing typed is lost, the banner
/// says what happened, and "Save mine over theirs" saves once the conflict is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_edit_keeps_what_the_user_typed_and_can_be_saved_over() {
    let b = Browser::start().await;
    b.goto("/triggers/trg_notify_security").await;
    b.wait_for_heading("Edit trigger").await;
    b.type_into("#trigger-name", " (every one)").await;
    b.toggle_mock_panel().await;
    b.force("updateTrigger", "409").await;
    b.toggle_mock_panel().await;
    b.click(".trigger-form button[type=submit]").await;
    b.wait_for_text(".trigger-form .banner-error", "Someone changed this").await;
    let name = "return document.querySelector('#trigger-name').value";
    assert_eq!(b.js(name).await, "Notify security on revocation (every one)");
    let keep_mine = "[...document.querySelectorAll('.trigger-form .link-button')].find(b => b.textContent === 'Save mine over theirs')";
    b.wait_until("the way to keep mine", &format!("return !!{keep_mine}")).await;
    assert_eq!(b.axe_violations().await, Vec::<String>::new(), "the conflict");
    b.toggle_mock_panel().await;
    b.force("updateTrigger", "").await;
    b.toggle_mock_panel().await;
    b.js(&format!("{keep_mine}.click(); return true")).await;
    b.wait_until("saved", "return [...document.querySelectorAll('.trigger-form [role=status]')].some(e => e.textContent === 'Saved.')").await;
    assert_eq!(b.js(name).await, "Notify security on revocation (every one)");
    b.close().await;
}

/// An action trigger made in the session acts on the next event of its type, keyboard only: the
/// platform's list runs it; an RA profile that overrides the list without it does not. The
/// run history and the run's per-object story show each action it performed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_trigger_made_now_acts_on_the_next_event_unless_an_override_leaves_it_out() {
    let b = Browser::start().await;
    // No arrivals but the ones the test makes.
    b.goto("/triggers/new?event=certificate-status-changed&kind=action&arrivals=0").await;
    b.wait_for_heading("New trigger").await;
    b.type_into("#trigger-name", "Group changed certificates").await;
    b.tab_to("button.add-action").await;
    b.press("\u{E007}").await;
    b.type_into(".action-row input", "changed, audited").await;
    b.tab_to(".trigger-form button[type=submit]").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("Triggers").await;
    let list = ".trigger-list[aria-labelledby=action-triggers-title]";
    b.find(&format!("{list} select option[value='trg_000001']")).await;
    b.tab_to(&format!("{list} select")).await;
    b.press("Group").await;
    b.tab_to(&format!("{list} .add-trigger button")).await;
    b.press("\u{E007}").await;
    wait_for_names(&b, "action", &["Notify security on revocation", "Group changed certificates"]).await;
    announced(&b, "added last to the action triggers. Saved.").await;

    // Web servers gets its own lists, the platform's without the new trigger.
    b.tab_to(".scope-field select").await;
    b.press("Web").await;
    b.wait_until("the scope", "return location.search.includes('scope=raProfile%3Ara_web_servers')").await;
    b.tab_to(".scope-status button").await;
    b.press("\u{E007}").await;
    announced(&b, "now has its own lists").await;
    b.tab_to("button[aria-label='Remove “Group changed certificates” from the action triggers']").await;
    b.press("\u{E007}").await;
    wait_for_names(&b, "action", &["Notify security on revocation"]).await;
    announced(&b, "Saved.").await;

    // One event on each RA profile's certificates: only Internal mTLS runs the platform's list.
    b.tab_to(".mock-control > button").await;
    b.press("\u{E007}").await;
    b.tab_to("#mock-event-type").await;
    b.press("Certificate s").await;
    for profile in ["Web", "Internal"] {
        b.tab_to("#mock-ra-profile").await;
        b.press(profile).await;
        b.tab_to(".mock-make").await;
        b.press("\u{E007}").await;
    }
    b.screenshot("mock-panel-event-on-a-profile").await;
    b.wait_for_text(".mock-make-type [role=status]", "certificate-status-changed event happened").await;
    b.press("\u{E00C}").await;
    // To the trigger's runs: the platform's lists, the trigger, its runs.
    b.tab_to(".scope-field select").await;
    b.press("The platform").await;
    b.wait_until("the platform's lists", "return !location.search.includes('scope=')").await;
    b.tab_to(".trigger-summary a[href='/triggers/trg_000001']").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("Edit trigger").await;
    b.tab_to("a[href='/event-viewer?trigger=trg_000001']").await;
    b.press("\u{E007}").await;
    b.wait_for_heading("Event viewer").await;
    b.wait_until(
        "its one run, actioned",
        "const rows = document.querySelectorAll('.runs-table tbody tr[data-id]'); return rows.length === 1 && rows[0].textContent.includes('Actioned')",
    )
    .await;
    b.focus(".runs-table tbody tr[data-id]").await;
    b.press("\u{E007}").await;
    b.wait_until(
        "the action in the object's story",
        "return [...document.querySelectorAll('.object-steps li')].some(li => li.textContent.includes('Group changed certificates') && li.textContent.includes('set groups changed, audited'))",
    )
    .await;
    b.screenshot("event-viewer-actioned").await;
    assert_eq!(b.page_errors().await, Vec::<String>::new());
    b.close().await;
}

/// A trigger's edit left unchanged keeps nothing: coming back to it says nothing was restored. A
/// change is kept and restored; changed back as it was, it is forgotten again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_changed_edit_is_kept_and_said_to_be_restored() {
    let b = Browser::start().await;
    let restored = "return !!document.querySelector('.banner')?.textContent.includes('restored')";
    let open = |expected: bool| {
        let b = &b;
        async move {
            b.goto("/triggers/trg_notify_security").await;
            b.wait_for_heading("Edit trigger").await;
            b.find_shown("#trigger-name").await;
            assert_eq!(b.js(restored).await, expected, "the banner says a draft was restored");
        }
    };
    open(false).await;
    open(false).await;
    b.type_into("#trigger-name", " (every one)").await;
    open(true).await;
    let name = "return document.querySelector('#trigger-name').value";
    assert_eq!(b.js(name).await, "Notify security on revocation (every one)");
    for _ in 0.." (every one)".len() {
        b.type_into("#trigger-name", "\u{E003}").await;
    }
    assert_eq!(b.js(name).await, "Notify security on revocation");
    open(false).await;
    b.close().await;
}
