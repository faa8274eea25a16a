/*
 * Citation previews. Each citation is a link to its entry in the page's reference
 * list (that works without JavaScript). This script adds a preview of the full
 * reference(s): on hover or keyboard focus, and on a first tap on touch screens
 * (a second tap, or the link inside the preview, goes to the list).
 */
(function () {
  "use strict";

  var popover = null;
  var owner = null;
  var hideTimer = null;

  function entriesFor(link) {
    var keys = (link.getAttribute("data-cites") || "").split(/\s+/).filter(Boolean);
    return keys
      .map(function (key) { return document.getElementById("ref-" + key); })
      .filter(Boolean);
  }

  function build(link) {
    var box = document.createElement("div");
    box.className = "citation-popover";
    box.id = "citation-popover";
    box.setAttribute("role", "tooltip");
    entriesFor(link).forEach(function (entry) {
      var copy = entry.cloneNode(true);
      copy.removeAttribute("id");
      Array.prototype.forEach.call(copy.querySelectorAll(".ref-global"), function (el) { el.remove(); });
      box.appendChild(copy);
    });
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.className = "citation-popover__more";
    more.textContent = document.documentElement.lang === "id" ? "Ke daftar referensi" : "Go to the reference list";
    box.appendChild(more);
    box.addEventListener("mouseenter", cancelHide);
    box.addEventListener("mouseleave", scheduleHide);
    return box;
  }

  function place(box, link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(420, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function show(link) {
    cancelHide();
    if (owner === link) return;
    hide();
    if (!entriesFor(link).length) return;
    popover = build(link);
    document.body.appendChild(popover);
    place(popover, link);
    owner = link;
    link.setAttribute("aria-describedby", popover.id);
    link.setAttribute("aria-expanded", "true");
  }

  function hide() {
    cancelHide();
    if (popover) popover.remove();
    if (owner) {
      owner.removeAttribute("aria-describedby");
      owner.setAttribute("aria-expanded", "false");
    }
    popover = null;
    owner = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, 250);
  }

  function cancelHide() {
    if (hideTimer) window.clearTimeout(hideTimer);
    hideTimer = null;
  }

  function citationFrom(target) {
    return target && target.closest ? target.closest("a.citation") : null;
  }

  var lastPointer = "mouse";
  var openBeforeTap = false;
  document.addEventListener("pointerdown", function (ev) {
    lastPointer = ev.pointerType;
    var link = citationFrom(ev.target);
    // A tap also focuses the link (which opens the preview): remember whether it was open before.
    openBeforeTap = Boolean(link) && owner === link;
  }, true);

  document.addEventListener("mouseover", function (ev) {
    var link = citationFrom(ev.target);
    if (link && lastPointer === "mouse") show(link);
  });
  document.addEventListener("mouseout", function (ev) {
    if (citationFrom(ev.target)) scheduleHide();
  });
  document.addEventListener("focusin", function (ev) {
    var link = citationFrom(ev.target);
    if (link) show(link);
    else if (popover && !popover.contains(ev.target)) hide();
  });
  document.addEventListener("click", function (ev) {
    var link = citationFrom(ev.target);
    if (link && lastPointer !== "mouse" && !openBeforeTap) {
      ev.preventDefault();
      show(link);
    } else if (popover && !popover.contains(ev.target) && !link) {
      hide();
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") hide();
  });
  window.addEventListener("resize", hide);
})();
