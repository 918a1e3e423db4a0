"""The `portfolio` command: one typer app, one sub-app or command per concern.

Exit codes: 0 success, 1 check found gaps (`portfolio check`), 2 usage error,
3 document rejected, 4 not found, 5 conflict (twice, too late), 6 invalid input,
7 storage unavailable, 8 forbidden.
"""

from __future__ import annotations

import typer

from cli import assessment, check, evidence, jury, maintenance, serve, users, worker
from cli.referential import referential_app

app = typer.Typer(no_args_is_help=True, help="Evidence portfolio for the RNCP title CDC.")
app.add_typer(referential_app, name="referential")
assessment.register(app)
check.register(app)
evidence.register(app)
jury.register(app)
maintenance.register(app)
serve.register(app)
users.register(app)
worker.register(app)
