#!/usr/bin/env python3
"""Validates route-set files against docs/route-set.schema.json with the jsonschema package.

Usage: check_schema.py SOURCE_DIR
Checks that the schema is a valid draft 2020-12 schema, and that the bundled example, the canonical test file
and the complete example of docs/route-set-format.md conform to it. Exits 0 when all do, 1 otherwise.
"""
import json
import re
import sys

import jsonschema


def main():
    source = sys.argv[1]
    with open(f"{source}/docs/route-set.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    documents = {}
    for path in ("resources/examples/shop.switchboard.json", "tests/data/routesets/rich.switchboard.json"):
        with open(f"{source}/{path}", encoding="utf-8") as f:
            documents[path] = json.load(f)
    with open(f"{source}/docs/route-set-format.md", encoding="utf-8") as f:
        blocks = re.findall(r"```json\n(.*?)```", f.read(), re.S)
    documents["docs/route-set-format.md (complete example)"] = json.loads(blocks[-1])

    failed = 0
    for name, document in documents.items():
        errors = list(validator.iter_errors(document))
        for error in errors:
            print(f"{name}: {error.json_path}: {error.message}")
        failed += bool(errors)
    print(f"{len(documents) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
