"""Small middleware of the project as a whole."""

from django.conf import settings


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
