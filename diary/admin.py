"""Only the pattern-tag vocabulary is in the Django admin.

Diary entries and comments are deliberately NOT registered: installation superusers have no
clinical relation to any client and must not read private diary text.
"""

from django.contrib import admin

from .models import PatternTag


@admin.register(PatternTag)
class PatternTagAdmin(admin.ModelAdmin):
    list_display = ("slug", "label_en", "label_nl", "order", "active")
    list_editable = ("order", "active")
