# English for a European practice: British conventions (day before month, Monday first)
# with a 24-hour clock, so "01/12/2026" is never read as 12 January. The language code
# stays "en" because users store it; FORMAT_MODULE_PATH points Django here for "en".
from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j M Y"  # 1 Dec 2026
TIME_FORMAT = "H:i"  # 22:02
DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 22:02
SHORT_DATE_FORMAT = "d/m/Y"  # 01/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/12/2026 22:02
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]  # browsers' date inputs send ISO
