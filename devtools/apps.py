from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Demo loaders, the scale seed and the benchmarks; never installed in production."""

    name = "devtools"
    label = "devtools"
    verbose_name = "Development tools"
