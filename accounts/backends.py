"""Django's and allauth's login backends, loading the user's two-factor enrolment with the user.

Why: staff pages ask "has this user a second factor (TOTP or a passkey)?" on every request
(the MFA middleware and the access policy). Asked separately it was one more query per
request; here it rides along with the user's row as an EXISTS, and `accounts.mfa.has_mfa` reads the answer.
Every logged-in request runs this query, so its SQL is compiled once per connection.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import Exists, OuterRef

from config.compiled_query import CompiledQuery

from .passkeys import SECOND_FACTOR_TYPES


def _user_with_second_factor(user_id):
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTOR_TYPES)
    return get_user_model()._default_manager.annotate(totp_enrolled=Exists(totp)).filter(pk=user_id).order_by("pk")[:1]


USER_WITH_SECOND_FACTOR = CompiledQuery(_user_with_second_factor, int)


class TwoFactorLoadingMixin:
    def get_user(self, user_id):
        # The ORM found no one for pk=None; the compiled query takes ints only.
        user = USER_WITH_SECOND_FACTOR.first(user_id) if user_id is not None else None
        if user is None or not self.user_can_authenticate(user):
            return None
        user._securebase_has_mfa = user.totp_enrolled
        return user


class ModelBackend(TwoFactorLoadingMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(TwoFactorLoadingMixin, AllauthBackend):
    pass
