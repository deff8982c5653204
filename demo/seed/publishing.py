"""The ministry's published national list of 2021, once (publishing again would add a version)."""

from enterprises.models import PublishedList
from enterprises.services import published_list_publish
from portal.models import User


def seed_published_list(campaigns) -> None:
    campaign = campaigns[2021]
    if PublishedList.objects.filter(campaign=campaign).exists():
        return
    published_list_publish(
        campaign=campaign,
        actor=User.objects.get(username="ministry"),
        note="2021年度接受节能诊断服务企业名单",
    )
