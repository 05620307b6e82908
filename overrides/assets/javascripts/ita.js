// Small helpers for assessors; the pages work without them.
(function () {
  // ITAS page: one click copies an item's URL (buttons stay hidden where the clipboard cannot be used).
  if (navigator.clipboard) {
    document.querySelectorAll("button.ita-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          button.textContent = "คัดลอกแล้ว";
          setTimeout(function () { button.textContent = "คัดลอก"; }, 2000);
        });
      });
    });
  }
  // Print: every evidence link shows its full published address (the stylesheet prints
  // data-print-url), resolved against the page's canonical URL so a preview prints it too.
  var canonical = document.querySelector("link[rel=canonical]");
  var base = canonical ? canonical.href : location.href;
  document.querySelectorAll(".md-content article a[href]").forEach(function (link) {
    if (!link.classList.contains("headerlink")) link.dataset.printUrl = new URL(link.getAttribute("href"), base).href;
  });
  // A table wider than a phone scrolls inside its frame: reachable and named for keyboard users.
  // The theme draws the frames itself once the page is ready, so this runs after it.
  function frames() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (frame) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", "ตาราง เลื่อนซ้ายขวาได้");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(frames, 0); });
  } else {
    window.addEventListener("load", frames);
  }
})();
