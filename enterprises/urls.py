from django.urls import path

from .views import letters, published, tasks

app_name = "enterprises"

urlpatterns = [
    path("tasks/", tasks.task_list, name="task-list"),
    path("tasks/new/", tasks.task_create, name="task-create"),
    path("tasks/follow-up/", tasks.task_follow_up, name="task-follow-up"),
    path("tasks/import/", tasks.task_import, name="task-import"),
    path("tasks/template.xlsx", tasks.task_template, name="task-template"),
    path("tasks/<int:pk>/row/", tasks.task_row, name="task-row"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task-edit"),
    path("tasks/<int:pk>/remove/", tasks.task_remove, name="task-remove"),
    path("tasks/<int:pk>/contact/", tasks.task_contact, name="task-contact"),
    path("letters/", letters.letter_list, name="letter-list"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter-detail"),
    path("letters/<int:pk>/generate/<slug:fmt>/", letters.letter_generate, name="letter-generate"),
    path("letters/<int:pk>/sign/", letters.letter_sign, name="letter-sign"),
    path("letters/<int:pk>/scan/", letters.letter_scan, name="letter-scan"),
    path("published/", published.published_list, name="published-list"),
    path("published/publish/", published.publish, name="publish"),
    path("published/export/", published.published_export, name="published-export"),
    path("public/", published.public_list, name="public-list"),
    path("public/download/", published.public_download, name="public-download"),
]
