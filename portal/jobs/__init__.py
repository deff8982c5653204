"""Document jobs: a file asked for on a page, rendered by a worker, downloaded when done.

Read the modules top to bottom; each imports only the ones above it (no cycle):

    registry.py   Builder, Progress, REGISTRY: what renders each DocumentKind (apps register
                  theirs from AppConfig.ready())
    state.py      what a job's row says: stale, waiting for the broker (and the note shown)
    run.py        the worker's half: claim under a row lock, reuse an unchanged file or render
    dispatch.py   send a job to the workers by task name once its row commits; a refused send
                  leaves it queued and waiting
    service.py    the request's half: document_job_request, document_job_retry
    reconcile.py  the periodic sweep that sends again what the broker refused or lost
    tasks.py      the Celery adapters: render_document, reconcile_document_jobs
    views.py      My documents: list, progress, download, retry
"""
