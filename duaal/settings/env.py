"""Read configuration from the environment, with types and `<NAME>_FILE` secrets."""

import os
from pathlib import Path

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(RuntimeError):
    pass


def _raw(name: str) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        # Docker and Kubernetes secrets arrive as files; strip the trailing newline.
        return Path(file_path).read_text().strip()
    return os.environ.get(name)


def env_str(name: str, default: object = _MISSING) -> str:
    value = _raw(name)
    if value is None:
        if default is _MISSING:
            raise ConfigurationError(f"Environment variable {name} is required.")
        return str(default)
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    # A typo such as DEBUG=ture must not silently mean False.
    raise ConfigurationError(f"{name}={value!r} is not a boolean.")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]
