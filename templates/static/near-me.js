// "Nearest first" on lists of services and meeting places: on a tap, and only then, the browser is asked for
// its position; the list is sorted by distance here, in the page. The position is never stored or sent.
(() => {
  "use strict";
  const texts = document.querySelector("[data-my-texts]")?.dataset || {};
  const items = [...document.querySelectorAll("main li[data-coords]")];
  if (items.length < 2 || !("geolocation" in navigator)) return;

  const points = (item) => item.dataset.coords.split(" ").map((pair) => pair.split(",").map(Number));
  const km = ([lat1, lon1], [lat2, lon2]) => {
    const rad = Math.PI / 180;
    const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
    return 12742 * Math.asin(Math.sqrt(a));
  };
  const format = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 1 });

  const bar = document.createElement("p");
  bar.className = "near-me";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button-secondary";
  button.textContent = texts.nearest;
  const status = document.createElement("span");
  status.setAttribute("role", "status");
  bar.append(button, " ", status);
  const anchor = document.querySelector(".narrowed") || document.querySelector("main h1");
  (anchor?.closest(".hero") || anchor)?.after(bar);

  const sort = (here) => {
    const distance = new Map(items.map((item) => [item, Math.min(...points(item).map((p) => km(here, p)))]));
    const lists = new Set(items.map((item) => item.parentElement));
    for (const list of lists) {
      const sorted = [...list.children].sort((a, b) => (distance.get(a) ?? Infinity) - (distance.get(b) ?? Infinity));
      list.append(...sorted);
      for (const item of sorted) {
        if (!distance.has(item)) continue;
        let badge = item.querySelector(".distance");
        if (!badge) {
          badge = document.createElement("span");
          badge.className = "distance";
          item.prepend(badge);
        }
        badge.textContent = texts.distance.replace("{km}", format.format(distance.get(item)));
      }
    }
    // groups in the order of their nearest entry: a section holding one list, or a heading and its list
    const nearest = (list) => Math.min(...[...list.children].map((item) => distance.get(item) ?? Infinity));
    const unit = (list) => {
      const parent = list.parentElement;
      if (parent.tagName === "SECTION" && parent.querySelectorAll(":scope > ul").length === 1) return [parent];
      const heading = list.previousElementSibling;
      return heading && /^H[2-6]$/.test(heading.tagName) ? [heading, list] : null;
    };
    const groups = [...lists].map((list) => ({ list, nodes: unit(list) })).filter((group) => group.nodes);
    const parent = groups[0]?.nodes[0].parentElement;
    if (groups.length > 1 && groups.every((group) => group.nodes[0].parentElement === parent)) {
      const after = groups[groups.length - 1].nodes.at(-1).nextElementSibling;
      for (const group of groups.sort((a, b) => nearest(a.list) - nearest(b.list))) {
        for (const node of group.nodes) parent.insertBefore(node, after);
      }
    }
    status.textContent = texts.sorted;
  };

  button.addEventListener("click", () => {
    status.textContent = texts.locating;
    navigator.geolocation.getCurrentPosition(
      (position) => sort([position.coords.latitude, position.coords.longitude]),
      () => { status.textContent = texts.unlocated; },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  });
})();
