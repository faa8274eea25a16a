/*
 * Cite boxes and section cite controls. The citations themselves are plain HTML.
 *
 * - Copy buttons copy one format to the clipboard (or select it, where copying is not allowed).
 * - Each section heading of a chapter has a cite button (hidden until this script runs). It
 *   toggles a panel under the heading, filled on first use from the section's inert <template>:
 *   a disclosure (aria-expanded, aria-controls); Escape inside the panel closes it and returns
 *   focus to the button.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("cite-js");

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.innerText.trim();
    var done = document.documentElement.lang === "id" ? "Tersalin" : "Copied";
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    var copying = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text)
      : fallbackCopy(text);
    copying.then(function () {
      button.textContent = done;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
  }

  function panelFor(button, create) {
    var id = button.getAttribute("data-cite-section");
    var panel = document.getElementById("cite-panel-" + id);
    if (panel || !create) return panel;
    var template = document.getElementById("cite-section-" + id);
    if (!template) return null;
    panel = document.createElement("div");
    panel.className = "cite-panel";
    panel.id = "cite-panel-" + id;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", button.getAttribute("aria-label"));
    panel.hidden = true;
    panel.appendChild(template.content.cloneNode(true));
    template.parentNode.insertBefore(panel, template.nextSibling);
    button.setAttribute("aria-controls", panel.id);
    return panel;
  }

  function toggle(button, open) {
    var panel = panelFor(button, open);
    if (!panel) return;
    panel.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  document.addEventListener("click", function (ev) {
    if (!ev.target.closest) return;
    var copyButton = ev.target.closest("button.cite-this__copy");
    if (copyButton) {
      copy(copyButton);
      return;
    }
    var citeButton = ev.target.closest("button.cite-section");
    if (citeButton) {
      toggle(citeButton, citeButton.getAttribute("aria-expanded") !== "true");
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !ev.target.closest) return;
    var panel = ev.target.closest(".cite-panel");
    if (!panel) return;
    var button = document.querySelector('button.cite-section[aria-controls="' + panel.id + '"]');
    if (button) {
      toggle(button, false);
      button.focus();
    }
  });
})();
