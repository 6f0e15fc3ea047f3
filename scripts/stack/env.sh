# The stack's environment (sourced by start.sh, stop.sh and the drills). Keys come from
# var/stack/env, generated once by start.sh.
S=${S:-$PWD/var/stack}
# shellcheck source=/dev/null
source "$S/env"
export AZULTEL_ENV=production
export DEBUG=0
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL=https://127.0.0.1:18080
export AZULTEL_VAR_DIR=$S/var
export STATIC_ROOT=$S/static
export MEDIA_ROOT=$S/media
export PRIVATE_UPLOAD_ROOT=$S/private
# PostgreSQL through HAProxy's TCP proxy on 18091, so a drill can make it refuse connections.
export DATABASE_URL=postgres://postgres@127.0.0.1:18091/${STACK_DB:-azultel_stack}
export CACHE_URL=redis://127.0.0.1:18090/0
export SESSION_ENGINE=django.contrib.sessions.backends.cached_db
export CELERY_BROKER_URL=redis://127.0.0.1:18090/1
export CELERY_QUEUES_SPLIT=1
export CELERY_TASK_DEFAULT_QUEUE=default
export ANALYTICS_BUFFER=redis
export ANALYTICS_REDIS_URL=redis://127.0.0.1:18090/2
export EMAIL_HOST=127.0.0.1
export EMAIL_PORT=18092
export EMAIL_USE_TLS=0
export FORWARDED_ALLOW_IPS=127.0.0.1
export TRUSTED_PROXY_HOPS=1
export TRUST_X_FORWARDED_PROTO=1
export LOG_FORMAT=json
export PROMETHEUS_MULTIPROC_DIR=$S/metrics
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
# Drills want a dead worker's messages back within a minute (production: 600 s lease, 60 s sweep).
export COMMS_SENDING_LEASE_SECONDS=${COMMS_SENDING_LEASE_SECONDS:-45}
export COMMS_SWEEP_INTERVAL_SECONDS=${COMMS_SWEEP_INTERVAL_SECONDS:-15}
export CACHE_REDIS_BACKEND=azultel.ops.cache.ResilientRedisCache
