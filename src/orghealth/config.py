"""Classification rules: the built-in defaults, changed by an ``orghealth.toml``.

An orghealth.toml is found with ``--config`` or in the current directory. For each rule set
(function, ticket, time) its settings replace the defaults, and its ``rule`` entries are added
in front of the defaults (so they win ties) — or replace them with ``replace_rules = true``.
``blame`` and ``deferral`` settings replace the defaults key by key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from orghealth.errors import InputError
from orghealth.paths import DEFAULT_RULES

RULE_SETS = ("function", "ticket", "time")
CLASSES = {
    "function": {"sales", "presales", "ps", "ops", "support", "engineering", "exec", "other"},
    "ticket": {"initiative", "revenue", "proactive_warning", "escalation", "expectation_mismatch"},
    "time": {"selling", "operations", "delivery", "scoping", "initiative", "admin", "other"},
}
FIELDS = {
    "function": {"title", "department", "division"},
    "ticket": {"labels", "type", "priority", "components", "status", "account", "team"},
    "time": {"task", "notes", "project"},
}
CONFIG_NAME = "orghealth.toml"


def find_config(path: Path | str | None) -> Path | None:
    if path:
        return Path(path)
    here = Path.cwd() / CONFIG_NAME
    return here if here.is_file() else None


def read_toml(path: Path) -> dict:
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        # one settings format keeps the docs and the examples in one language
        raise InputError(f"settings are read from TOML, and this is a {path.suffix[1:].upper()} file",
                         file=path, hint="write the same settings in a .toml file: the examples in "
                                         "docs/configuration.md show each section, [[mapping]] too")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError("no such configuration file", file=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"is not valid TOML ({exc})", file=path,
                         hint="see docs/configuration.md for the format") from exc


def load_rules(path: Path | str | None = None) -> dict:
    """The rules in force: defaults, changed by the config file when there is one."""
    rules = read_toml(DEFAULT_RULES)
    found = find_config(path)
    if found is not None:
        rules = merge(rules, read_toml(found), found)
    for set_name in RULE_SETS:
        validate(rules[set_name], set_name, found or DEFAULT_RULES)
    return rules


def merge(defaults: dict, user: dict, source: Path) -> dict:
    out = {k: dict(v) if isinstance(v, dict) else v for k, v in defaults.items()}
    for key, value in user.items():
        if key not in defaults:
            if key in ("mapping", "formats"):
                out[key] = value
                continue
            raise InputError(f"unknown section [{key}]", file=source,
                             hint=f"known sections: {', '.join(defaults)}")
        if key in RULE_SETS:
            section = dict(out[key])
            user_rules = [dict(r, priority=r.get("priority", 0) + 10) for r in value.get("rule", [])]
            for k, v in value.items():
                if k not in ("rule", "replace_rules"):
                    section[k] = v
            section["rule"] = user_rules + ([] if value.get("replace_rules") else section["rule"])
            out[key] = section
        else:
            out[key] = {**out[key], **value}
    return out


def validate(section: dict, set_name: str, source: Path) -> None:
    known_fields = FIELDS[set_name]
    for f in section.get("fields", []):
        if f not in known_fields:
            raise InputError(f"[{set_name}] fields: unknown field '{f}'", file=source,
                             hint=f"use some of: {', '.join(sorted(known_fields))}")
    for i, rule in enumerate(section.get("rule", []), 1):
        where = f"[[{set_name}.rule]] number {i}"
        cls = rule.get("class")
        if cls not in CLASSES[set_name]:
            raise InputError(f"{where}: class '{cls}' is not one of "
                             f"{', '.join(sorted(CLASSES[set_name]))}", file=source)
        if not rule.get("words") and not rule.get("when"):
            raise InputError(f"{where}: give words = [...] or when = {{field = [...]}}", file=source)
        for f in list(rule.get("fields", [])) + list(rule.get("when", {})):
            if f not in known_fields:
                raise InputError(f"{where}: unknown field '{f}'", file=source,
                                 hint=f"use some of: {', '.join(sorted(known_fields))}")


def rule_rows(rules: dict) -> list[dict]:
    """Every rule as rows of (set, rule number, class, priority, condition, field, field rank, word)."""
    rows = []
    for set_name in RULE_SETS:
        section = rules[set_name]
        set_fields = list(section.get("fields", []))
        for rule_no, rule in enumerate(section.get("rule", []), 1):
            if rule.get("when"):
                conditions = [([f], words) for f, words in rule["when"].items()]
            else:
                conditions = [(list(rule.get("fields") or set_fields), rule["words"])]
            for cond_no, (fields, words) in enumerate(conditions, 1):
                for field in fields:
                    rank = set_fields.index(field) if field in set_fields else len(set_fields)
                    for word in words:
                        rows.append({
                            "rule_set": set_name, "rule_no": rule_no, "class": rule["class"],
                            "priority": int(rule.get("priority", 0)), "cond_no": cond_no,
                            "n_conds": len(conditions), "field": field, "field_rank": rank,
                            "word": str(word),
                        })
    return rows
