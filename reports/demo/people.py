"""One demo login per role (and a second organizer, so scoping can be tried by hand)."""

from portal.choices import Role
from portal.models import User

DEMO_PASSWORD = "Demo-2021-jieneng"  # noqa: S105  (printed by seed_demo; demo data only)

STAFF = [
    ("ministry", Role.MINISTRY, None, "节能司 王处长"),
    ("hebei", Role.ORGANIZER, "130000", "河北省工信厅 李科长"),
    ("shandong", Role.ORGANIZER, "370000", "山东省工信厅 张科长"),
    ("cisa", Role.ORGANIZER, "ASSOC-CISA", "中国钢铁工业协会 赵主任"),
]


def _user(username: str, role: str, full_name: str, **tenant) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "full_name": full_name, **tenant,
                                     "email": f"{username}@example.cn"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def seed_staff(organizers) -> dict[str, User]:
    users = {}
    for username, role, org_code, full_name in STAFF:
        tenant = {"organizer": organizers[org_code]} if org_code else {}
        users[username] = _user(username, role, full_name, **tenant)
    ministry = users["ministry"]
    if not ministry.is_staff:
        ministry.is_staff = ministry.is_superuser = ministry.is_security_officer = True
        ministry.save(update_fields=["is_staff", "is_superuser", "is_security_officer"])
    return users


def seed_users(*, organizers, agencies, tasks) -> list[tuple[str, str, str]]:
    users = seed_staff(organizers)
    users["agency"] = _user("agency", Role.AGENCY, "服务机构 陈工", agency=agencies[0])
    users["agency2"] = _user("agency2", Role.AGENCY, "服务机构 周工", agency=agencies[1])
    published = next(t for t in tasks if t.agency_id == agencies[0].pk and t.state == "accepted")
    users["enterprise"] = _user("enterprise", Role.ENTERPRISE, "企业能源管理员 刘工",
                                enterprise=published.enterprise)
    return [(u.get_role_display(), u.username, u.tenant_name) for u in users.values()]
