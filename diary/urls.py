from django.urls import path

from . import pattern_views, sync_views, views

app_name = "diary"
urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("quick/", views.quick_entry, name="quick_entry"),
    path("new/", views.entry_new, name="entry_new"),
    # Entries written offline, sent by the browser's queue (JSON).
    path("sync/", sync_views.sync, name="sync"),
    path("summary/", views.summary, name="summary"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/from/", views.share_from, name="share_from"),
    path("sharing/from/stop/", views.stop_share_from, name="stop_share_from"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<int:pk>/share/", views.entry_share, name="entry_share"),
    path("entries/<int:pk>/unshare/", views.entry_unshare, name="entry_unshare"),
    path("entries/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("clients/<int:pk>/", views.client_entries, name="client_entries"),
    path("pattern/", pattern_views.pattern_page, name="pattern"),
    path("pattern/share/", pattern_views.pattern_share, name="pattern_share"),
    path("pattern/unshare/", pattern_views.pattern_unshare, name="pattern_unshare"),
    path("clients/<int:pk>/pattern/", pattern_views.client_pattern, name="client_pattern"),
]
