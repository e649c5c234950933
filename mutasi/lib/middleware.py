"""Small middleware of the project as a whole."""

from django.conf import settings
from django.shortcuts import render


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy``: the app needs no camera, microphone, location, payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class MetodeTidakDiizinkanMiddleware:
    """A page, not a blank screen, for an address that only takes a form (``/keluar/``, a
    step's button) opened directly: Django answers 405 with an empty body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or getattr(request, "htmx", False):
            return response
        page = render(request, "405.html", status=405)
        page.headers["Allow"] = response.headers.get("Allow", "")
        return page
