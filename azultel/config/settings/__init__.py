"""Azultel Web settings, one module per concern, composed here. Every value comes from the
environment; importing settings writes nothing.

AZULTEL_ENV selects behaviour: ``local`` (the embedded default: SQLite under var/, no services
needed), ``test`` (what the test suite runs with) or ``production`` (HTTPS-only, required secrets,
``manage.py check --deploy`` clean). Every setting has a safe local default and an environment
variable; nothing here exists only in production. See README "Settings" for the list.

The modules, in the order they are read. ``base`` comes first: the others import from it what
they depend on (PRODUCTION, TESTING, VAR_DIR, TIME_ZONE) and from nowhere else, and no module
sets a name another one sets (azultel/core/tests/test_settings_modules.py checks both), so the
order below changes no value; it is fixed so that a start-up error is always the same one.

- ``base``: AZULTEL_ENV, paths (var/), apps, middleware, templates, locale, static files
- ``keys``: SECRET_KEY and the sensitive-field keys (local ones: ``manage.py local_keys``)
- ``security``: hosts, SITE_URL, HTTPS, security headers, secure cookies, CSP
- ``database``, ``cache``
- ``auth``: passwords, allauth sign-in, two-factor, reauthentication, sessions
- ``email``: SMTP or the local mailbox, the outbox
- ``celery``: background work (periodic jobs live in each app's tasks.py, see core/periodic.py)
- ``company``, ``pages``, ``privacy``, ``analytics``, ``orders`` (and payments), ``billing``,
  ``lists``, ``uploads``, ``careers``, ``inbound``, ``referrals``, ``events``, ``contact``,
  ``compliance``, ``ads``, ``dsr``, ``care``, ``api``: the settings of each feature
- ``operations``: health checks, metrics, Celery queues, the database-outage answer
- ``logging``
"""

# The order of the docstring, not the alphabet.
# isort: off
from azultel.config.settings.base import *  # noqa: F403
from azultel.config.settings.keys import *  # noqa: F403
from azultel.config.settings.security import *  # noqa: F403
from azultel.config.settings.database import *  # noqa: F403
from azultel.config.settings.cache import *  # noqa: F403
from azultel.config.settings.auth import *  # noqa: F403
from azultel.config.settings.email import *  # noqa: F403
from azultel.config.settings.celery import *  # noqa: F403
from azultel.config.settings.company import *  # noqa: F403
from azultel.config.settings.pages import *  # noqa: F403
from azultel.config.settings.privacy import *  # noqa: F403
from azultel.config.settings.analytics import *  # noqa: F403
from azultel.config.settings.orders import *  # noqa: F403
from azultel.config.settings.billing import *  # noqa: F403
from azultel.config.settings.lists import *  # noqa: F403
from azultel.config.settings.uploads import *  # noqa: F403
from azultel.config.settings.careers import *  # noqa: F403
from azultel.config.settings.inbound import *  # noqa: F403
from azultel.config.settings.referrals import *  # noqa: F403
from azultel.config.settings.events import *  # noqa: F403
from azultel.config.settings.contact import *  # noqa: F403
from azultel.config.settings.compliance import *  # noqa: F403
from azultel.config.settings.ads import *  # noqa: F403
from azultel.config.settings.dsr import *  # noqa: F403
from azultel.config.settings.care import *  # noqa: F403
from azultel.config.settings.api import *  # noqa: F403
from azultel.config.settings.operations import *  # noqa: F403
from azultel.config.settings.logging import *  # noqa: F403
# isort: on
