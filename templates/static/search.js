// Search page: a small, accessible UI over Pagefind's JavaScript API.
// Everything it shows comes from the page (labels, filter values) or the index; no inline script or style,
// so a strict Content-Security-Policy holds. Without this file the page says so first and offers the lists.

import { bare, correct, folded, lazyWords, unknownWords, withoutStopWords, words } from "./search-spelling.js";

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;
const REORDERED = 12; // the best results, ordered again with each page kind's weight (see views/search.py)
const WHOLE_NAME_BOOST = 1.5; // a page whose whole name is the query, before pages whose name only contains it
const NAME_BOOST = 1.0; // a page whose name has every word of the query counts twice
// Pagefind's ranking: a page's length does not count (Pagefind's default, 0.75, lets a short club or news item
// outrank a service's or a life situation's full page); the rest are Pagefind's defaults. Chosen with
// benchmarks/search_relevance.py: 0, 0.15, 0.3 and 0.5 measured side by side.
const RANKING = { pageLength: 0, termFrequency: 1.0, termSaturation: 1.4, termSimilarity: 1.0 };
// The hidden family words and word forms come after this mark in a page's indexed text (see base.html).
const WORDS_MARK = "⁂";

const form = document.querySelector("form[data-search]");
if (form) {
  start(form).catch(() => showError(form));
}

function texts(form) {
  const d = form.dataset;
  return {
    results: d.textResults, one: d.textOne, none: d.textNone, prompt: d.textPrompt,
    loading: d.textLoading, error: d.textError, didYouMean: d.textDidYouMean, corrected: d.textCorrected,
    phone: d.textPhone,
  };
}

function showError(form) {
  const status = document.querySelector("[data-search-status]");
  status.textContent = texts(form).error;
  document.querySelector("[data-search-help]").hidden = false;
}

function chosenMunicipality(lang) {
  try {
    const chosen = JSON.parse(window.localStorage.getItem("pkc-municipality") || "null");
    return chosen?.names?.[lang] || null;
  } catch {
    return null;
  }
}

async function start(form) {
  const t = texts(form);
  const input = form.querySelector("input[name=q]");
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const filterBox = form.querySelector("[data-search-filters]");
  const status = document.querySelector("[data-search-status]");
  const suggestion = document.querySelector("[data-search-suggestion]");
  const help = document.querySelector("[data-search-help]");
  const list = document.querySelector("[data-search-results]");
  const more = document.querySelector("[data-search-more]");

  // The bundle sits next to the site root, whatever path the site is published under.
  const siteRoot = new URL("../", import.meta.url);
  const lang = document.documentElement.lang;
  const pagefind = await import(new URL(`pagefind/${lang}/pagefind.js`, siteRoot).href);
  // no worker: it would be a second copy of Pagefind's script (41 KB) to download, for an index this small
  await pagefind.options({ baseUrl: siteRoot.pathname, ranking: RANKING, noWorker: true });
  const vocabulary = lazyWords(new URL(form.dataset.words, window.location.href));
  // the filter every search of this page has: families' search leaves out the pages for professionals, theirs
  // finds nothing else (views/search.py, SearchFacets.scope); never shown, never in the address
  const scope = JSON.parse(form.dataset.scope || "{}");

  form.hidden = false;
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }
  // a municipality chosen as "my municipality" (my-municipality.js) narrows a search that names none
  const mine = chosenMunicipality(lang);
  const where = selects.find((select) => select.name === "municipality");
  if (mine && where && !params.has("municipality") && [...where.options].some((o) => o.value === mine)) where.value = mine;
  if (filterBox && selects.some((select) => select.value)) filterBox.open = true;

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

  // "Tarkoititko neuvola?" as a link that runs that search; what was searched instead goes into the status, so a
  // screen reader announces it with the number of results
  function offer(correction) {
    suggestion.replaceChildren();
    suggestion.hidden = !correction;
    if (!correction) return;
    const link = document.createElement("a");
    const next = new URLSearchParams(window.location.search);
    next.set("q", correction);
    link.href = `?${next}`;
    link.textContent = correction;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = correction;
      run();
    });
    suggestion.append(`${t.didYouMean} `, link, "?");
  }

  async function run() {
    const query = input.value.trim();
    const filters = chosenFilters();
    remember(query, filters);
    const ticket = ++latest;
    delete form.dataset.searchDone;
    if (!query && Object.keys(filters).length === 0) {
      results = [];
      list.replaceChildren();
      offer(null);
      more.hidden = true;
      help.hidden = true;
      status.textContent = t.prompt;
      form.dataset.searchDone = "";
      return;
    }
    list.setAttribute("aria-busy", "true");
    const found = await find(query, { ...filters, ...scope });
    const ordered = await reordered(found.search.results, found.correction || query);
    if (ticket !== latest) return; // a newer search has started
    results = ordered;
    shown = 0;
    list.replaceChildren();
    await showMore(false);
    list.removeAttribute("aria-busy");
    const count = results.length;
    offer(found.correction);
    const instead = found.correction || found.relaxed;
    status.textContent = (instead ? `${t.corrected.replace("{query}", instead)} ` : "")
      + (count === 0 ? t.none : count === 1 ? t.one : t.results.replace("{count}", count));
    help.hidden = count !== 0;
    form.dataset.searchDone = query; // the search has settled: tests and the relevance benchmark wait for this
  }

  // Pagefind's results for the query as a family typed it: its filler words left out, a misspelt word replaced
  // by the site's nearest word, and words that together find nothing dropped one by one.
  async function find(query, filters) {
    if (!query) return { search: await pagefind.search(null, { filters }) };
    const meant = withoutStopWords(query, lang);
    let search = await pagefind.search(meant, { filters });
    let kept = words(meant);
    let relaxed = null;
    const { unknown, junk } = await unknownWords(meant, search.results, vocabulary);
    if (unknown.length) {
      const corrected = correct(meant, unknown, await vocabulary());
      if (corrected) {
        const second = await pagefind.search(corrected, { filters });
        if (second.results.length) return { search: second, ran: corrected, correction: corrected };
      }
    }
    if (junk.length) {
      // a word that is not on the site and is near none of its words: Pagefind would match a short prefix of it
      // ("ne" for "nevola") and list unrelated pages, so the word is left out
      kept = kept.filter((word) => !junk.includes(bare(word)));
      if (!kept.length) return { search: { results: [] } };
      relaxed = kept.join(" ");
      search = await pagefind.search(relaxed, { filters });
    }
    while (!search.results.length && kept.length > 1) {
      const counts = await Promise.all(kept.map(async (word) => (await pagefind.search(word, { filters })).results.length));
      const next = counts.some((count) => count === 0)
        ? kept.filter((_, i) => counts[i] > 0)
        : kept.filter((_, i) => i !== counts.indexOf(Math.max(...counts))); // the least telling word goes
      if (!next.length) break;
      kept = next;
      relaxed = kept.join(" ");
      search = await pagefind.search(relaxed, { filters });
    }
    return { search, ran: relaxed || meant, relaxed: search.results.length ? relaxed : null };
  }

  async function showMore(moveFocus) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    const items = data.map((entry) => resultItem(entry, t));
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

// Pagefind's best results, ordered by its score times the weight of the page's kind (a service or a meeting
// place before a news item that mentions the same words more often) and by how much of the query the page's
// name says: "Lastenneuvola Porvoossa" first for "neuvola porvoo".
async function reordered(results, query) {
  const head = results.slice(0, REORDERED);
  const data = await Promise.all(head.map((result) => result.data()));
  // the words as typed, filler words included: "mikä on perhekeskus" is the name of the page that answers it
  const terms = words(query).map(bare).filter(Boolean);
  const named = (title) => {
    if (!terms.length) return 0;
    const name = folded((title || "").replace(/\u00ad/g, "").toLowerCase()); // a title's soft hyphens: pkc/hyphenate.py
    const nameWords = words(name).map(bare);
    const has = (term) => (term.length <= 3 ? nameWords.includes(folded(term))
      : name.includes(folded(term).slice(0, Math.ceil(0.75 * term.length))));
    return terms.filter(has).length / terms.length;
  };
  // the page whose whole name is what was typed ("jyväskylä": the municipality, before "Jyväskylän X")
  const whole = (title) => {
    const nameWords = words(folded((title || "").replace(/\u00ad/g, "").toLowerCase())).map(bare).filter(Boolean);
    return nameWords.length > 0 && nameWords.every((word) => terms.some((term) => folded(term) === word));
  };
  const scored = head.map((result, i) => {
    const share = named(data[i].meta.title);
    const exact = share === 1 && whole(data[i].meta.title);
    return { result, i,
      score: result.score * (Number(data[i].meta.weight) || 1) * (1 + NAME_BOOST * share) * (exact ? WHOLE_NAME_BOOST : 1) };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return [...scored.map((item) => item.result), ...results.slice(REORDERED)];
}

// --- one result --------------------------------------------------------------------------------------------

function resultItem(data, t) {
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
  // the number to call, right under the name: a family can act without opening the page
  if (data.meta.phone) {
    const [text, number] = data.meta.phone.split("|");
    const phone = document.createElement("p");
    const call = document.createElement("a");
    call.className = "phone";
    call.href = `tel:${number}`;
    call.textContent = text;
    phone.append(`${t.phone}: `, call);
    item.append(phone);
  }
  if (data.meta.summary) {
    const summary = document.createElement("p");
    summary.textContent = data.meta.summary;
    item.append(summary);
  }
  // an excerpt only from the page's visible text (matches in its hidden family words would read as a word list)
  // and only when it says more than the summary above it
  const mark = data.content.split(/\s+/).indexOf(WORDS_MARK);
  const excerptNodes = highlighted(data.excerpt);
  const excerptText = excerptNodes.map((node) => node.textContent).join("");
  const repeats = data.meta.summary && excerptText.includes(data.meta.summary.slice(0, 40));
  if ((mark === -1 || data.locations.some((location) => location < mark)) && !repeats) {
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.append(...excerptNodes);
    item.append(excerpt);
  }
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
