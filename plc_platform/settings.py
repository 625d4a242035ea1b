"""One settings module, read from the environment (DESIGN.md section 3).

The embedded default needs nothing set: SQLite in the project, tasks in-process, email to the
console. Production sets DEBUG=False, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and
EMAIL_URL.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-never-used-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "plc_platform.apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.usersessions",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "rules",
    "django_celery_beat",
    "networks",
    "reviews",
    "enquiry",
    "activities",
    "brokerage",
    "api",
    "plc_platform",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "plc_platform.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML and JSON (WhiteNoise serves static files precompressed, brotli or gzip,
    # before this). Safe against BREACH on pages with forms: Django pads each gzipped response
    # with random bytes, and its CSRF token is masked afresh for every response, so no secret
    # repeats byte for byte to be guessed through the compressed length.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language (Django's language cookie, then Accept-Language) before sign-in; after
    # sessions (it reads none, but Django documents this place) and before CommonMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A signed-in person's saved language wins over the browser's (networks.i18n).
    "plc_platform.middleware.UserLanguageMiddleware",
    "plc_platform.middleware.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in policy (networks.session_policy): sessions end when idle or old; those who owe
    # two-step sign-in are sent to set it up.
    "plc_platform.middleware.SessionLifetimeMiddleware",
    "plc_platform.middleware.TwoStepRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Each signed-in session is listed on the person's sessions page, to be ended from there.
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "plc_platform.urls"
WSGI_APPLICATION = "plc_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plc_platform.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection kept open across requests is checked before reuse, so a database restart costs
# one reconnect instead of errors on every worker's stale connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL's JIT off for the platform's connections: on the national data set it compiled only
# the slowest pages' queries, and cost more than it saved on every one (bench/bench_jit.py; the
# figures are in bench/README.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "networks.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out pair never reaches the others.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts: email and password, no usernames, no open sign-up (people join by invitation).
ACCOUNT_ADAPTER = "networks.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PLC Platform] "
ACCOUNT_RATE_LIMITS = {
    # allauth's own limits stay on for password reset and confirmation emails; sign-in
    # failures are django-axes' job (by user and address together).
    "login_failed": False,
}
# Google Workspace and Microsoft 365 (networks.sign_in): they sign in an existing account or
# complete an invitation, never make one. Each consortium's staff allow their email domains per
# provider. Client ids and secrets come from the environment here, or from the admin (Social
# applications); never from the repository.
SOCIALACCOUNT_ADAPTER = "networks.adapters.SocialAccountAdapter"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "SCOPE": ["openid", "profile", "email"],
        "APPS": [{"client_id": env("GOOGLE_CLIENT_ID"), "secret": env("GOOGLE_CLIENT_SECRET")}]
        if env("GOOGLE_CLIENT_ID", default="")
        else [],
    },
    "microsoft": {
        "APPS": [
            {
                "client_id": env("MICROSOFT_CLIENT_ID"),
                "secret": env("MICROSOFT_CLIENT_SECRET"),
                # One tenant's id where a consortium has one; "organizations" takes any work account.
                "settings": {"tenant": env("MICROSOFT_TENANT", default="organizations")},
            }
        ]
        if env("MICROSOFT_CLIENT_ID", default="")
        else [],
    },
}
# Two-step sign-in: an authenticator app or a passkey (WebAuthn), and recovery codes. A passkey
# can also sign in by itself. WebAuthn needs https, or http on localhost (not 127.0.0.1).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_FORMS = {"add_webauthn": "networks.forms.AddPasskeyForm"}
# A session is recorded when its person signs in; tracking activity would write on every request.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_TOTP_ISSUER = "PLC Platform"
# Two-step sign-in is required of operators, consortium staff, specialists, and network leaders and
# co-leaders (networks.permissions.two_step_required): at their next sign-in they are asked to set
# it up and can open nothing else until they have. Off in the embedded default (DEBUG), so the demo
# logins work at once.
REQUIRE_TWO_STEP = env.bool("REQUIRE_TWO_STEP", default=not DEBUG)

# Sessions end after this many seconds without a request, and this long after signing in whatever
# happens (plc_platform.middleware.SessionLifetimeMiddleware). The cookie lasts no longer.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=2 * 60 * 60)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
# The last-seen stamp is written at most once this many seconds: no write on every request.
SESSION_SEEN_EVERY = 60

# Brute force: lock a (user, address) pair, so one school's shared address cannot lock out
# its staff and one attacker cannot lock out a user from everywhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "networks.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
# How many proxies of ours stand in front of the platform: both the lockouts above and allauth's
# rate limits read the client's address from X-Forwarded-For that far and no further
# (networks.adapters.client_address). 0: no proxy, REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "networks.adapters.client_address"
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LANGUAGE_CODE = "en-gb"
# Each language by its own name (the switch on every page shows the other one): never translated.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The platform's catalogue for the project's templates/ (each app keeps its own in <app>/locale),
# and the Welsh of the allauth strings its sign-in pages show: allauth ships no Welsh catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
# The language cookie lasts a year, like the choice it keeps; it is no secret, so scripts may read it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development the platform serves static files straight from static/ (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body taken at all (refused with a 413 from its Content-Length, unread): a
# 10 MB file, the largest upload, plus the rest of its form. Set the proxy's limit to the same.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# A mail server that accepts the connection and then hangs must not hold a worker for ever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PLC Platform <no-reply@plc-platform.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# One sweep every few minutes opens and closes rounds, creates the notices owed and sends them.
CELERY_BEAT_SCHEDULE = {
    "sweep-notices": {"task": "reviews.tasks.sweep_notices", "schedule": env.int("NOTICE_SWEEP_SECONDS", default=300)},
    # Tasks committed while the broker was unreachable (networks.enqueue).
    "sweep-outbox": {"task": "networks.tasks.sweep_outbox", "schedule": 60},
    # Daily: each consortium's own digest frequency decides whether anything goes out.
    "send-brokerage-digests": {"task": "brokerage.tasks.send_digests", "schedule": crontab(hour=7, minute=0)},
    # Daily: records past their retention period (plc_platform.retention).
    "purge-expired": {"task": "plc_platform.tasks.purge_expired", "schedule": crontab(hour=3, minute=30)},
}

# Redis' default is to redeliver an unacknowledged task after an hour; the longest task (a
# sweep of a large round's notices) takes minutes, and the sweep makes a redelivered one harmless.
# A web process that cannot reach the broker gives up at once (one immediate retry) and leaves the
# task to the outbox sweep: kombu's default keeps reconnecting for the connect timeout (measured:
# 6 s a task with Redis down), which every request that queues something would wait.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60),
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

if REDIS_URL:
    # The cache fails soft: with Redis unreachable each process falls back to its own memory,
    # so sign-in (allauth's rate limits live in the cache) keeps working (plc_platform.cache).
    CACHES = {
        "default": {
            "BACKEND": "plc_platform.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# The JSON API (api/): requests per token (per person for a browser session), per minute or hour.
API_RATE_LIMIT = env("API_RATE_LIMIT", default="120/m")

# Content Security Policy (django-csp 4): no inline or eval'd script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")}},
}

# Retention (plc_platform.retention): how long finished records are kept, and copies of data.
RETENTION_DAYS = env.int("RETENTION_DAYS", default=365)
# A task of the outbox that fails this many times is given up (networks.enqueue), shown in the admin.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
DATA_EXPORT_DAYS = env.int("DATA_EXPORT_DAYS", default=7)

# An invitation link works for this many days, once.
INVITATION_DAYS = 14
