// The facilitator's page: fetch the live part every two seconds and swap it in.
// The server renders it (escaped by the templates); nothing here builds markup from data.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch) { return; }
  var source = live.getAttribute("data-source");
  var tag = null;
  var delay = 2000;
  function refresh() {
    if (document.hidden) { setTimeout(refresh, delay); return; }
    var headers = tag ? { "If-None-Match": tag } : {};
    fetch(source, { headers: headers, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 200) {
          tag = response.headers.get("ETag");
          return response.text().then(function (html) {
            live.innerHTML = html;
            live.setAttribute("data-updated", String(Date.now()));
          });
        }
        return null;
      })
      .catch(function () { return null; })
      .then(function () { setTimeout(refresh, delay); });
  }
  setTimeout(refresh, delay);
}());
