"""One demo login per role (and a second organizer, so scoping can be tried by hand)."""

from portal.choices import Duty, Role
from portal.models import User
from portal.security.duties import admin_flags_for

DEMO_PASSWORD = "Demo-2021-jieneng"  # noqa: S105  (printed by seed_demo; demo data only)

STAFF = [
    ("ministry", Role.MINISTRY, None, "节能司 王处长"),
    ("hebei", Role.ORGANIZER, "130000", "河北省工信厅 李科长"),
    ("shandong", Role.ORGANIZER, "370000", "山东省工信厅 张科长"),
    ("cisa", Role.ORGANIZER, "ASSOC-CISA", "中国钢铁工业协会 赵主任"),
]
# 三员分立: one ministry account per administrative duty; `ministry` above does the daily work
# (review, approve, publish) with none of them.
DUTIES = [
    ("sysadmin", Duty.SYSTEM, "节能司 系统管理员"),
    ("secadmin", Duty.SECURITY, "节能司 安全管理员"),
    ("auditor", Duty.AUDIT, "节能司 审计管理员"),
]


def _user(username: str, role: str, full_name: str, **tenant) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "full_name": full_name,
            **tenant,
            "email": f"{username}@example.cn",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    if role in {Role.ORGANIZER, Role.AGENCY} and not user.tenant_admin:
        # The demo logins of organizers and agencies administer their tenant's accounts.
        user.tenant_admin = True
        user.save(update_fields=["tenant_admin"])
    return user


def _without_login(username: str, role: str, full_name: str, **tenant) -> User:
    """An account beside the demo logins, for the demo's history: no usable password."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            **tenant,
            "full_name": full_name,
            "email": f"{username}@example.cn",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def organizer_official(organizer) -> User:
    """An organizer's official: hands in its forms and accepts its reports in the history."""
    name = f"{organizer.name}工业和信息化主管部门 节能科"
    return _without_login(f"official-{organizer.code}", Role.ORGANIZER, name, organizer=organizer)


def agency_official(agency) -> User:
    """An agency's engineer: submits its reports in the history."""
    name = f"{agency.name} 项目负责人"
    return _without_login(f"staff-{agency.credit_code}", Role.AGENCY, name, agency=agency)


def seed_staff(organizers) -> dict[str, User]:
    users = {}
    for username, role, org_code, full_name in STAFF:
        tenant = {"organizer": organizers[org_code]} if org_code else {}
        users[username] = _user(username, role, full_name, **tenant)
    for username, duty, full_name in [("ministry", Duty.NONE, ""), *DUTIES]:
        user = users.get(username) or _user(username, Role.MINISTRY, full_name)
        if user.duty != duty:  # also a demo database from before the duties
            user.duty = duty
            for field, value in admin_flags_for(duty).items():
                setattr(user, field, value)
            user.save(update_fields=["duty", "is_staff", "is_superuser"])
        users[username] = user
    return users


def seed_users(*, organizers, agencies, tasks) -> list[tuple[str, str, str]]:
    users = seed_staff(organizers)
    users["agency"] = _user("agency", Role.AGENCY, "服务机构 陈工", agency=agencies[0])
    users["agency2"] = _user("agency2", Role.AGENCY, "服务机构 周工", agency=agencies[1])
    published = next(t for t in tasks if t.agency_id == agencies[0].pk and t.state == "accepted")
    users["enterprise"] = _user(
        "enterprise", Role.ENTERPRISE, "企业能源管理员 刘工", enterprise=published.enterprise
    )
    return [
        (
            u.get_duty_display() if u.duty != Duty.NONE else u.get_role_display(),
            u.username,
            u.tenant_name,
        )
        for u in users.values()
    ]
