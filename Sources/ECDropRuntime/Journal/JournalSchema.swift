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
    ]

    static var latestVersion: Int { migrations.count }
}
