#!/usr/bin/env python3
"""Wraps react-refresh's CommonJS runtime (no require() calls, exports on
`exports`) as an ES module for the binary to embed, so that `hmrc serve` can
give React Fast Refresh to an app that has react but not react-refresh (as
Bun does). Usage: wrap_cjs.py OUTPUT INPUT VERSION
"""
import sys


def main():
    output, source, version = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(source, encoding="utf-8") as f:
        body = f.read()
    if "require(" in body:
        sys.exit(f"{source}: wrap_cjs.py: the runtime requires other modules; it cannot be embedded as is")
    text = (
        f"// react-refresh {version}'s runtime (MIT, Meta Platforms; license in its header below),\n"
        "// embedded by hmrc for apps that have react but not react-refresh.\n"
        "const exports = {};\n"
        'const process = { env: { NODE_ENV: "development" } };\n'
        f"{body}\n"
        "export default exports;\n"
    )
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


main()
