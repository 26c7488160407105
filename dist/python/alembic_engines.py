"""
The engines an Alembic session hands env.py (alembic_driver.py): kept for the whole session, as
`alembic upgrade head` keeps one connection for all its revisions.
"""
import functools

import sqlalchemy


class SessionEngines:
    """One engine, and one pooled connection, per distinct engine env.py asks for, kept for the
    whole session. env.py runs once per step and the `alembic init` template builds a NullPool
    engine each time, so every step would open a new server connection (a new backend process on
    Postgres: about 5 ms a step, most of an Alembic step's cost). `alembic upgrade head` runs all
    its revisions on one connection, so keeping one across steps is what the tool itself does.
    Every other option env.py passes is kept; only NullPool becomes a one-connection pool."""

    def __init__(self):
        self.cache = {}
        self.real_create = sqlalchemy.create_engine
        self.real_from_config = sqlalchemy.engine_from_config
        sqlalchemy.create_engine = self.patched(self.real_create)
        sqlalchemy.engine_from_config = self.patched(self.real_from_config)

    def patched(self, real):
        @functools.wraps(real)
        def create(*args, **kwargs):
            if kwargs.get("poolclass") is sqlalchemy.pool.NullPool:
                kwargs = dict(kwargs, poolclass=sqlalchemy.pool.QueuePool, pool_size=1, max_overflow=4)
            try:
                key = repr((real.__name__, args, sorted(kwargs.items())))
            except Exception:
                return real(*args, **kwargs)
            engine = self.cache.get(key)
            if engine is None:
                engine = self.cache[key] = real(*args, **kwargs)
            return engine
        return create

    def create(self, url):
        return self.real_create(url, pool_size=1, max_overflow=4)

    def dispose(self):
        sqlalchemy.create_engine = self.real_create
        sqlalchemy.engine_from_config = self.real_from_config
        for engine in self.cache.values():
            engine.dispose()
