"""Registries of named options: rule families and collective-impact conditions.

Each family is a package; every module in it (except those starting with ``_`` and
``base``) is imported when the family is first used, and registers its class with
:meth:`Registry.register`. Adding an option is therefore one new module: the schema's
list of options, the option's parameter section and the docs all come from here.
"""

from __future__ import annotations

import importlib
import pkgutil
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import create_model

from ecosim.parameters import Section, param, section

__all__ = ["Option", "Registry"]


class Option:
    """Base of a named option: holds its family's section and its own part of it.

    Attributes:
        name: the option's name in scenario files.
        Params: the option's own parameter section, nested under its name, if any.
        common: the family's whole scenario section.
        own: this option's section (None without ``Params``).
    """

    name: ClassVar[str]
    Params: ClassVar[type[Section] | None] = None

    def __init__(self, params: Section):
        self.common = params
        self.own = getattr(params, self.name, None)


class Registry:
    """Named options of one family, found by importing the modules of a package.

    Args:
        family: what the options are (for messages), e.g. "reimbursement rule".
        package: dotted name of the package holding one module per option.
        default: the option listed first (the baseline's).
    """

    def __init__(self, family: str, package: str, default: str):
        self.family = family
        self.package = package
        self.default = default
        self._options: dict[str, Any] = {}
        self._loaded = False

    def register(self, cls: Any) -> Any:
        """Class decorator: register ``cls`` under ``cls.name``."""
        name = cls.name
        if name in self._options and self._options[name] is not cls:
            raise ValueError(f"two {self.family} options are named {name!r}")
        self._options[name] = cls
        return cls

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        pkg = importlib.import_module(self.package)
        for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            if not mod.name.startswith("_") and mod.name != "base":
                importlib.import_module(f"{self.package}.{mod.name}")

    def names(self) -> tuple[str, ...]:
        """Option names: the default first, then alphabetical."""
        self._load()
        rest = sorted(n for n in self._options if n != self.default)
        return (self.default, *rest) if self.default in self._options else tuple(rest)

    def items(self) -> list[tuple[str, Any]]:
        """(name, class) of every option, in :meth:`names` order."""
        return [(n, self._options[n]) for n in self.names()]

    def create(self, params: Section, selector: str) -> Any:
        """The option that ``params.<selector>`` names, built with the family's section."""
        return self.get(getattr(params, selector))(params)

    def get(self, name: str) -> Any:
        """The class registered as ``name``."""
        self._load()
        try:
            return self._options[str(name)]
        except KeyError:
            known = ", ".join(self.names())
            raise KeyError(f"no {self.family} {name!r} (known: {known})") from None

    def schema(
        self,
        name: str,
        enum_name: str,
        common: type[Section],
        selector: str,
        description: str,
        module: str,
        alternates: dict[str, tuple[str, dict[str, str]]] | None = None,
        **meta: str,
    ) -> tuple[type[Section], type[StrEnum]]:
        """The family's scenario section and the enum of its option names.

        The section holds the selector field (an enum of the registered names) first,
        then the fields of ``common`` (parameters every option uses) and, for every
        option that declares a ``Params`` section, a nested field named after the
        option. Both classes are created in ``module``, which must bind them under
        ``name`` and the enum's name (so that scenarios pickle for worker processes).

        Args:
            name: class name of the section.
            enum_name: class name of the enum of options.
            common: the section of shared parameters.
            selector: field that names the option (``rule``, ``regime``).
            description: meaning of the selector field.
            module: the module that binds the returned classes.
            alternates: further selector fields, each ``name: (description, meta)``,
                placed after the selector (for example a rule some members follow
                instead).
            **meta: ``source`` or ``assumption`` of the selector's default.
        """
        names = self.names()
        options = StrEnum(enum_name, [(n, n) for n in names], module=module)
        options.__doc__ = f"Registered {self.family} options."
        fields: dict[str, Any] = {
            selector: (options, param(options(self.default), "", description, **meta))
        }
        for field, (text, extra) in (alternates or {}).items():
            fields[field] = (options, param(options(self.default), "", text, **extra))
        fields.update({n: (f.annotation, f) for n, f in common.model_fields.items()})
        for option, cls in self.items():
            params = getattr(cls, "Params", None)
            if params is not None and params.model_fields:
                fields[option] = (
                    params,
                    section(
                        params,
                        f"Parameters of the {option!r} option (used when {selector} is {option}).",
                    ),
                )
        model = create_model(name, __base__=Section, __module__=module, **fields)
        model.__doc__ = common.__doc__
        return model, options
