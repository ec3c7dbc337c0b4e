// Search page: a small, accessible UI over Pagefind's JavaScript API.
// Everything it shows comes from the page (labels, filter values) or the index; no inline script or style,
// so a strict Content-Security-Policy holds. The page works without this file: it then says so.

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;

const form = document.querySelector("form[data-search]");
if (form) {
  start(form).catch(() => showError(form));
}

function texts(form) {
  const d = form.dataset;
  return {
    results: d.textResults, one: d.textOne, none: d.textNone, prompt: d.textPrompt,
    loading: d.textLoading, error: d.textError,
  };
}

function showError(form) {
  const status = document.querySelector("[data-search-status]");
  status.textContent = texts(form).error;
  document.querySelector("[data-search-help]").hidden = false;
}

async function start(form) {
  const t = texts(form);
  const input = form.querySelector("input[name=q]");
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const status = document.querySelector("[data-search-status]");
  const help = document.querySelector("[data-search-help]");
  const list = document.querySelector("[data-search-results]");
  const more = document.querySelector("[data-search-more]");

  // The bundle sits next to the site root, whatever path the site is published under.
  const siteRoot = new URL("../", import.meta.url);
  const lang = document.documentElement.lang;
  const pagefind = await import(new URL(`pagefind/${lang}/pagefind.js`, siteRoot).href);
  await pagefind.options({ baseUrl: siteRoot.pathname });

  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }

  let latest = 0;
  let results = [];
  let shown = 0;
  let timer = null;

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    return filters;
  }

  function remember(query, filters) {
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    for (const [key, value] of Object.entries(filters)) next.set(key, value);
    const search = next.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }

  async function run() {
    const query = input.value.trim();
    const filters = chosenFilters();
    remember(query, filters);
    const ticket = ++latest;
    if (!query && Object.keys(filters).length === 0) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      help.hidden = true;
      status.textContent = t.prompt;
      return;
    }
    list.setAttribute("aria-busy", "true");
    const search = await pagefind.search(query || null, { filters });
    if (ticket !== latest) return; // a newer search has started
    results = search.results;
    shown = 0;
    list.replaceChildren();
    await showMore(false);
    list.removeAttribute("aria-busy");
    const count = results.length;
    status.textContent = count === 0 ? t.none : count === 1 ? t.one : t.results.replace("{count}", count);
    help.hidden = count !== 0;
  }

  async function showMore(moveFocus) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    const items = data.map(resultItem);
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  for (const select of selects) select.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", () => showMore(true));

  await run();
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const kind = document.createElement("p");
  kind.className = "card-kind";
  kind.textContent = [data.meta.kind, data.meta.municipality].filter(Boolean).join(" · ");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  item.append(kind, heading);
  if (data.meta.summary) {
    const summary = document.createElement("p");
    summary.textContent = data.meta.summary;
    item.append(summary);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.append(...highlighted(data.excerpt));
  item.append(excerpt);
  return item;
}

// Pagefind's excerpt is text with <mark> around the matches: build it as nodes, never as HTML.
function highlighted(excerpt) {
  const nodes = [];
  // a detached textarea decodes entities without parsing tags or running anything
  const decoder = document.createElement("textarea");
  const asText = (html) => {
    decoder.innerHTML = html;
    return decoder.value;
  };
  excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const match = part.match(/^<mark>(.*)<\/mark>$/);
    if (match) {
      const mark = document.createElement("mark");
      mark.textContent = asText(match[1]);
      nodes.push(mark);
    } else if (part) {
      nodes.push(document.createTextNode(asText(part)));
    }
  });
  return nodes;
}
