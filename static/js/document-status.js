/* The agreement page while its PDF is being made: ask the page's status URL every two seconds
   and reload once the document is there. Loaded from the portal itself (CSP: 'self'); without
   JavaScript the page says to reload it. Stops after two minutes; a reload starts it again. */
(function () {
  "use strict";
  var element = document.querySelector("[data-document-status]");
  if (!element || !window.fetch) {
    return;
  }
  var url = element.getAttribute("data-document-status");
  var left = 60;
  function ask() {
    left -= 1;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { wordt_gemaakt: true };
      })
      .then(function (status) {
        if (!status.wordt_gemaakt) {
          window.location.reload();
        } else if (left > 0) {
          window.setTimeout(ask, 2000);
        }
      })
      .catch(function () {
        if (left > 0) {
          window.setTimeout(ask, 2000);
        }
      });
  }
  window.setTimeout(ask, 1000);
})();
