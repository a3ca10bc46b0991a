/// The journal's numbered migrations. Migration N brings `user_version` from N-1 to N; never
/// edit a shipped one, append a new one.
enum JournalSchema {
    static let migrations: [String] = [
        // 1: manifests, jobs, history, outbox, delivery log.
        """
        CREATE TABLE manifests (
            id TEXT PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            origin TEXT NOT NULL,
            bytes BLOB NOT NULL,
            received_at REAL NOT NULL,
            format TEXT,
            build_keys TEXT NOT NULL DEFAULT '[]',
            planned_at REAL
        );
        CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            manifest_id TEXT NOT NULL REFERENCES manifests(id),
            rule TEXT NOT NULL,
            region TEXT NOT NULL,
            image_name TEXT,
            image_id TEXT,
            state TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            wake_at REAL,
            version INTEGER NOT NULL,
            results_version INTEGER NOT NULL DEFAULT -1,
            body TEXT NOT NULL
        );
        CREATE INDEX jobs_by_state ON jobs(state, wake_at);
        CREATE TABLE manifest_jobs (
            manifest_id TEXT NOT NULL REFERENCES manifests(id),
            job_id TEXT NOT NULL REFERENCES jobs(id),
            PRIMARY KEY (manifest_id, job_id)
        );
        CREATE INDEX manifest_jobs_by_job ON manifest_jobs(job_id);
        CREATE TABLE transitions (
            id INTEGER PRIMARY KEY,
            job_id TEXT NOT NULL REFERENCES jobs(id),
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            at REAL NOT NULL,
            attempt INTEGER NOT NULL,
            note TEXT NOT NULL
        );
        CREATE INDEX transitions_by_job ON transitions(job_id, id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            reporter TEXT NOT NULL,
            job_id TEXT NOT NULL REFERENCES jobs(id),
            notice TEXT NOT NULL,
            payload BLOB NOT NULL,
            created_at REAL NOT NULL,
            next_attempt_at REAL NOT NULL,
            give_up_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL,
            last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
        CREATE INDEX outbox_by_job ON outbox(job_id);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            outbox_id INTEGER NOT NULL REFERENCES outbox(id),
            attempted_at REAL NOT NULL,
            http_status INTEGER,
            error TEXT,
            duration_ms INTEGER NOT NULL
        );
        CREATE INDEX deliveries_by_outbox ON deliveries(outbox_id, id);
        """,
        // 2: no query looks links up by job, and jobs are never deleted or renamed, so the index
        // only cost intake a B-tree page at a random place per manifest (about a tenth of its writes).
        """
        DROP INDEX IF EXISTS manifest_jobs_by_job;
        """,
        // 3: every index that intake wrote at a random place goes, so intake appends at the end of
        // each table: manifests and jobs get integer rows, and their links and history refer to
        // those rows. The manifest's id is its digest's prefix and the job's id its key's, so the
        // unique ids alone find repeats; the separate digest and key indexes go too.
        // Runs with foreign keys off (the tables are rebuilt); the store checks them after.
        """
        CREATE TABLE manifests_next (
            row INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            digest TEXT NOT NULL,
            source TEXT NOT NULL,
            origin TEXT NOT NULL,
            bytes BLOB NOT NULL,
            received_at REAL NOT NULL,
            format TEXT,
            build_keys TEXT NOT NULL DEFAULT '[]',
            planned_at REAL
        );
        INSERT INTO manifests_next (id, digest, source, origin, bytes, received_at, format, build_keys, planned_at)
            SELECT id, digest, source, origin, bytes, received_at, format, build_keys, planned_at
            FROM manifests ORDER BY received_at, id;
        CREATE TABLE jobs_next (
            row INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            idempotency_key TEXT NOT NULL,
            manifest_id TEXT NOT NULL REFERENCES manifests(id),
            rule TEXT NOT NULL,
            region TEXT NOT NULL,
            image_name TEXT,
            image_id TEXT,
            state TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            wake_at REAL,
            version INTEGER NOT NULL,
            results_version INTEGER NOT NULL DEFAULT -1,
            body TEXT NOT NULL
        );
        INSERT INTO jobs_next (id, idempotency_key, manifest_id, rule, region, image_name, image_id, state,
                created_at, updated_at, wake_at, version, results_version, body)
            SELECT id, idempotency_key, manifest_id, rule, region, image_name, image_id, state,
                created_at, updated_at, wake_at, version, results_version, body
            FROM jobs ORDER BY created_at, id;
        CREATE TABLE manifest_jobs_next (
            manifest_row INTEGER NOT NULL REFERENCES manifests(row),
            job_row INTEGER NOT NULL REFERENCES jobs(row),
            PRIMARY KEY (manifest_row, job_row)
        ) WITHOUT ROWID;
        INSERT INTO manifest_jobs_next (manifest_row, job_row)
            SELECT m.row, j.row FROM manifest_jobs AS l
            JOIN manifests_next AS m ON m.id = l.manifest_id
            JOIN jobs_next AS j ON j.id = l.job_id;
        CREATE TABLE transitions_next (
            id INTEGER PRIMARY KEY,
            job_row INTEGER NOT NULL REFERENCES jobs(row),
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            at REAL NOT NULL,
            attempt INTEGER NOT NULL,
            note TEXT NOT NULL
        );
        INSERT INTO transitions_next (id, job_row, from_state, to_state, at, attempt, note)
            SELECT t.id, j.row, t.from_state, t.to_state, t.at, t.attempt, t.note
            FROM transitions AS t JOIN jobs_next AS j ON j.id = t.job_id;
        DROP TABLE transitions;
        DROP TABLE manifest_jobs;
        DROP TABLE jobs;
        DROP TABLE manifests;
        ALTER TABLE manifests_next RENAME TO manifests;
        ALTER TABLE jobs_next RENAME TO jobs;
        ALTER TABLE manifest_jobs_next RENAME TO manifest_jobs;
        ALTER TABLE transitions_next RENAME TO transitions;
        CREATE INDEX jobs_by_state ON jobs(state, wake_at);
        CREATE INDEX transitions_by_job ON transitions(job_row, id);
        """,
    ]

    static var latestVersion: Int { migrations.count }
}
