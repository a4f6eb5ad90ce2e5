/*
 * »Kopiér link« on the teacher guide's page of links to hand out.
 *
 * The page lists each module and exercise as an ordinary link (a.copylink__link) whose
 * text is its path on the site, so it can be read and selected without JavaScript. This
 * script shows the full address instead – resolved by the browser against the page, so it
 * is right wherever the course is published – and adds a native button that copies it
 * (Samskabt.copy); if that fails, the link text is selected so the reader can press Ctrl+C. The result is shown next
 * to the button in a polite live region ("Linket er kopieret").
 *
 * Needs store.js (Samskabt.onPage / each / copy); defines no globals.
 */
(() => {
  "use strict";
  const S = window.Samskabt;
  if (!S) return;

  const COPIED = "Linket er kopieret";
  const FAILED = "Linket kunne ikke kopieres. Det er markeret, så du kan kopiere det med Ctrl+C (⌘+C på Mac).";

  function selectText(el) {
    const selection = window.getSelection && window.getSelection();
    if (!selection) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function enhance(link) {
    const url = link.href; // absolute: resolved against this page's address
    link.textContent = url;

    const button = document.createElement("button");
    button.type = "button";
    button.className = "quiz-btn copylink__button";
    button.textContent = "Kopiér link";
    const label = link.getAttribute("data-label");
    if (label) button.setAttribute("aria-label", `Kopiér link til ${label}`);

    const status = document.createElement("span");
    status.className = "copylink__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    const parent = link.parentNode;
    const after = link.nextSibling;
    parent.insertBefore(document.createElement("br"), after);
    parent.insertBefore(button, after);
    parent.insertBefore(document.createTextNode(" "), after);
    parent.insertBefore(status, after);

    button.addEventListener("click", () => {
      status.textContent = "";
      S.copy(url).then(
        () => { status.textContent = COPIED; },
        () => {
          selectText(link);
          status.textContent = FAILED;
        }
      );
    });
  }

  S.onPage(root => {
    S.each(root, "a.copylink__link", enhance);
  });
})();
