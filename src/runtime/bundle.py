#!/usr/bin/env python3
"""Concatenates the runtime's ES modules (core/*.js) into the one module the
binary embeds as /@hmrc/runtime.js, so that a page loads the runtime in one
request. Usage: bundle.py OUTPUT MODULE... ENTRY

The modules are written so that this needs no parser: each is concatenated
in the order given (dependencies first: top-level code runs in that order),
its imports of sibling modules dropped ("import { a } from "./x.js";" on one
line), and the `export` keyword removed from the declarations of every module
but the entry, whose exports are the runtime's interface. All modules share
one scope after concatenation: a top-level name must be declared once.
"""
import os
import re
import sys

SIBLING_IMPORT = re.compile(r'^import \{[^}]*\} from "\./[\w-]+\.js";$')
EXPORTED_DECLARATION = re.compile(r'^export (?=(async function|function|const|let|class) )')


def fail(path, number, message):
    sys.exit(f"{path}:{number}: bundle.py: {message}")


def module_text(path, entry):
    out = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f.read().split("\n"), 1):
            if line.startswith("import "):
                if not SIBLING_IMPORT.match(line):
                    fail(path, number, "only one-line imports of sibling modules can be bundled")
                continue
            if line.startswith("export ") and not entry:
                if not EXPORTED_DECLARATION.match(line):
                    fail(path, number, "only exported declarations can be bundled")
                line = line[len("export "):]
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def main():
    output, modules = sys.argv[1], sys.argv[2:]
    parts = []
    for i, path in enumerate(modules):
        entry = i == len(modules) - 1
        text = module_text(path, entry)
        name = "/".join(os.path.normpath(path).split(os.sep)[-2:])
        # The entry's own comment opens the file; the others say where they begin.
        parts.append(text if entry else f"// ---- {name}\n{text}")
    entry_text = parts.pop()
    body = entry_text.split("\n")
    # The entry's leading comment first, then the modules, then the rest of the entry.
    head = 0
    while head < len(body) and body[head].startswith("//"):
        head += 1
    text = "\n".join(body[:head]) + "\n\n" + "\n".join(parts) + "\n// ---- core/index.js\n" + "\n".join(body[head:]).lstrip("\n")
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
