#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Keeps scenarios/scenario.schema.json honest: every scenario file the parser accepts validates
against it, and the files it rejects for their content do not.

usage: schema_check.py SCHEMA --valid FILE... --invalid FILE...
"""
import sys

import re

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 booleans (true/false only), as yaml-cpp reads scenario files: PyYAML's YAML 1.1
    would turn expect-blink's `on:` key into True."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load(path):
    with open(path) as f:
        return yaml.load(f, Loader=Yaml12Loader)


def main(argv):
    schema_path, rest = argv[1], argv[2:]
    groups, current = {"--valid": [], "--invalid": []}, None
    for a in rest:
        if a in groups:
            current = a
        else:
            groups[current].append(a)
    schema = load(schema_path)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in groups["--valid"]:
        errors = list(validator.iter_errors(load(path)))
        for e in errors:
            print(f"schema_check: {path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        failed |= bool(errors)
    for path in groups["--invalid"]:
        if validator.is_valid(load(path)):
            print(f"schema_check: {path} validates, but the parser rejects it")
            failed = True
    print("schema_check:", "FAILED" if failed else
          f"ok ({len(groups['--valid'])} valid, {len(groups['--invalid'])} rejected as they should be)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
