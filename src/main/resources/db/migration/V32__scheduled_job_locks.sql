-- Jobs that run on one instance at a time (retention) take a lock row here first (ShedLock's
-- JDBC provider): the job's name, until when it is held, when and by whom it was taken. A holder
-- that dies loses the lock at lock_until.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON shedlock TO ${app_role};
