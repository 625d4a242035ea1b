"""A fake Google and Microsoft identity provider, served over HTTP on 127.0.0.1 by the test process.

It answers the calls allauth makes once the person's browser comes back with a code: Google's
token endpoint (with an OpenID Connect id_token) and Microsoft's token and Graph /me endpoints.
`identify(code, ...)` says who signs in with a code, as the provider's own sign-in page would.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt

GOOGLE_ISSUER = "https://accounts.google.com"


class FakeProvider:
    def __init__(self):
        self.identities: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                provider.requests.append(f"POST {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                identity = provider.identities.pop(form.get("code", ""), None)
                if identity is None:
                    return self._send(400, {"error": "invalid_grant"})
                access = f"access-{len(provider.tokens)}"
                provider.tokens[access] = identity
                body = {"access_token": access, "token_type": "Bearer", "expires_in": 3600}
                if self.path == "/google/token":
                    now = int(time.time())
                    claims = {
                        "iss": GOOGLE_ISSUER,
                        "aud": form.get("client_id") or identity["client_id"],
                        "sub": identity["sub"],
                        "email": identity["email"],
                        "email_verified": identity.get("verified", True),
                        "name": identity.get("name", ""),
                        "iat": now,
                        "exp": now + 600,
                    }
                    body["id_token"] = jwt.encode(claims, "not-checked-over-tls", algorithm="HS256")
                return self._send(200, body)

            def do_GET(self):
                provider.requests.append(f"GET {self.path}")
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                identity = provider.tokens.get(token)
                if identity is None or not self.path.startswith("/v1.0/me"):
                    return self._send(401, {"error": {"code": "InvalidAuthenticationToken", "message": "No"}})
                return self._send(
                    200,
                    {
                        "id": identity["sub"],
                        "displayName": identity.get("name", ""),
                        "mail": identity.get("mail", identity["email"]),
                        "userPrincipalName": identity["email"],
                    },
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def identify(self, code, *, email, sub="1001", name="", verified=True, client_id="", mail=None):
        self.identities[code] = {
            "email": email,
            "sub": sub,
            "name": name,
            "verified": verified,
            "client_id": client_id,
            **({"mail": mail} if mail else {}),
        }
