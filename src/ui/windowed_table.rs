//! A windowed table over a [`PagedList`]: only the rows in view (plus a margin) are in the DOM,
//! so it stays small and fast at 100,000 loaded rows; the next page is asked for as the window
//! nears the end. Arrow keys, Page Up/Down, Home and End move between rows; Enter opens one.

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::paged_list::{PagedList, Status};
use super::pages::Pages;
use super::window::{near_end, rows_px, visible_rows, ROW_HEIGHT};

#[component]
pub fn WindowedTable<T, Q, H, HV, R, V>(
    list: PagedList<T, Q>,
    /// The table's accessible name.
    label: &'static str,
    /// The table's classes, for its columns' styles.
    class: &'static str,
    /// The header row's cells.
    headers: H,
    /// A row's id: its `data-id`, and what opening it passes on.
    id_of: fn(&T) -> String,
    /// A row's cells.
    cells: R,
    /// The open row, highlighted.
    selected: Signal<Option<String>>,
    on_open: Callback<String>,
    /// Set to whether the list is scrolled to its top.
    #[prop(optional)]
    at_top: Option<RwSignal<bool>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    Q: Clone + Send + Sync + 'static,
    H: Fn() -> HV + Send + Sync + 'static,
    HV: IntoView + 'static,
    R: Fn(&T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(800.0);
    let focused = RwSignal::new(0usize);
    let total = move || list.items.with(Pages::len);
    let range = Memo::new(move |_| visible_rows(scroll_top.get(), viewport.get(), total()));

    // Fetch the next page as the window nears the end of what is loaded.
    Effect::new(move |_| {
        if near_end(&range.get(), total()) && list.has_more() && list.status.get() == Status::Ready {
            list.load_more();
        }
    });

    // A new query starts at its top.
    Effect::new(move |previous: Option<u64>| {
        let generation = list.generation.get();
        if previous.is_some_and(|p| p != generation) {
            // Only when scrolled: setting it forces a layout in the middle of the update.
            if scroll_top.get_untracked() > 0.0 {
                if let Some(el) = scroller.get_untracked() {
                    el.set_scroll_top(0);
                }
                scroll_top.set(0.0);
            }
            focused.set(0);
        }
        generation
    });

    // Never more than the window's height, even if the stylesheet has not bounded the scroller:
    // the DOM stays small whatever happens to the CSS.
    let measure = move |el: &web_sys::HtmlDivElement| {
        let window_height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        viewport.set((el.client_height() as f64).min(window_height));
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(el.scroll_top() as f64);
            if let Some(at_top) = at_top {
                at_top.set(el.scroll_top() < ROW_HEIGHT as i32);
            }
        }
    };
    // The height comes from a ResizeObserver, which reports once layout is done: reading it
    // while the rows are being built would make the browser lay the page out an extra time.
    Effect::new(move |_| {
        let Some(el) = scroller.get() else { return };
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            if let Some(el) = scroller.get_untracked() {
                measure(&el);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
        observer.observe(&el);
        let owned = SendWrapper::new((observer, on_resize));
        on_cleanup(move || owned.0.disconnect());
    });

    // Moves keyboard focus to row `index`, scrolling it into view first when it is outside the window.
    let focus_row = move |index: usize| {
        let Some(el) = scroller.get_untracked() else { return };
        focused.set(index);
        let top = index as f64 * ROW_HEIGHT;
        let header = ROW_HEIGHT;
        let view_top = el.scroll_top() as f64;
        let view_height = el.client_height() as f64 - header;
        if top < view_top {
            el.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > view_top + view_height {
            el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
        }
        scroll_top.set(el.scroll_top() as f64);
        request_animation_frame(move || {
            let row = scroller
                .get_untracked()
                .and_then(|el| el.query_selector(&format!("tr[data-index='{index}']")).ok().flatten());
            if let Some(row) = row {
                let _ = row.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = total();
        if count == 0 {
            return;
        }
        let current = focused.get_untracked().min(count - 1);
        let next = match ev.key().as_str() {
            "ArrowDown" => (current + 1).min(count - 1),
            "ArrowUp" => current.saturating_sub(1),
            "PageDown" => (current + 10).min(count - 1),
            "PageUp" => current.saturating_sub(10),
            "Home" => 0,
            "End" => count - 1,
            "Enter" => {
                if let Some(id) = list.items.with_untracked(|rows| rows.get(current).map(id_of)) {
                    ev.prevent_default();
                    on_open.run(id);
                }
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        focus_row(next);
    };

    let rows = move || {
        let range = range.get();
        let selected = selected.get();
        let focused_index = focused.get();
        // Borrowed, not cloned: this runs on every scroll frame.
        list.items.with(|items| {
            items
                .range(range.clone())
                .enumerate()
                .map(|(offset, item)| {
                    let index = range.start + offset;
                    let id = id_of(item);
                    let is_selected = selected.as_deref() == Some(id.as_str());
                    let open = id.clone();
                    let on_click = move |_| {
                        focused.set(index);
                        on_open.run(open.clone());
                    };
                    view! {
                        <tr
                            data-index=index
                            data-id=id
                            aria-rowindex=index + 2
                            aria-current=is_selected.then_some("true")
                            tabindex=if index == focused_index { "0" } else { "-1" }
                            class:selected=is_selected
                            on:click=on_click
                        >
                            {cells(item)}
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="table-scroll" node_ref=scroller on:scroll=on_scroll>
            <table class=class aria-label=label aria-rowcount=move || total() + 1>
                <thead>
                    <tr aria-rowindex="1">{headers}</tr>
                </thead>
                <tbody on:keydown=on_keydown>
                    // A spacer has one cell, spanning nothing: the header row alone sets the
                    // columns, so columns a narrow screen hides leave no empty one behind.
                    <tr class="spacer" aria-hidden="true" style:height=move || rows_px(range.get().start)>
                        <td></td>
                    </tr>
                    {rows}
                    <tr
                        class="spacer"
                        aria-hidden="true"
                        style:height=move || rows_px(total() - range.get().end)
                    >
                        <td></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
