// What the benchmark's reference pages share: the console's windowed table (src/ui/window.rs,
// src/ui/windowed_table.rs): its row height, overscan, spacer rows and row attributes, and the
// time cells its screens write.

const ROW_HEIGHT = 40; // as the console's window.rs and stylesheet
const OVERSCAN = 8;

const pad = (n) => String(n).padStart(2, "0");
const exact = (d) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;

const relative = (at, now) => {
  const s = Math.floor((now - at) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.floor((s + 30) / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.floor(s / 86400)} d ago`;
  return new Date(at).toISOString().slice(0, 10);
};

/// `<time>` as the console writes it: relative text, the exact UTC time as its title.
export function time(iso, now) {
  const at = new Date(iso);
  const element = document.createElement("time");
  element.dateTime = iso;
  element.title = exact(at);
  element.textContent = relative(at.getTime(), now);
  return element;
}

/// A cell of `children` (text or nodes); with `title`, the console's title for a cut-off value.
export function cell(cls, title, ...children) {
  const td = document.createElement("td");
  if (cls) td.className = cls;
  if (title !== undefined) td.title = title;
  td.append(...children);
  return td;
}

/// A cell whose text is in a span carrying the whole value as its title (the event table's).
export function titledCell(cls, text) {
  const span = document.createElement("span");
  span.title = text;
  span.textContent = text;
  return cell(cls, undefined, span);
}

/// Windows `items` into `scroller`'s table as the console does; `cells(item, now)` writes a
/// row's cells. Returns `show(items)`, which starts at the top with new items.
export function windowed(scroller, cells) {
  const tbody = scroller.querySelector("tbody");
  let shown = [];
  const spacer = (height) => {
    const tr = document.createElement("tr");
    tr.className = "spacer";
    tr.style.height = `${height}px`;
    tr.append(document.createElement("td"));
    return tr;
  };
  const row = (item, index, now) => {
    const tr = document.createElement("tr");
    tr.dataset.index = index;
    tr.dataset.id = item.id;
    tr.setAttribute("aria-rowindex", index + 2);
    tr.tabIndex = index === 0 ? 0 : -1;
    tr.append(...cells(item, now));
    return tr;
  };
  const render = () => {
    const first = Math.floor(scroller.scrollTop / ROW_HEIGHT);
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(shown.length, first + Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 1 + OVERSCAN);
    const now = Date.now();
    const rows = [spacer(start * ROW_HEIGHT)];
    for (let i = start; i < end; i++) rows.push(row(shown[i], i, now));
    rows.push(spacer((shown.length - end) * ROW_HEIGHT));
    tbody.replaceChildren(...rows);
  };
  scroller.addEventListener("scroll", render, { passive: true });
  return (items) => {
    shown = items;
    scroller.scrollTop = 0;
    render();
  };
}
