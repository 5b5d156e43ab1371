#!/usr/bin/env python3
"""Fails when a target imports a module it does not declare in Package.swift.

SwiftPM on Linux lets a target import any module that reaches the build through another
target, so an undeclared dependency compiles until someone reorders the graph. This reads the
targets and their dependencies from Package.swift itself (other branches add targets; nothing
here is a fixed list), then every `import X` of every Swift file of every target. An import
of a module of this package, or of a product named in a `.product(name:)` dependency, that
the importing target does not declare is an error naming the file, line and module. A
declared library dependency that no file imports is reported as a warning.

Usage: scripts/check-imports.py [PACKAGE_DIR]   (exit status 1 when an import is undeclared)
"""
import os
import re
import sys

TARGET_KINDS = ("target", "executableTarget", "testTarget", "macro", "plugin", "systemLibrary", "binaryTarget")
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"  # attributes: @testable, @_exported, @preconcurrency, @_spi(X)
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"
    r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)"
)


def strip_comments(text):
    """Swift source without // and /* */ comments, string literals kept (names live in them)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text[i] == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def balanced(text, start):
    """The text between the parenthesis or bracket at `start` and its match."""
    pairs = {"(": ")", "[": "]"}
    stack, i = [pairs[text[start]]], start + 1
    while i < len(text) and stack:
        c = text[i]
        if c == '"':
            i = text.index('"', i + 1)
        elif c in pairs:
            stack.append(pairs[c])
        elif c == stack[-1]:
            stack.pop()
        i += 1
    return text[start + 1:i - 1]


def argument(body, label):
    """The value text of `label:` at the top level of a call's arguments, or None."""
    depth, i = 0, 0
    pattern = re.compile(r"\b" + label + r"\s*:")
    while i < len(body):
        c = body[i]
        if c == '"':
            i = body.index('"', i + 1)
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            match = pattern.match(body, i)
            if match and (i == 0 or not (body[i - 1].isalnum() or body[i - 1] == "_")):
                j = match.end()
                while body[j].isspace():
                    j += 1
                if body[j] in "([":
                    return body[j:j + len(balanced(body, j)) + 2]
                end = j
                while end < len(body) and (depth > 0 or body[end] != ","):
                    end += 1
                return body[j:end].strip()
        i += 1
    return None


def module_name(target):
    return re.sub(r"[^A-Za-z0-9_]", "_", target)


def parse_package(path):
    text = strip_comments(open(path, encoding="utf-8").read())
    targets = []
    for match in re.finditer(r"\.(" + "|".join(TARGET_KINDS) + r")\s*\(", text):
        body = balanced(text, match.end() - 1)
        name = argument(body, "name")
        if name is None or not name.startswith('"'):
            continue
        dependencies, products = set(), set()
        listed = argument(body, "dependencies") or "[]"
        for product in re.finditer(r'\.product\s*\(\s*name:\s*"([^"]+)"', listed):
            products.add(product.group(1))
        without_products = re.sub(r'\.product\s*\([^)]*\)', "", listed)
        for named in re.finditer(r'"([^"]+)"', without_products):
            dependencies.add(named.group(1))
        path_value = argument(body, "path")
        targets.append({
            "kind": match.group(1),
            "name": name.strip('"'),
            "dependencies": dependencies,
            "products": products,
            "path": path_value.strip('"') if path_value else None,
        })
    return targets


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    targets = parse_package(os.path.join(root, "Package.swift"))
    if not targets:
        print("check-imports: found no targets in Package.swift", file=sys.stderr)
        return 1
    project = {module_name(t["name"]): t["name"] for t in targets}
    products = set().union(*(t["products"] for t in targets))
    checked = set(project) | products
    errors, warnings = [], []
    for target in targets:
        if target["kind"] in ("binaryTarget", "systemLibrary", "plugin"):
            continue
        default = "Tests" if target["kind"] == "testTarget" else "Sources"
        directory = os.path.join(root, target["path"] or os.path.join(default, target["name"]))
        declared = {module_name(d) for d in target["dependencies"]} | target["products"]
        own = module_name(target["name"])
        imported = set()
        for folder, _, files in sorted(os.walk(directory)):
            for file in sorted(files):
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(folder, file)
                for number, line in enumerate(open(path, encoding="utf-8"), 1):
                    match = IMPORT.match(line)
                    if not match:
                        continue
                    module = match.group(1)
                    imported.add(module)
                    if module in checked and module != own and module not in declared:
                        errors.append(
                            f"{os.path.relpath(path, root)}:{number}: target {target['name']} imports {module}"
                            f" but does not declare it in Package.swift")
        if target["kind"] == "target" and os.path.isdir(directory) and any(
                f.endswith(".swift") for _, _, fs in os.walk(directory) for f in fs):
            for dependency in sorted(declared - imported):
                kind = next((t["kind"] for t in targets if module_name(t["name"]) == dependency), "target")
                if kind == "target":
                    warnings.append(f"warning: target {target['name']} declares {dependency} but never imports it")
    for line in warnings + errors:
        print(line, file=sys.stderr)
    if errors:
        print(f"check-imports: {len(errors)} undeclared import(s)", file=sys.stderr)
        return 1
    print(f"check-imports: every import of {len(targets)} targets is declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
