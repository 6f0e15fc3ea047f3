import os

from django.core.wsgi import get_wsgi_application

from azultel.core.proxies import ForwardedHeadersGuard

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "azultel.config.settings")

# Forwarded headers only from configured proxies, and no script prefix from the server
# (azultel/core/proxies.py).
application = ForwardedHeadersGuard(get_wsgi_application())
