//! Charts drawn by the console in SVG (no chart library to download), sized to their
//! container. Every chart has an accessible name, a text summary and a table of the same
//! numbers; a time chart's bars show their exact value on hover and on keyboard focus.

pub mod scale;

use std::fmt::Write;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::count::{counted, thousands, Unit};
use scale::{compact, ticks};

/// At most this many steps on a value axis.
const MOST_TICKS: u64 = 4;

/// A percentage to three decimals (`12.346%`), written as whole thousandths: formatting a float
/// to a precision is the slow path, and a bar has four of them.
struct Percent(f64);

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let thousandths = (self.0 * 1000.0).round() as i64;
        let sign = if thousandths < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{:03}%", thousandths.abs() / 1000, thousandths.abs() % 1000)
    }
}

/// Text made safe inside a double-quoted attribute of markup.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A chart's numbers as table rows: what each row is, and its figure.
type TableRows = std::sync::Arc<dyn Fn() -> Vec<(String, String)> + Send + Sync>;

/// A chart, its summary in words, and a toggle to read the same numbers as a table.
#[component]
fn ChartFigure(
    name: String,
    summary: String,
    /// The table's two column headings: what each row is, and the figure.
    columns: (&'static str, &'static str),
    /// The table's rows, written when it is first shown: a month hour by hour is 744 of them.
    rows: TableRows,
    children: Children,
) -> impl IntoView {
    let as_table = RwSignal::new(false);
    let table = move || {
        view! {
            <div class="chart-table-wrap" tabindex="0" role="region" aria-label=format!("{name} as a table")>
                <table class="chart-table">
                    <thead>
                        <tr>
                            <th scope="col">{columns.0}</th>
                            <th scope="col" class="num">
                                {columns.1}
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows()
                            .into_iter()
                            .map(|(key, value)| {
                                view! {
                                    <tr>
                                        <th scope="row">{key}</th>
                                        <td class="num">{value}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };
    view! {
        <figure class="chart-figure">
            <div class="chart-body" class:hidden=move || as_table.get()>
                {children()}
            </div>
            {move || as_table.get().then(&table)}
            <figcaption class="chart-foot">
                <span class="chart-summary">{summary}</span>
                <button
                    type="button"
                    class="link-button chart-view-toggle"
                    aria-pressed=move || as_table.get().to_string()
                    on:click=move |_| as_table.update(|t| *t = !*t)
                >
                    "View as table"
                </button>
            </figcaption>
        </figure>
    }
}

/// One bar of a time chart: its slot on the time axis and what it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeBar {
    pub slot: usize,
    /// The day or hour, as the tooltip and the table say it.
    pub label: String,
    pub value: u64,
}

/// Bars on a time axis of `slots` equal slots. A slot without a bar is a gap in the data,
/// drawn as a gap; a zero is a bar of no height.
#[component]
pub fn TimeChart(
    name: String,
    unit: Unit,
    /// The table view's headings.
    columns: (&'static str, &'static str),
    slots: usize,
    bars: Vec<TimeBar>,
    /// Labels under the axis, at their slots.
    axis: Vec<(usize, String)>,
) -> impl IntoView {
    let slots = slots.max(1);
    let total: u64 = bars.iter().map(|b| b.value).sum();
    let peak = bars.iter().max_by_key(|b| b.value);
    let summary = match peak {
        Some(peak) if total > 0 => {
            format!(
                "{} in all; the most, {}, on {}.",
                counted(total, unit),
                thousands(peak.value),
                peak.label
            )
        }
        _ => format!("No {} in this range.", unit.1),
    };
    let ticks = ticks(bars.iter().map(|b| b.value).max().unwrap_or(0), MOST_TICKS);
    let top = *ticks.last().unwrap_or(&1) as f64;
    let pct = |v: f64| format!("{:.3}%", v);
    let slot_width = 100.0 / slots as f64;

    // One bar is reachable by Tab (the newest at first); arrows move between bars.
    let newest = bars.len().saturating_sub(1);
    let focused = StoredValue::new(newest);
    let shown = RwSignal::new(None::<usize>);
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let bars = StoredValue::new(bars);
    let rows: TableRows = std::sync::Arc::new(move || {
        bars.with_value(|bars| bars.iter().map(|b| (b.label.clone(), thousands(b.value))).collect())
    });
    let bar_index = |target: Option<web_sys::EventTarget>| {
        target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok())
    };
    // The roving tab stop is moved on the two bars concerned, not by an effect on every bar:
    // a month hour by hour is 744 of them.
    let bar_at = move |i: usize| {
        svg.get_untracked()
            .and_then(|svg| svg.query_selector(&format!("[data-i='{i}']")).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::SvgElement>().ok())
    };
    let make_tab_stop = move |i: usize| {
        let before = focused.get_value();
        if before != i {
            if let Some(el) = bar_at(before) {
                let _ = el.set_attribute("tabindex", "-1");
            }
            if let Some(el) = bar_at(i) {
                let _ = el.set_attribute("tabindex", "0");
            }
            focused.set_value(i);
        }
    };
    let focus_bar = move |i: usize| {
        make_tab_stop(i);
        if let Some(el) = bar_at(i) {
            let _ = el.focus();
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let last = bars.with_value(Vec::len).saturating_sub(1);
        let at = focused.get_value();
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => at.saturating_sub(1),
            "ArrowRight" | "ArrowUp" => (at + 1).min(last),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        focus_bar(next);
    };
    // The bars as one piece of markup, parsed by the browser in one go: a month hour by hour
    // is 744 bars, which as one view each cost twice what a hand-written page takes. Every
    // attribute is a number or a label formatted here from a time; escaped all the same.
    let markup = bars.with_value(|bars| {
        let mut out = String::with_capacity(bars.len() * 220);
        for (i, bar) in bars.iter().enumerate() {
            let height = bar.value as f64 / top * 100.0;
            let _ = write!(
                out,
                r#"<rect class="bar" data-i="{i}" x="{}" width="{}" y="{}" height="{}" tabindex="{}" role="img" aria-label="{}: {}"/>"#,
                Percent(bar.slot as f64 * slot_width + slot_width * 0.1),
                Percent(slot_width * 0.8),
                Percent(100.0 - height),
                Percent(height),
                if i == newest { "0" } else { "-1" },
                escaped(&bar.label),
                counted(bar.value, unit),
            );
        }
        out
    });
    let tip = move || {
        shown.get().and_then(|i| bars.with_value(|bars| bars.get(i).cloned())).map(|bar| {
            let left = ((bar.slot as f64 + 0.5) * slot_width).clamp(8.0, 92.0);
            let bottom = bar.value as f64 / top * 100.0;
            view! {
                <div class="chart-tip" style:left=format!("{left:.2}%") style:bottom=format!("{bottom:.2}%")>
                    <span>{bar.label}</span>
                    <strong>{counted(bar.value, unit)}</strong>
                </div>
            }
        })
    };
    view! {
        <ChartFigure name=name.clone() summary columns rows>
            <div class="time-chart">
                <div class="chart-y" aria-hidden="true">
                    {ticks
                        .iter()
                        .map(|t| {
                            view! { <span style:bottom=pct(*t as f64 / top * 100.0)>{compact(*t)}</span> }
                        })
                        .collect_view()}
                </div>
                <div class="chart-plot">
                    // Not a tab stop itself (Chrome would make it one): its bars are.
                    <svg
                        node_ref=svg
                        role="group"
                        aria-label=name
                        width="100%"
                        height="100%"
                        tabindex="-1"
                        on:keydown=on_keydown
                        on:mouseover=move |ev| shown.set(bar_index(ev.target()))
                        on:mouseleave=move |_| shown.set(None)
                        on:focusin=move |ev| {
                            let i = bar_index(ev.target());
                            if let Some(i) = i {
                                make_tab_stop(i);
                            }
                            shown.set(i);
                        }
                        on:focusout=move |_| shown.set(None)
                    >
                        {ticks
                            .iter()
                            .map(|t| {
                                let y = pct(100.0 - *t as f64 / top * 100.0);
                                view! { <line class="grid" x1="0" x2="100%" y1=y.clone() y2=y /> }
                            })
                            .collect_view()}
                        <g class="bars" inner_html=markup />
                    </svg>
                    {tip}
                </div>
                <div class="chart-x" aria-hidden="true">
                    {axis
                        .into_iter()
                        .map(|(slot, label)| {
                            view! {
                                <span style:left=format!(
                                    "{:.3}%",
                                    (slot as f64 + 0.5) * slot_width,
                                )>{label}</span>
                            }
                        })
                        .collect_view()}
                </div>
            </div>
        </ChartFigure>
    }
}

/// One row of a ranking: a name, its figure and what sets it apart ("deleted", "personal").
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub name: String,
    pub value: u64,
    pub notes: Vec<&'static str>,
}

/// Horizontal bars, largest first, each with its exact figure written beside it.
#[component]
pub fn RankChart(
    name: String,
    unit: Unit,
    /// The table view's headings: what a row is, and what its figure counts.
    columns: (&'static str, &'static str),
    rows: Vec<Ranked>,
) -> impl IntoView {
    let total: u64 = rows.iter().map(|r| r.value).sum();
    let summary = match rows.first() {
        Some(first) if total > 0 => {
            format!(
                "{} in all; the most, {}, for {}.",
                counted(total, unit),
                thousands(first.value),
                first.name
            )
        }
        _ => format!("No {} in this range.", unit.1),
    };
    let top = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1) as f64;
    let table: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let notes = r.notes.iter().map(|n| format!(" ({n})")).collect::<String>();
            (format!("{}{notes}", r.name), thousands(r.value))
        })
        .collect();
    let table: TableRows = std::sync::Arc::new(move || table.clone());
    view! {
        <ChartFigure name=name.clone() summary columns rows=table>
            <ol class="rank-chart" aria-label=name>
                {rows
                    .into_iter()
                    .map(|row| {
                        let title = row.name.clone();
                        view! {
                            <li class="rank-row">
                                <span class="rank-name" title=title>
                                    <span class="rank-text">{row.name}</span>
                                    {row
                                        .notes
                                        .into_iter()
                                        .map(|n| view! { <span class="tag">{n}</span> })
                                        .collect_view()}
                                </span>
                                <svg class="rank-bar" aria-hidden="true" width="100%" height="12">
                                    <rect
                                        width=format!("{:.3}%", row.value as f64 / top * 100.0)
                                        height="12"
                                        rx="2"
                                    />
                                </svg>
                                <span class="rank-value">{counted(row.value, unit)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </ChartFigure>
    }
}

#[cfg(test)]
mod tests {
    use super::{escaped, Percent};

    #[test]
    fn percentages_are_written_to_three_decimals() {
        for v in [0.0, 0.0004, 0.0005, 12.3456, 99.9999, 100.0, 1.0 / 3.0, -0.25] {
            assert_eq!(Percent(v).to_string(), format!("{v:.3}%").replace("-0.000", "0.000"), "{v}");
        }
    }

    #[test]
    fn labels_cannot_leave_their_attribute() {
        assert_eq!(escaped(r#"a "b" <c> & d"#), "a &quot;b&quot; &lt;c&gt; &amp; d");
    }
}
