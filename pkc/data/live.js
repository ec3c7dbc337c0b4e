// pkc serve: reload the page when the content changes; show content errors over the last good page.
(() => {
  let version = null;
  const events = new EventSource("/_pkc/events");
  events.addEventListener("state", (event) => {
    const next = JSON.parse(event.data).version;
    if (version !== null && next !== version) window.location.reload();
    version = next;
  });
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));

  function show(problems) {
    let overlay = document.getElementById("pkc-problems");
    if (problems.length === 0) {
      if (overlay) overlay.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "pkc-problems";
      overlay.setAttribute("role", "alert");
      Object.assign(overlay.style, {
        position: "fixed", left: "0", right: "0", bottom: "0", maxHeight: "60vh", overflow: "auto",
        zIndex: "2147483647", background: "#1b1b1b", color: "#fff", padding: "1rem 1.5rem",
        font: "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
        borderTop: "6px solid #d4351c",
      });
      document.body.append(overlay);
    }
    const title = document.createElement("h2");
    title.textContent = `pkc: ${problems.length} error${problems.length === 1 ? "" : "s"} in the content ` +
      "(still showing the last good version)";
    Object.assign(title.style, { margin: "0 0 0.5rem", fontSize: "17px", color: "#fff" });
    const list = document.createElement("ul");
    list.style.paddingLeft = "1.2rem";
    for (const problem of problems) {
      const item = document.createElement("li");
      const where = document.createElement("strong");
      where.textContent = problem.location;
      item.append(where, `: ${problem.message}`);
      if (problem.hint) {
        const hint = document.createElement("div");
        hint.textContent = `hint: ${problem.hint}`;
        hint.style.color = "#ffdd00";
        item.append(hint);
      }
      list.append(item);
    }
    overlay.replaceChildren(title, list);
  }
})();
