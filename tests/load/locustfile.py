"""P2 load test (quality.md): the key pages of three user groups and the public search.

Run by `make load` (bin/load.sh) against a local gunicorn over TLS, with the production settings,
on a `seed_scale` database; not a pytest module. Logged-in users log in once through the real
login form, with its CSRF token and the Referer a browser sends (Django's CSRF check requires a
same-origin Referer on HTTPS).
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

WACHTWOORD = "Duaal-demo-2026!"
# Logins of `seed_scale --scale 0.1`: 2 partnerships, 10 schools and 20 employers.
CONSULENTEN = itertools.cycle(f"consulent{i}@scale.duaal.be" for i in (1, 2))
WERKGEVERS = itertools.cycle(f"werkgever{i}@scale.duaal.be" for i in range(1, 11))
COACHES = itertools.cycle(f"coach{i}@scale.duaal.be" for i in range(1, 11))
POSTCODES = ("9000", "2000", "8000", "3000", "3500", "2800", "8500", "9300")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AANVRAAG = re.compile(r'href="(/aanvragen/[0-9a-f-]{36}/)"')
OPLEIDING = re.compile(r'<option value="([0-9a-f-]{36})"')


class PortaalGebruiker(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def on_start(self) -> None:
        # bin/load.sh's throw-away certificate: verified, not ignored.
        self.client.verify = os.environ.get("LOAD_CA_BUNDLE", True)


class IngelogdeGebruiker(PortaalGebruiker):
    abstract = True
    logins: itertools.cycle

    def on_start(self) -> None:
        super().on_start()
        formulier = self.client.get("/account/inloggen/", name="login form")
        token = CSRF.search(formulier.text).group(1)
        with self.client.post(
            "/account/inloggen/",
            data={
                "username": next(self.logins),
                "password": WACHTWOORD,
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/account/inloggen/"},
            name="login",
            catch_response=True,
        ) as antwoord:
            # A successful login redirects to the dashboard; a failed one shows the form again.
            if not antwoord.url.endswith("/dashboard/"):
                antwoord.failure(f"login failed, landed on {antwoord.url}")

    @task
    def dashboard(self) -> None:
        self.client.get("/dashboard/")


class Sectorconsulent(IngelogdeGebruiker):
    logins = CONSULENTEN

    @task(2)
    def wachtrij_en_aanvraag(self) -> None:
        wachtrij = self.client.get("/wachtrij/")
        links = AANVRAAG.findall(wachtrij.text)
        if links:
            self.client.get(random.choice(links), name="/aanvragen/[id]/")


class Werkgever(IngelogdeGebruiker):
    logins = WERKGEVERS

    @task
    def erkenningen(self) -> None:
        self.client.get("/erkenningen/")

    @task
    def overeenkomsten(self) -> None:
        self.client.get("/overeenkomsten/")


class Trajectbegeleider(IngelogdeGebruiker):
    logins = COACHES

    @task
    def leerlingen(self) -> None:
        self.client.get("/leerlingen/")

    @task
    def overeenkomsten(self) -> None:
        self.client.get("/overeenkomsten/")


class Bezoeker(PortaalGebruiker):
    """Anonymous: the public search for recognised workplaces per programme and postcode."""

    opleidingen: list[str] = []

    def on_start(self) -> None:
        super().on_start()
        zoekpagina = self.client.get("/leerwerkplekken/")
        self.opleidingen = OPLEIDING.findall(zoekpagina.text)

    @task
    def zoeken(self) -> None:
        self.client.get(
            "/leerwerkplekken/",
            params={
                "opleiding": random.choice(self.opleidingen),
                "plaats": random.choice(POSTCODES),
            },
            name="/leerwerkplekken/?opleiding&plaats",
        )
