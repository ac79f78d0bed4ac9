"""Adds a strict Content-Security-Policy to the built index.html, as trunk's post-build hook.

Trunk writes an inline module script that loads the wasm; its text names the hashed file
names, so it changes with every build. The policy allows that one script by its hash and
nothing else inline: no `unsafe-inline`, no `eval` beyond what WebAssembly needs."""

import base64
import hashlib
import os
import re
import sys


def policy(html: str) -> str:
    # Inline scripts only: a script loaded from a file (`src`) is allowed by 'self'.
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'self'; "
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}; "
        "style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def main() -> None:
    path = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"], "index.html")
    with open(path, encoding="utf-8") as page:
        html = page.read()
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}" />'
    html = html.replace("<meta charset=\"utf-8\" />", "<meta charset=\"utf-8\" />\n    " + meta, 1)
    with open(path, "w", encoding="utf-8") as page:
        page.write(html)


if __name__ == "__main__":
    main()
