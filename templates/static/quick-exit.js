// Quick exit on sensitive pages, in the manner of GOV.UK Frontend's "Exit this page": the button, or Shift pressed
// three times within five seconds, blanks this page at once and replaces it with a neutral site, so that Back
// does not return here. Without JavaScript the button is a plain link to the same site.
(() => {
  "use strict";
  const button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  const status = document.querySelector("[data-quick-exit-status]");
  const exit = () => {
    document.title = "…";
    document.body.replaceChildren();
    window.location.replace(button.href);
  };
  button.addEventListener("click", (event) => {
    event.preventDefault();
    exit();
  });
  let presses = 0;
  let timer = 0;
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      exit();
      return;
    }
    if (status) status.textContent = button.dataset.more.replace("{n}", String(3 - presses));
    timer = window.setTimeout(() => {
      presses = 0;
      if (status) status.textContent = "";
    }, 5000);
  });
})();
