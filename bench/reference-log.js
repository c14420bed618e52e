// The benchmark's reference for the logs a backend keeps: the event viewer's history of trigger
// runs (`?log=runs`) and a forwarder's deliveries (`?log=deliveries&forwarder=ID`). On "Open" it
// asks the backend (`?backend=`, over HTTP, as the console does) what the console's screen asks
// when it opens, and writes the first page in that screen's table markup, windowed the same way.
import { cell, time, windowed } from "/reference-table.js";

const params = new URLSearchParams(location.search);
const backend = params.get("backend");
const get = async (path) => {
  const answer = await fetch(backend + path, { headers: { authorization: "Bearer admin" } });
  return answer.json();
};
const text = (tag, value, cls) => {
  const element = document.createElement(tag);
  if (cls) element.className = cls;
  element.textContent = value;
  return element;
};
const status = (words, cls) => text("span", words, `status ${cls}`);

// src/features/trigger_runs/history.rs and mod.rs (outcome_label).
const OUTCOMES = { ignored: ["Ignored", "status-warning"], actioned: ["Actioned", "status-ok"], "no-match": ["No match", "status-neutral"], failed: ["Failed", "status-bad"] };
const runs = {
  table: "runs-table",
  headers: ["Started", "Event type", "Trigger", "Kind", "Outcome", "Objects", "Message"],
  async open() {
    // The trigger filter's choices come with the first page, as the console asks for both.
    const [triggers, page] = await Promise.all([get("/triggers"), get("/trigger-runs?limit=100")]);
    document.querySelector(".run-trigger").append(...triggers.map((t) => Object.assign(text("option", t.spec.name), { value: t.id })));
    return page.data;
  },
  cells: (run, now) => {
    const trigger = text("a", run.triggerName);
    trigger.href = `/triggers/${encodeURIComponent(run.triggerId)}`;
    return [cell("", undefined, time(run.startedAt, now)), cell("", run.eventType, run.eventType),
      cell("", run.triggerName, trigger), cell("", undefined, run.kind === "ignore" ? "Ignore" : "Action"),
      cell("", undefined, status(...(OUTCOMES[run.outcome] ?? [run.outcome, "status-neutral"]))),
      cell("", undefined, `${run.objectsEvaluated} evaluated · ${run.objectsMatched} matched · ${run.objectsIgnored} ignored`),
      cell("", run.message, run.message)];
  },
};

// src/features/forwarders/deliveries.rs and src/ui/delivery.rs.
const STATUSES = { succeeded: ["Delivered", "status-ok"], failed: ["Failed", "status-bad"], pending: ["Pending", "status-warning"] };
// src/ui/time_format.rs (utc_minutes): the day too when it is not today's, in UTC.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const hhmm = (iso, now) => {
  const at = new Date(iso).toISOString();
  const day = at.slice(0, 10) === now.toISOString().slice(0, 10) ? "" : `${Number(at.slice(8, 10))} ${MONTHS[Number(at.slice(5, 7)) - 1]} `;
  return `${day}${at.slice(11, 16)} UTC`;
};
const answer = (d) => {
  const said = d.responseStatus == null ? "No answer yet" : `HTTP ${d.responseStatus}${d.durationMs == null ? "" : ` in ${d.durationMs} ms`}`;
  if (!d.nextAttemptAt) return said;
  const now = new Date();
  const overdue = `${d.attemptedAt ? "retry" : "first attempt"} overdue since`;
  return `${said} · ${new Date(d.nextAttemptAt) < now ? overdue : "next attempt"} ${hhmm(d.nextAttemptAt, now)}`;
};
const deliveries = {
  table: "deliveries-table",
  headers: ["Event", "Attempted", "Attempt", "Status", "Answer", "Actions"],
  async open() {
    // The forwarder first, then its log, as the console's page loads them.
    const id = encodeURIComponent(params.get("forwarder"));
    document.querySelector(".page-title").textContent = (await get(`/forwarders/${id}`)).spec.name;
    return (await get(`/forwarders/${id}/deliveries?limit=100`)).data;
  },
  cells: (d, now) => {
    const retry = d.status === "failed" ? [text("button", "Retry", "button button-secondary button-small retry-delivery")] : [];
    return [cell("", undefined, text("code", d.eventId)), cell("", undefined, ...(d.attemptedAt ? [time(d.attemptedAt, now)] : [])),
      cell("", undefined, String(d.attempt)), cell("", undefined, status(...(STATUSES[d.status] ?? [d.status, "status-neutral"]))),
      cell("", answer(d), answer(d)), cell("", undefined, ...retry)];
  },
};

const log = params.get("log") === "deliveries" ? deliveries : runs;
const scroller = document.querySelector(".table-scroll");
scroller.querySelector("table").classList.add(log.table);
scroller.querySelector("thead tr").append(...log.headers.map((h) => Object.assign(text("th", h), { scope: "col" })));
const show = windowed(scroller, log.cells);
document.querySelector("#open").addEventListener("click", async () => {
  const items = await log.open();
  show(items);
  document.querySelector(".list-count").textContent = `${items.length} loaded`;
});
window.referenceReady = true;
