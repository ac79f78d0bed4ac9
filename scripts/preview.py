"""Serves dist/ as a static host with an SPA fallback does: a path that names no file gets
404.html (a copy of index.html) with status 404, as GitHub Pages answers, so deep links load."""

import argparse
import functools
import http.server
import os


class StaticHost(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.base) and path + "/" != self.base:
            self.send_error(404, "outside the hosted sub-path")
            return None
        relative = path[len(self.base):] if path.startswith(self.base) else ""
        self.path = "/" + relative
        if os.path.exists(self.translate_path(self.path)):
            return super().send_head()
        fallback = os.path.join(self.directory, "404.html")
        if not os.path.exists(fallback):
            fallback = os.path.join(self.directory, "index.html")
        with open(fallback, "rb") as page:
            body = page.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def guess_type(self, path):
        return "application/wasm" if str(path).endswith(".wasm") else super().guess_type(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--base", default="/")
    args = parser.parse_args()
    StaticHost.base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
    handler = functools.partial(StaticHost, directory=args.directory)
    print(f"serving {args.directory} at http://127.0.0.1:{args.port}{StaticHost.base}")
    http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler).serve_forever()


if __name__ == "__main__":
    main()
