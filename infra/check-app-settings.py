#!/usr/bin/env python3
"""Compare the app settings a compiled ARM template writes with infra/app-settings.json.

usage: check-app-settings.py MAIN_JSON APP_SETTINGS_JSON HOST_JSON

The template must write its app settings in exactly one place, a Microsoft.Web/sites/config 'appsettings'
resource (or siteConfig.appSettings) whose keys are literal, and the names must be exactly those of
app-settings.json. A setting marked secret must be a Key Vault reference; any other must not be.
Unsubscribe__BaseUrl must end in the host's HTTP route prefix (host.json), where the unsubscribe route lives:
links built from the bare host name answer 404. Exit 0 when all holds, 1 with a readable list of differences
otherwise.
"""
import json
import sys

READERS = {"app", "host", "both"}
KEY_VAULT_REFERENCE = "@Microsoft.KeyVault("


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def written_settings(template):
    """Returns ({name: value expression}, [problems]) for every app settings block in the template."""
    blocks, problems = [], []
    for node in walk(template):
        kind = node.get("type")
        if kind == "Microsoft.Web/sites/config" and "appsettings" in str(node.get("name", "")).lower():
            props = node.get("properties")
            if not isinstance(props, dict):
                problems.append("the appsettings resource's properties are an expression, not a literal "
                                "object; write each setting as a literal key in modules/function-app.bicep")
                continue
            blocks.append(dict(props))
        elif kind == "Microsoft.Web/sites":
            settings = ((node.get("properties") or {}).get("siteConfig") or {}).get("appSettings")
            if settings is None:
                continue
            if not isinstance(settings, list):
                problems.append("siteConfig.appSettings is an expression, not a literal list")
                continue
            blocks.append({s.get("name"): s.get("value") for s in settings})
    if len(blocks) != 1 and not problems:
        problems.append(f"expected app settings written in exactly one place, found {len(blocks)}")
    merged = {}
    for block in blocks:
        merged.update(block)
    return merged, problems


def declared_settings(document):
    problems, settings = [], {}
    entries = document.get("settings") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return {}, ['app-settings.json must be { "settings": [ { "name", "description", "secret", "readBy" } ] }']
    for index, entry in enumerate(entries):
        where = f"settings[{index}]"
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name:
            problems.append(f"{where}: name missing")
            continue
        if name in settings:
            problems.append(f"{where}: {name} listed twice")
        if not isinstance(entry.get("description"), str) or not entry["description"].strip():
            problems.append(f"{where}: {name} has no description")
        if not isinstance(entry.get("secret"), bool):
            problems.append(f"{where}: {name}: secret must be true or false")
        if entry.get("readBy") not in READERS:
            problems.append(f"{where}: {name}: readBy must be one of {sorted(READERS)}")
        unknown = set(entry) - {"name", "description", "secret", "readBy"}
        if unknown:
            problems.append(f"{where}: {name}: unknown keys {sorted(unknown)}")
        settings[name] = entry
    return settings, problems


def route_prefix_problems(written, host_path):
    """The unsubscribe links are the base URL plus /unsubscribe; under the host that route sits below the prefix."""
    with open(host_path, encoding="utf-8") as f:
        prefix = ((json.load(f).get("extensions") or {}).get("http") or {}).get("routePrefix", "api")
    value = json.dumps(written.get("Unsubscribe__BaseUrl", ""))
    if prefix and not (f"/{prefix}'" in value or value.rstrip('"').endswith(f"/{prefix}")):
        return [f"! Unsubscribe__BaseUrl: must end in /{prefix} (host.json routePrefix), else every unsubscribe link "
                f"answers 404; the template writes {value}"]
    return []


def main(template_path, settings_path, host_path):
    with open(template_path, encoding="utf-8") as f:
        template = json.load(f)
    with open(settings_path, encoding="utf-8") as f:
        declared, problems = declared_settings(json.load(f))
    written, template_problems = written_settings(template)
    problems += template_problems
    problems += route_prefix_problems(written, host_path)

    for name in sorted(set(written) - set(declared)):
        problems.append(f"+ {name}: written by the template, missing from app-settings.json")
    for name in sorted(set(declared) - set(written)):
        problems.append(f"- {name}: listed in app-settings.json, not written by the template")
    for name in sorted(set(written) & set(declared)):
        is_reference = KEY_VAULT_REFERENCE in json.dumps(written[name])
        if declared[name].get("secret") is True and not is_reference:
            problems.append(f"! {name}: marked secret, but its value is not a Key Vault reference")
        if declared[name].get("secret") is False and is_reference:
            problems.append(f"! {name}: a Key Vault reference, but not marked secret")

    if problems:
        print("app settings: the template and infra/app-settings.json disagree:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    secrets = sum(1 for entry in declared.values() if entry["secret"])
    print(f"app settings: {len(written)} names match infra/app-settings.json ({secrets} Key Vault references)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
