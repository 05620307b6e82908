// Material's search splits words only on its separator, and Thai is written without spaces.
// Cut the visitor's query into words with the browser's ICU before it reaches the search
// worker: the build cut the index with ICU too (generator/build/search_index.py), so both agree.
// Material sends a query to its worker as {type: 2, data: "<query>"} (9.x) and Zensical as
// {type: 2, data: {input: "<query>", ...}} (0.0.x); both are checked by tests in Chromium.
(function () {
  if (typeof Intl === "undefined" || !Intl.Segmenter || !window.Worker) return;
  var segmenter = new Intl.Segmenter("th", { granularity: "word" });
  var thai = /[\u0E00-\u0E7F]+/g;
  // Compounds the index holds as their parts (generator/thai_compounds.yml), written here by the build.
  var compounds = {};
  function segment(text) {
    return text.replace(thai, function (run) {
      return Array.from(segmenter.segment(run), function (part) {
        return (compounds[part.segment] || [part.segment]).join(" ");
      }).join(" ");
    });
  }
  // Material searches on key presses: text pasted (or dropped) into the box is searched at once too.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("input.md-search__input") && event.inputType &&
        event.inputType.indexOf("insertFrom") === 0) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
    }
  }, true);
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      message = { type: 2, data: segment(message.data) };
    } else if (message && message.type === 2 && message.data && typeof message.data.input === "string") {
      message = { type: 2, data: Object.assign({}, message.data, { input: segment(message.data.input) }) };
    }
    return post.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
})();
