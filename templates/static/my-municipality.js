// "My municipality": a family chooses its municipality once, on that municipality's page. The choice stays in
// this browser only (localStorage: no cookie, nothing is sent anywhere). Then the home page leads with that
// municipality's first contacts, and lists of services and meeting places start narrowed to it, with one
// button to show every municipality. Without JavaScript nothing here shows; each life situation also has a
// static page per municipality.
(() => {
  "use strict";
  const KEY = "pkc-municipality";
  const lang = document.documentElement.lang;
  const texts = document.querySelector("[data-my-texts]")?.dataset || {};
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

  const read = () => {
    try {
      const stored = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return stored && typeof stored.slug === "string" ? stored : null;
    } catch {
      return null; // storage blocked or a value from elsewhere: as if nothing was chosen
    }
  };
  const write = (value) => {
    try {
      if (value) window.localStorage.setItem(KEY, JSON.stringify(value));
      else window.localStorage.removeItem(KEY);
      return true;
    } catch {
      return false;
    }
  };
  const nameOf = (chosen) => chosen.names?.[lang] || Object.values(chosen.names || {})[0] || chosen.slug;

  // --- on a municipality's page: choose it, or forget the choice ---------------------------------------
  const here = document.querySelector("[data-my-municipality]");
  if (here) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary";
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "my-status";
    const show = () => {
      const chosen = read();
      const mine = chosen && chosen.slug === here.dataset.myMunicipality;
      button.textContent = mine ? texts.forget : texts.choose;
      button.setAttribute("aria-pressed", String(Boolean(mine)));
    };
    button.addEventListener("click", () => {
      const chosen = read();
      if (chosen && chosen.slug === here.dataset.myMunicipality) {
        write(null);
        status.textContent = texts.forgotten;
      } else if (write({ slug: here.dataset.myMunicipality, names: JSON.parse(here.dataset.names) })) {
        status.textContent = fill(texts.chosen, { municipality: here.dataset.name });
      }
      show();
    });
    show();
    here.replaceChildren(button, " ", status);
    here.hidden = false;
  }

  const chosen = read();
  if (!chosen) return;
  const name = nameOf(chosen);

  // --- the home page leads with the chosen municipality's first contacts --------------------------------
  const lead = document.querySelector("[data-my-home]");
  const tile = document.querySelector(`a[data-municipality="${CSS.escape(chosen.slug)}"]`);
  if (lead && tile) {
    const section = document.createElement("section");
    section.className = "my-home";
    section.setAttribute("aria-labelledby", "my-home-heading");
    const heading = document.createElement("h2");
    heading.id = "my-home-heading";
    heading.textContent = fill(texts.yours, { municipality: name });
    const more = document.createElement("p");
    const all = document.createElement("a");
    all.href = tile.href;
    all.textContent = fill(texts.everything, { municipality: name });
    more.append(all);
    section.append(heading, more);
    lead.replaceChildren(section);
    lead.hidden = false;
    fetch(tile.href, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const rows = page.querySelector(".municipality-essentials .service-rows");
        if (!rows) return;
        for (const link of rows.querySelectorAll("a[href]")) link.href = new URL(link.getAttribute("href"), tile.href).href;
        section.insertBefore(document.importNode(rows, true), more);
      })
      .catch(() => {}); // offline or moved: the link to the municipality's page is still there
  }

  // --- lists start narrowed to the chosen municipality ----------------------------------------------------
  if (here || document.querySelector("[data-narrowed-page]")) return; // already one municipality's page
  const items = [...document.querySelectorAll("main li[data-area]")];
  if (items.length === 0) return;
  const matching = items.filter((item) => item.dataset.area.split(" ").includes(chosen.slug));
  if (matching.length === items.length) return;
  const bar = document.createElement("p");
  bar.className = "narrowed";
  const label = document.createElement("span");
  label.setAttribute("role", "status");
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "button-secondary";
  let narrowed = false;
  const apply = (narrow) => {
    narrowed = narrow;
    for (const item of items) item.hidden = narrow && !matching.includes(item);
    // a group (its section, or its heading and list) with nothing left in it is hidden as a whole
    for (const list of new Set(items.map((item) => item.parentElement))) {
      const empty = narrow && [...list.children].every((item) => item.hidden);
      list.hidden = empty;
      const section = list.parentElement.tagName === "SECTION" && list.parentElement.querySelectorAll(":scope > ul").length === 1
        ? list.parentElement : null;
      if (section) section.hidden = empty;
      const heading = list.previousElementSibling;
      if (!section && heading && /^H[2-6]$/.test(heading.tagName) && !heading.id) heading.hidden = empty;
    }
    label.textContent = narrow
      ? fill(texts.narrowed, { municipality: name, shown: matching.length, total: items.length })
      : fill(texts.widened, { total: items.length });
    toggle.textContent = narrow ? texts.widen : fill(texts.narrow, { municipality: name });
  };
  toggle.addEventListener("click", () => apply(!narrowed));
  bar.append(label, " ", toggle);
  const title = document.querySelector("main h1");
  (title?.closest(".hero") || title)?.after(bar);
  apply(true);
})();
