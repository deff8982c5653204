"""Number formats of the Chinese pages; everything not named here comes from Django's zh_Hans.

Django's zh_Hans has no thousands separator (and groups by four when one is forced); Chinese
official statistics and the ministry's forms write 12,000,000 with commas every three digits,
so grouped figures (the `number` filter, floatformat's "g") read the same in both languages.
"""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
