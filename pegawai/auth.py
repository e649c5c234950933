"""Log in with a NIP or a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def _username_for(login: str) -> str:
    """The username of the account whose employee has this NIP, else the text itself."""
    login = (login or "").strip()
    if len(login) == 18 and login.isdigit():
        User = get_user_model()
        username = User.objects.filter(pegawai__nip=login).values_list("username", flat=True)
        return username.first() or login
    return login


class NipOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, _username_for(username), password, **kwargs)


def axes_username(request, credentials) -> str:
    """Count failed log-ins per account, whichever of NIP or username was typed."""
    login = (credentials or {}).get("username") or request.POST.get("username", "")
    return _username_for(login)
