// The phone menu: without JavaScript the "Menu" link opens the navigation with :target (see style.css);
// with it, the link becomes a button that says whether the menu is open and closes with Escape.
(() => {
  "use strict";
  const link = document.querySelector("[data-menu-toggle]");
  const menu = document.getElementById("site-menu");
  if (!link || !menu) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.textContent = link.textContent;
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  link.replaceWith(button);
  document.documentElement.classList.add("has-menu-button");
  const toggle = (open) => {
    menu.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => toggle(button.getAttribute("aria-expanded") !== "true"));
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.classList.contains("open")) {
      toggle(false);
      button.focus();
    }
  });
})();
