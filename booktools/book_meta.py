"""The book's bibliographic facts, read from CITATION.cff (the one source of truth)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Creator:
    """An author as CITATION.cff gives it: a person (family and given names) or an organisation (name only)."""

    name: str
    family: str | None = None
    given: str | None = None

    @property
    def is_organisation(self) -> bool:
        return self.family is None


@dataclass
class Book:
    title: str
    authors: list[str]
    publisher: str
    version: str
    date: dt.date
    license: str
    url: str | None
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    creators: list[Creator] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.date.year


def _person(entry: dict) -> str:
    if "name" in entry:
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "name-particle", "family-names") if entry.get(k))


def _creator(entry: dict) -> Creator:
    if "name" in entry:
        return Creator(str(entry["name"]))
    family = " ".join(str(entry[k]) for k in ("name-particle", "family-names") if entry.get(k))
    return Creator(_person(entry), family, str(entry.get("given-names", "")) or None)


def read(path: Path) -> Book:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    preferred = data.get("preferred-citation", {})
    released = data["date-released"]
    if isinstance(released, str):
        released = dt.date.fromisoformat(released)
    publisher = preferred.get("publisher", {}).get("name") or _person(data["authors"][0])
    return Book(
        title=str(data["title"]),
        authors=[_person(a) for a in data["authors"]],
        publisher=str(publisher),
        version=str(data["version"]),
        date=released,
        license=str(data.get("license", "")),
        url=data.get("url"),
        abstract=" ".join(str(data.get("abstract", "")).split()),
        keywords=[str(k) for k in data.get("keywords", [])],
        creators=[_creator(a) for a in data["authors"]],
    )
