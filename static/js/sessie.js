/* No silent time-out (WCAG 2.2.1): warn before the server's idle time-out ends the session,
 * offer to stay signed in, and keep what was typed in the page's forms so that it is filled in
 * again after logging in anew. The server gives the clock on <body> (data-sessie-*); this file
 * has no setting of its own. Saved input lives in sessionStorage (this tab only, gone when the
 * tab closes), keyed by path, never passwords, files or hidden fields (the CSRF token). */
(function () {
  "use strict";

  var PREFIX = "formbehoud:";
  var BEWAAR_MS = 12 * 60 * 60 * 1000; // older saved input is stale: never filled in again
  var GEDEELD = "sessie:verloopt-om"; // the latest deadline any tab of this site has seen
  var body = document.body;
  var eigenaar = body.dataset.sessieEigenaar || null;
  var opslag = veiligeOpslag();

  function veiligeOpslag() {
    try {
      window.sessionStorage.setItem(PREFIX + "test", "1");
      window.sessionStorage.removeItem(PREFIX + "test");
      return window.sessionStorage;
    } catch (e) {
      return null; // storage disabled: the warning still works, nothing is kept
    }
  }

  /* ---- Saved form input ---- */

  function formulieren() {
    var main = document.getElementById("inhoud");
    if (!main) return [];
    return Array.prototype.filter.call(main.querySelectorAll("form"), function (form) {
      return (form.method || "").toLowerCase() === "post" && !form.hasAttribute("data-formbehoud-uit");
    });
  }

  function bewaarbaar(veld) {
    if (!veld.name || veld.disabled || veld.name === "csrfmiddlewaretoken") return false;
    if (veld.hasAttribute("data-formbehoud-uit")) return false;
    var type = (veld.type || "").toLowerCase();
    return ["password", "file", "hidden", "submit", "button", "reset", "image"].indexOf(type) === -1;
  }

  function waarden(form) {
    var velden = {};
    Array.prototype.forEach.call(form.elements, function (veld) {
      if (!bewaarbaar(veld)) return;
      var type = (veld.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        velden[veld.name] = velden[veld.name] || [];
        if (veld.checked) velden[veld.name].push(veld.value);
      } else if (veld.tagName === "SELECT" && veld.multiple) {
        velden[veld.name] = Array.prototype.filter.call(veld.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        velden[veld.name] = veld.value;
      }
    });
    return velden;
  }

  function invullen(form, velden) {
    Array.prototype.forEach.call(form.elements, function (veld) {
      if (!bewaarbaar(veld) || !(veld.name in velden)) return;
      var waarde = velden[veld.name];
      var type = (veld.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        veld.checked = waarde.indexOf(veld.value) !== -1;
      } else if (veld.tagName === "SELECT" && veld.multiple) {
        Array.prototype.forEach.call(veld.options, function (o) { o.selected = waarde.indexOf(o.value) !== -1; });
      } else {
        veld.value = waarde;
      }
      veld.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function lees(sleutel) {
    try {
      return JSON.parse(opslag.getItem(sleutel));
    } catch (e) {
      return null;
    }
  }

  function schrijf(sleutel, waarde) {
    try {
      opslag.setItem(sleutel, JSON.stringify(waarde));
    } catch (e) {
      /* storage full: keep working without it */
    }
  }

  function sleutels() {
    var lijst = [];
    for (var i = 0; i < opslag.length; i++) {
      var sleutel = opslag.key(i);
      if (sleutel && sleutel.indexOf(PREFIX) === 0) lijst.push(sleutel);
    }
    return lijst;
  }

  var hier = PREFIX + window.location.pathname;

  function bewaar(verzonden) {
    var forms = formulieren();
    if (!forms.length) return;
    schrijf(hier, {
      eigenaar: eigenaar,
      om: Date.now(),
      verzonden: !!verzonden,
      onderbroken: false,
      formulieren: forms.map(waarden),
    });
  }

  function teruggezet() {
    var melding = document.createElement("div");
    melding.className = "alert alert-info";
    melding.setAttribute("role", "status");
    melding.setAttribute("data-formbehoud-melding", "");
    melding.textContent = body.dataset.formbehoudTekst || "";
    var main = document.getElementById("inhoud");
    main.insertBefore(melding, main.firstChild);
  }

  // What a page load says about the saved input: an anonymous page means the session ended
  // (kept, marked interrupted); back on the same path signed in as the same person after an
  // interruption, it is filled in again; a submitted form that led elsewhere succeeded.
  function ordenen() {
    sleutels().forEach(function (sleutel) {
      var item = lees(sleutel);
      if (!item || Date.now() - item.om > BEWAAR_MS) {
        opslag.removeItem(sleutel);
      } else if (!eigenaar) {
        item.onderbroken = true;
        schrijf(sleutel, item);
      } else if (item.eigenaar !== eigenaar) {
        opslag.removeItem(sleutel); // another person's input is never shown
      } else if (sleutel !== hier) {
        if (item.verzonden && !item.onderbroken) opslag.removeItem(sleutel);
      } else if (item.onderbroken) {
        var forms = formulieren();
        item.formulieren.forEach(function (velden, i) { if (forms[i]) invullen(forms[i], velden); });
        opslag.removeItem(sleutel);
        if (forms.length) teruggezet();
      } else if (item.verzonden) {
        opslag.removeItem(sleutel); // the form came back with errors: the server holds the values
      }
    });
  }

  function formbehoud() {
    if (!opslag) return;
    ordenen();
    if (!eigenaar) return;
    var wacht = null;
    formulieren().forEach(function (form) {
      form.addEventListener("input", function () {
        window.clearTimeout(wacht);
        wacht = window.setTimeout(function () { bewaar(false); }, 300);
      });
      form.addEventListener("change", function () { bewaar(false); });
      form.addEventListener("submit", function () { bewaar(true); });
    });
    var afmelden = document.querySelector("form[data-afmelden]");
    if (afmelden) {
      // Logging out on purpose: nothing stays behind for the next person at this computer.
      afmelden.addEventListener("submit", function () {
        sleutels().forEach(function (sleutel) { opslag.removeItem(sleutel); });
      });
    }
  }

  /* ---- The time-out warning ---- */

  function sessie() {
    var waarschuwing = document.getElementById("sessie-waarschuwing");
    var afgelopen = document.getElementById("sessie-afgelopen");
    if (!eigenaar || !waarschuwing || !afgelopen) return;
    var voor = parseInt(body.dataset.sessieWaarschuwing, 10) * 1000;
    var verlooptOm = Date.now() + parseInt(body.dataset.sessieResterend, 10) * 1000;
    var aftellen = waarschuwing.querySelector("[data-sessie-aftellen]");
    var maximum = waarschuwing.querySelector("[data-sessie-maximum]");
    var verlengen = waarschuwing.querySelector("form[data-sessie-verlengen]");
    var klok = null;

    function gedeeld() {
      try {
        return parseInt(window.localStorage.getItem(GEDEELD), 10) || 0;
      } catch (e) {
        return 0;
      }
    }

    function deel() {
      try {
        if (verlooptOm > gedeeld()) window.localStorage.setItem(GEDEELD, String(verlooptOm));
      } catch (e) {
        /* no shared clock: each tab keeps its own */
      }
    }

    function open(dialoog) {
      if (!dialoog.open) dialoog.showModal();
    }

    function tik() {
      verlooptOm = Math.max(verlooptOm, gedeeld()); // another tab may have kept the session
      var over = verlooptOm - Date.now();
      if (over <= 0) {
        if (waarschuwing.open) waarschuwing.close();
        open(afgelopen);
        window.clearInterval(klok);
        return;
      }
      if (over <= voor) {
        var s = Math.ceil(over / 1000);
        aftellen.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
        open(waarschuwing);
      } else if (waarschuwing.open) {
        waarschuwing.close();
      }
    }

    verlengen.addEventListener("submit", function (event) {
      event.preventDefault();
      window.fetch(verlengen.action, {
        method: "POST",
        body: new FormData(verlengen),
        credentials: "same-origin",
        redirect: "manual",
        headers: { Accept: "application/json" },
      }).then(function (antwoord) {
        if (!antwoord.ok) throw new Error("session ended");
        return antwoord.json();
      }).then(function (data) {
        verlooptOm = Date.now() + data.resterend * 1000;
        deel();
        maximum.hidden = data.resterend * 1000 > voor;
        if (maximum.hidden) waarschuwing.close();
      }).catch(function () {
        verlooptOm = 0;
        tik();
      });
    });
    // Escape closes a modal dialog; here it counts as "stay signed in", the safe answer.
    waarschuwing.addEventListener("cancel", function (event) {
      event.preventDefault();
      verlengen.requestSubmit();
    });
    afgelopen.addEventListener("cancel", function (event) { event.preventDefault(); });
    deel();
    klok = window.setInterval(tik, 1000);
    tik();
  }

  formbehoud();
  sessie();
})();
