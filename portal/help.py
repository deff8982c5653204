"""The user manuals (操作手册) at /help/: one page per role, and which section each page opens.

`PAGES` maps a manual's slug to its template and its sections (the anchors of its <h2>s, in
order); `ROUTES` maps the view names of the portal's pages to the section of each role's manual
that explains them, so the 帮助 link in the header opens the right place (`help_target`).
`SHOTS` lists the screenshots the manuals show: the browser test tests/e2e/test_help_screenshots.py
signs in as the demo user named and takes the page; `make help-screenshots` has it save them to
static/help/<slug>/<name>.png.

The manuals are written in Chinese, like the forms and documents the portal prints: the people
who read them work in Chinese. Only the page chrome (titles in the header, the language note)
goes through gettext. The kernel imports no app: routes are matched by view name only.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .choices import Role

PUBLIC = "public"
INDEX = "index"


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: StrOrPromise  # in the header and <title>, translated
    audience: str  # who reads it, in Chinese (the manual's own language)
    template: str
    sections: tuple[tuple[str, str], ...]  # (anchor, heading) in the order of the page


def _page(slug: str, title: StrOrPromise, audience: str, *sections: tuple[str, str]) -> HelpPage:
    slug = str(slug)  # a Role member is its value
    return HelpPage(slug, title, audience, f"help/{slug}.html", sections)


PAGES: dict[str, HelpPage] = {
    page.slug: page
    for page in (
        _page(
            INDEX,
            _("User manuals"),
            "所有用户",
            ("roles", "各角色操作手册"),
            ("year", "一年的工作顺序"),
            ("sign-in", "登录、忘记密码与双因素登录"),
            ("language", "界面语言与无障碍"),
        ),
        _page(
            Role.MINISTRY,
            _("Manual for the ministry"),
            "工业和信息化部节能与综合利用司",
            ("sign-in", "登录"),
            ("home", "首页与待办"),
            ("campaigns", "年度工作管理"),
            ("review", "审核报送（待审核）"),
            ("publish", "发布全国名单"),
            ("dashboard", "进度看板、提醒与服务机构评价"),
            ("reports", "诊断报告"),
            ("exports", "数据导出、表格与材料包"),
            ("admin", "三员分立：系统、安全与审计管理员"),
            ("notices", "通知"),
        ),
        _page(
            Role.ORGANIZER,
            _("Manual for organizers"),
            "省级工业和信息化主管部门、计划单列市、新疆生产建设兵团、行业协会、中央企业集团",
            ("sign-in", "登录"),
            ("home", "首页与待办"),
            ("official-name", "单位全称"),
            ("plan", "附件1 工作计划表"),
            ("agencies", "附件2 服务机构推荐名单"),
            ("intent-list", "附件3 意向企业名单与导入"),
            ("letters", "任务书"),
            ("submit", "报送、退回修改与报送回执"),
            ("acceptance", "验收诊断报告"),
            ("follow-up", "跟踪服务"),
            ("summary", "附件4 工作总结与材料包"),
            ("accounts", "账号管理与邀请"),
            ("notices", "通知"),
        ),
        _page(
            Role.AGENCY,
            _("Manual for service agencies"),
            "节能诊断服务机构",
            ("sign-in", "登录"),
            ("home", "首页与待办"),
            ("tasks", "我的任务"),
            ("letters", "任务书：生成、签署与上传"),
            ("reports", "填报和提交诊断报告"),
            ("returned", "报告被退回后"),
            ("follow-up", "跟踪服务"),
            ("documents", "我的文件"),
            ("accounts", "账号管理"),
        ),
        _page(
            Role.ENTERPRISE,
            _("Manual for enterprises"),
            "接受诊断服务的工业企业",
            ("sign-in", "登录"),
            ("home", "首页与待办"),
            ("tasks", "我的任务"),
            ("confirm", "确认诊断并评价服务"),
            ("follow-up", "跟踪服务"),
            ("notices", "通知"),
        ),
        _page(
            PUBLIC,
            _("Manual for visitors"),
            "社会公众（无需登录）",
            ("list", "查看全国发布名单"),
            ("download", "下载名单"),
            ("accounts", "如何获得账号"),
        ),
    )
}

# (view-name prefixes, {manual slug: anchor}). The first entry whose prefix starts the current
# view name wins; a role without an anchor there gets the top of its own manual.
ROUTES: tuple[tuple[tuple[str, ...], dict[str, str]], ...] = (
    (
        ("login", "logout", "password_", "otp-", "invitation-accept"),
        {INDEX: "sign-in", PUBLIC: "accounts", "*": "sign-in"},
    ),
    (("home",), {"*": "home"}),
    (("enterprises:public-",), {PUBLIC: "list", INDEX: "roles", "*": "home"}),
    (("campaign", "reports:campaign-"), {Role.MINISTRY: "campaigns"}),
    (
        ("provinces:review-queue", "provinces:submission-"),
        {Role.MINISTRY: "review", Role.ORGANIZER: "submit"},
    ),
    (("provinces:plan-",), {Role.ORGANIZER: "plan"}),
    (("provinces:organizer-",), {Role.ORGANIZER: "official-name"}),
    (("agencies:",), {Role.ORGANIZER: "agencies", Role.MINISTRY: "review"}),
    (("enterprises:letter-",), {Role.ORGANIZER: "letters", Role.AGENCY: "letters"}),
    (("enterprises:publish",), {Role.MINISTRY: "publish"}),
    (
        ("enterprises:",),
        {
            Role.MINISTRY: "review",
            Role.ORGANIZER: "intent-list",
            Role.AGENCY: "tasks",
            Role.ENTERPRISE: "tasks",
        },
    ),
    (
        ("reports:follow-up", "reports:earlier-measure-", "reports:realization"),
        {Role.ORGANIZER: "follow-up", Role.AGENCY: "follow-up", Role.ENTERPRISE: "follow-up"},
    ),
    (("reports:summary-",), {Role.ORGANIZER: "summary"}),
    (
        ("reports:dashboard", "reports:scorecard"),
        {Role.MINISTRY: "dashboard", Role.ORGANIZER: "home"},
    ),
    (
        ("reports:document", "reports:export", "job-"),
        {Role.MINISTRY: "exports", Role.ORGANIZER: "summary", Role.AGENCY: "documents"},
    ),
    (
        ("reports:",),
        {
            Role.MINISTRY: "reports",
            Role.ORGANIZER: "acceptance",
            Role.AGENCY: "reports",
            Role.ENTERPRISE: "confirm",
        },
    ),
    (
        ("people", "invit", "security-", "api-token", "audit-"),
        {Role.MINISTRY: "admin", Role.ORGANIZER: "accounts", Role.AGENCY: "accounts"},
    ),
    (("notice",), {Role.MINISTRY: "notices", Role.ORGANIZER: "notices", "*": "notices"}),
)


def manual_for(role: str | None) -> str:
    """The manual of a role; anyone not signed in reads the visitors' manual."""
    return role if role in PAGES and role not in (INDEX, PUBLIC) else PUBLIC


def help_target(view_name: str, role: str | None) -> tuple[str, str]:
    """(manual slug, anchor or "") the 帮助 link opens on the page `view_name` for `role`.

    Signed-in users get their role's manual. A visitor gets the visitors' manual on the public
    list and the index elsewhere (the sign-in and signed-out pages: who reads which manual).
    """
    slug = manual_for(role) if role else INDEX
    if not role and view_name.startswith("enterprises:public-"):
        slug = PUBLIC
    for prefixes, anchors in ROUTES:
        if view_name and view_name.startswith(prefixes):
            anchor = anchors.get(slug) or (anchors.get("*", "") if role else "")
            if anchor and anchor in {a for a, _h in PAGES[slug].sections}:
                return slug, anchor
            return slug, ""
    return slug, ""


@dataclass(frozen=True)
class Shot:
    """One screenshot of a manual: the page `url_name` seen by the demo user `username`."""

    slug: str  # the manual (and the folder under static/help/)
    name: str  # file name without .png
    username: str  # "" for a visitor
    url_name: str
    alt: str  # what the picture shows, in Chinese (the <img> alt text)


SHOTS: tuple[Shot, ...] = (
    Shot(PUBLIC, "public_list", "", "enterprises:public-list", "全国发布名单页面"),
    Shot(PUBLIC, "login", "", "login", "登录页面"),
    Shot(Role.MINISTRY.value, "home", "ministry", "home", "部委用户首页：待办与截止日期"),
    Shot(Role.MINISTRY.value, "review_queue", "ministry", "provinces:review-queue", "待审核列表"),
    Shot(Role.MINISTRY.value, "campaigns", "ministry", "campaigns", "年度工作管理页面"),
    Shot(Role.MINISTRY.value, "dashboard", "ministry", "reports:dashboard", "进度看板"),
    Shot(
        Role.MINISTRY.value, "published_list", "ministry", "enterprises:published-list", "发布名单"
    ),
    Shot(Role.ORGANIZER.value, "home", "shandong", "home", "组织单位首页：待办与截止日期"),
    Shot(Role.ORGANIZER.value, "forms", "shandong", "provinces:submission-list", "我的报送"),
    Shot(
        Role.ORGANIZER.value, "agencies", "shandong", "agencies:recommendation-list", "服务机构推荐"
    ),
    Shot(Role.ORGANIZER.value, "intent_list", "shandong", "enterprises:task-list", "意向企业名单"),
    Shot(Role.ORGANIZER.value, "letters", "shandong", "enterprises:letter-list", "任务书列表"),
    Shot(Role.ORGANIZER.value, "reports", "hebei", "reports:report-list", "诊断报告与验收"),
    Shot(Role.AGENCY.value, "home", "agency", "home", "服务机构首页"),
    Shot(Role.AGENCY.value, "tasks", "agency", "enterprises:task-list", "我的任务"),
    Shot(Role.AGENCY.value, "letters", "agency", "enterprises:letter-list", "任务书"),
    Shot(Role.AGENCY.value, "reports", "agency", "reports:report-list", "诊断报告列表"),
    Shot(Role.ENTERPRISE.value, "home", "enterprise", "home", "企业首页"),
    Shot(Role.ENTERPRISE.value, "tasks", "enterprise", "enterprises:task-list", "我的任务"),
    Shot(Role.ENTERPRISE.value, "reports", "enterprise", "reports:report-list", "诊断报告"),
)


def shots_for(slug: str) -> dict[str, Shot]:
    """The screenshots of one manual by name (the template shows them with `help_figure`)."""
    return {shot.name: shot for shot in SHOTS if shot.slug == slug}
