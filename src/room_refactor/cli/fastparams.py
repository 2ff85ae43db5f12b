"""Option values without pydantic, so that the command line starts fast on any typer.

From typer 0.29 on, every option value that is not a plain flag is converted through a pydantic
`TypeAdapter`, built for each parameter at each start: importing pydantic and building the
adapters costs about 0.2 s per run of `audit` (measured: 0.37 s against 0.14 s for an audit
with nothing to parse). Our commands take only a few simple types: `str`, `int` (with a
minimum), `Path`, an `Enum` of choices, and lists of those. `LightCommand`, the command class
of every command here, gives each such parameter a converter of its own, with typer's own
contract: `coerce(value, param, ctx)` returns the value or raises `typer.BadParameter`.

typer before 0.29 converts with click's types and has no such hook: there the class changes
nothing. A parameter of any other type keeps typer's own converter. tests/cli/test_fastparams.py
checks the converters against typer's on the same values, and that an audit imports no pydantic.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any, Callable, Union, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup

Convert = Callable[[Any], Any]


class _Light:
    """typer's RuntimeParam contract, for one parameter."""

    def __init__(self, convert: Convert) -> None:
        self.convert = convert

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        is_multi_value = getattr(param, "multiple", False) or getattr(param, "nargs", 1) == -1
        if value is None:
            return () if is_multi_value else None
        if is_multi_value:
            if isinstance(value, str):
                raise typer.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self._one(item, param, ctx) for item in value]
        return self._one(value, param, ctx)

    def _one(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.convert(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), ctx=ctx, param=param) from None


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) is Union:
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def converter(annotation: Any, info: Any) -> Convert | None:
    """A converter for one value of `annotation`, or None to leave the type to typer."""
    annotation = _strip_optional(annotation)
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
        annotation = _strip_optional(annotation)
    if getattr(info, "parser", None) is not None:
        return None
    if annotation is bool:
        return _to_bool
    if annotation is str:
        return _to_str
    if annotation is Path:
        return lambda value: value if isinstance(value, Path) else Path(_to_str(value))
    if annotation is int:
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if getattr(info, "clamp", False):
            return None
        return lambda value: _to_int(value, low, high)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_converter(annotation, case_sensitive=getattr(info, "case_sensitive", True))
    return None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _to_str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off"):
        return False
    raise ValueError(f"{value!r} is not a valid boolean.")


def _to_str(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _to_int(value: Any, low: int | None, high: int | None) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a valid integer.")
    if isinstance(value, int):
        number = value
    else:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a valid integer.") from None
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            bounds = f"x>={low}"
        elif low is None:
            bounds = f"x<={high}"
        else:
            bounds = f"{low}<=x<={high}"
        raise ValueError(f"{number} is not in the range {bounds}.")
    return number


def _enum_converter(kind: type[enum.Enum], *, case_sensitive: bool) -> Convert:
    members = list(kind)

    def convert(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        text = _to_str(value)
        for member in members:
            candidate = str(member.value)
            if candidate == text or (not case_sensitive and candidate.lower() == text.lower()):
                return member
        choices = ", ".join(repr(str(member.value)) for member in members)
        raise ValueError(f"{text!r} is not one of {choices}.")

    return convert


def lighten(param: Any) -> bool:
    """Give a typer >= 0.29 parameter our converter; False when typer keeps its own."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not hasattr(param, "_runtime_param"):
        return False  # typer < 0.29: click's types, no pydantic
    if getattr(descriptor, "file_annotation", None) is not None:
        return False
    convert = converter(descriptor.annotation, descriptor.parameter_info)
    if convert is None:
        return False
    param._runtime_param = _Light(convert)
    return True


class LightCommand(TyperCommand):
    """A typer command whose parameters convert their values without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        for param in self.get_params(ctx):
            lighten(param)
        return super().parse_args(ctx, args)


class LightGroup(TyperGroup):
    """The root command (`--version`, shell completion), with the same converters."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        for param in self.get_params(ctx):
            lighten(param)
        return super().parse_args(ctx, args)
