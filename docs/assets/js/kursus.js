/* Small fixes to the theme that every page needs. */
(() => {
  "use strict";
  Samskabt.onPage(root => {
    // Material's search dialog has role="dialog" but no accessible name.
    const dialog = root.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Søg i kurset");
  });
})();
