"""accounts/: two-step sign-in for recruiters and staff. The second step holds every page
back, is locked out like a password, survives a password reset, and recovery codes are
stored only as digests."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCodes
from tests.recruiting import recruiter

pytestmark = pytest.mark.django_db
PASSWORD = "s3cret-pass-123"  # recruiting.recruiter's


def _password_step(client: Client, username: str) -> None:
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def _code(device: TOTPDevice) -> str:
    device.throttle_reset()  # django-otp slows each retry; these tests check our limits
    return f"{totp(device.bin_key):06d}"


def test_staff_must_set_up_a_second_step_before_the_admin_opens(live_version):
    User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    _password_step(client, "root")
    for path in ["/admin/", "/admin/assessments/questionnaireversion/", "/recruiter/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/two-step/setup/")


def test_recruiters_must_when_the_setting_says_so(live_version, settings):
    recruiter("alice")
    client = Client()
    _password_step(client, "alice")
    assert client.get("/recruiter/").status_code == 200
    settings.RF_REQUIRE_MFA_FOR_RECRUITERS = True
    assert client.get("/recruiter/")["Location"].startswith("/accounts/two-step/setup/")


def test_setting_up_shows_recovery_codes_once_and_stores_only_digests(live_version):
    user = recruiter("alice")
    client = Client()
    _password_step(client, "alice")
    page = client.get("/accounts/two-step/setup/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/two-step/setup/", {"code": _code(device)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = re.findall(r"<li>([a-z0-9]{6}-[a-z0-9]{6})</li>", response.content.decode())
    assert len(codes) == 10
    stored = RecoveryCodes.objects.get(user=user)
    assert all(code not in str(stored.digests) for code in codes)
    assert all(len(digest) == 64 for digest in stored.digests)
    assert codes[0] not in client.get("/accounts/").content.decode()


def test_with_a_second_factor_nothing_opens_before_the_code(live_version):
    user = recruiter("alice")
    device = _enrolled(user)
    client = Client()
    _password_step(client, "alice")
    for path in ["/recruiter/", "/accounts/", "/accounts/two-step/setup/"]:
        assert client.get(path)["Location"].startswith("/accounts/two-step/verify/")
    response = client.post(
        "/accounts/two-step/verify/", {"code": _code(device), "next": "/recruiter/"}
    )
    assert response["Location"] == "/recruiter/"
    assert client.get("/recruiter/").status_code == 200


def test_five_wrong_codes_lock_the_second_step_like_a_password(live_version):
    user = recruiter("alice")
    device = _enrolled(user)
    client = Client()
    _password_step(client, "alice")
    for _ in range(5):
        device.throttle_reset()
        wrong = client.post("/accounts/two-step/verify/", {"code": "000000"})
        assert wrong.status_code in (400, 429)
    device.throttle_reset()
    locked = client.post("/accounts/two-step/verify/", {"code": _code(device)})
    assert locked.status_code == 429
    assert locked["Retry-After"] == "3600"
    # Another address does not get five more tries at the same account.
    other = Client(REMOTE_ADDR="10.9.9.9")
    _password_step(other, "alice")
    assert other.post("/accounts/two-step/verify/", {"code": _code(device)}).status_code == 429


def test_a_recovery_code_works_once(live_version):
    user = recruiter("alice")
    _enrolled(user)
    codes = RecoveryCodes.objects.create(user=user, name="recovery").replace_codes()
    client = Client()
    _password_step(client, "alice")
    assert client.post("/accounts/two-step/verify/", {"code": codes[3].upper()}).status_code == 302
    again = Client()
    _password_step(again, "alice")
    assert again.post("/accounts/two-step/verify/", {"code": codes[3]}).status_code == 400
    assert RecoveryCodes.objects.get(user=user).remaining == 9


def test_a_password_reset_never_skips_the_second_step(live_version):
    user = recruiter("alice")
    _enrolled(user)
    client = Client()
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    found = re.search(r"/accounts/reset/\S+/", str(mail.outbox[0].body))
    assert found
    link = found.group(0)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "an0ther-pass-998", "new_password2": "an0ther-pass-998"},
    )
    assert client.get("/recruiter/").status_code == 302, "the reset did not sign in"
    client.post("/accounts/login/", {"username": "alice", "password": "an0ther-pass-998"})
    assert client.get("/recruiter/")["Location"].startswith("/accounts/two-step/verify/")


def test_sign_in_events_are_logged_as_json_without_secrets(live_version, caplog):
    import json

    user = recruiter("alice")
    device = _enrolled(user)
    client = Client()
    caplog.clear()  # from here on: the sign-in alone
    with caplog.at_level("INFO", logger="rolefit.security"):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong-password"})
        _password_step(client, "alice")
        client.post("/accounts/two-step/verify/", {"code": "123"})
        client.post("/accounts/two-step/verify/", {"code": _code(device)})
    events = [
        json.loads(record.getMessage())
        for record in caplog.records
        if record.name == "rolefit.security"
    ]
    assert [event["event"] for event in events] == [
        "sign_in_failed",
        "sign_in",
        "mfa_failed",
        "mfa_verified",
    ]
    assert events[0]["username"] == "alice"
    text = caplog.text
    assert "wrong-password" not in text
    assert PASSWORD not in text


def test_a_right_code_clears_earlier_typos(live_version):
    user = recruiter("alice")
    device = _enrolled(user)
    for _ in range(3):  # three sign-ins, each after four typos
        client = Client()
        _password_step(client, "alice")
        for _ in range(4):
            device.throttle_reset()
            client.post("/accounts/two-step/verify/", {"code": "000000"})
        response = client.post("/accounts/two-step/verify/", {"code": _code(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        device.last_t = -1
        device.save()


def test_the_gate_reads_the_routed_path_not_a_script_name_prefix(live_version):
    User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client = Client()
    _password_step(client, "root")
    response = client.get("/admin/auth/user/", SCRIPT_NAME="/static")
    assert response.status_code == 302
    assert "/two-step/setup/" in response["Location"]
