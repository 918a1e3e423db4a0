"""Server-rendered pages for people (the API under /api is for programs).

One router per area, listed in `api.pages.routers.PAGE_ROUTERS`; templates in
`api/templates/`, static files in `api/static/` (vendored libraries in `api/static/vendor/`,
see VENDORED.md), catalogues in `api/locale/`. Page handlers call the same application methods
as the API routes and share its authorization (`api/pages/deps.py`) and its one error mapper
(`api/errors.py`).
"""
