"""The ceiling: the smallest WSGI application, served by the same gunicorn as the portal."""

BODY = b"Hello, world\n"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]
