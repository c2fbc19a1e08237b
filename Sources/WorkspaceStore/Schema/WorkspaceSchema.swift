import ImportCore

/// The workspace's schema as numbered migrations. Never edit a released migration: add the next one.
public enum WorkspaceSchema {
    /// The provenance columns every imported table carries (see docs/PROVIDER_CONTRACT.md).
    static let provenanceColumns = """
        external_source TEXT,
        external_id TEXT,
        external_key TEXT,
        external_url TEXT,
        external_updated_at TEXT,
        content_hash TEXT,
        import_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL,
        imported_at TEXT
        """

    /// The tables that hold imported rows, each with a unique provenance index per owner.
    public static let importedTables = [
        "tasks", "comments", "worklogs", "attachments", "checklist_items", "milestones", "user_profiles",
    ]

    /// The numbered migrations, oldest first: a store at version N applies those above N.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "workspace", sql: v1Workspace),
        Migration(version: 2, name: "sync state and reference data", sql: v2SyncState),
        Migration(version: 3, name: "job query", sql: v3JobQuery),
        Migration(version: 4, name: "batch runs", sql: v4BatchRuns),
        Migration(version: 5, name: "source instance and destination in the provenance identity", sql: v5Identity),
        Migration(version: 6, name: "login, vault key check and workspace settings", sql: v6Vault),
        Migration(
            version: 7, name: "interrupted jobs", sql: v7InterruptedJobs, rebuildsTables: true),
        Migration(version: 8, name: "original dates, reporter, sprints, links and history", sql: v8CompleteRecords),
        Migration(version: 9, name: "attachment content", sql: v9AttachmentContent),
        Migration(version: 10, name: "a link end found by its id", sql: v10LinkEnds),
        Migration(version: 11, name: "sync schedules", sql: v11SyncSchedules),
        Migration(version: 12, name: "change journal", sql: v12ChangeJournal),
    ]

    static let v1Workspace = """
        CREATE TABLE owners (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL COLLATE NOCASE UNIQUE,
            created_at TEXT NOT NULL
        );

        CREATE TABLE import_jobs (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL,
            provider TEXT NOT NULL,
            destination_project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
            config_json TEXT NOT NULL,
            config_fingerprint TEXT NOT NULL,
            mode TEXT NOT NULL DEFAULT 'full',
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'partial')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            created_count INTEGER NOT NULL DEFAULT 0,
            updated_count INTEGER NOT NULL DEFAULT 0,
            unchanged_count INTEGER NOT NULL DEFAULT 0,
            deleted_count INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            cursor TEXT,
            error TEXT,
            resumed_from_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL,
            high_water_mark TEXT,
            pages_count INTEGER NOT NULL DEFAULT 0,
            requests_count INTEGER NOT NULL DEFAULT 0,
            retries_count INTEGER NOT NULL DEFAULT 0,
            report_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX import_jobs_owner ON import_jobs(owner_id, id);
        CREATE INDEX import_jobs_fingerprint ON import_jobs(owner_id, config_fingerprint, id);

        CREATE TABLE import_failures (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
            record_key TEXT,
            external_id TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX import_failures_job ON import_failures(job_id);

        CREATE TABLE user_profiles (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            email TEXT COLLATE NOCASE,
            display_name TEXT,
            \(provenanceColumns)
        );
        CREATE UNIQUE INDEX user_profiles_owner_email ON user_profiles(owner_id, email);
        CREATE UNIQUE INDEX user_profiles_provenance ON user_profiles(owner_id, external_source, external_id);

        CREATE TABLE projects (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (owner_id, name)
        );

        CREATE TABLE milestones (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            \(provenanceColumns)
        );
        CREATE INDEX milestones_project_title ON milestones(project_id, title COLLATE NOCASE);
        CREATE UNIQUE INDEX milestones_provenance ON milestones(owner_id, external_source, external_id);

        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            description TEXT,
            status TEXT NOT NULL,
            priority TEXT,
            category TEXT,
            due_date TEXT,
            milestone_id INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
            estimated_hours REAL,
            story_points REAL,
            source_status TEXT,
            source_priority TEXT,
            source_type TEXT,
            labels_json TEXT NOT NULL DEFAULT '[]',
            parent_task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
            parent_external_id TEXT,
            external_container TEXT,
            custom_fields_json TEXT NOT NULL DEFAULT '{}',
            local_notes TEXT,
            children_hash TEXT,
            \(provenanceColumns),
            deleted_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX tasks_provenance ON tasks(owner_id, external_source, external_id);
        CREATE INDEX tasks_project ON tasks(project_id);
        CREATE INDEX tasks_parent_external ON tasks(owner_id, external_source, parent_external_id);
        CREATE INDEX tasks_container ON tasks(owner_id, external_source, external_container);

        CREATE TABLE task_assignees (
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user_profiles(id) ON DELETE CASCADE,
            PRIMARY KEY (task_id, user_id)
        );

        CREATE TABLE checklist_items (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            \(provenanceColumns)
        );
        CREATE UNIQUE INDEX checklist_items_provenance ON checklist_items(owner_id, external_source, external_id);
        CREATE INDEX checklist_items_task ON checklist_items(task_id);

        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            author_email TEXT,
            author_name TEXT,
            body TEXT NOT NULL DEFAULT '',
            created_at TEXT,
            \(provenanceColumns)
        );
        CREATE UNIQUE INDEX comments_provenance ON comments(owner_id, external_source, external_id);
        CREATE INDEX comments_task ON comments(task_id);

        CREATE TABLE worklogs (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            author_email TEXT,
            author_name TEXT,
            started_at TEXT,
            seconds INTEGER NOT NULL DEFAULT 0,
            comment TEXT,
            \(provenanceColumns)
        );
        CREATE UNIQUE INDEX worklogs_provenance ON worklogs(owner_id, external_source, external_id);
        CREATE INDEX worklogs_task ON worklogs(task_id);

        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            filename TEXT NOT NULL,
            mime_type TEXT,
            size_bytes INTEGER,
            content_url TEXT,
            author_email TEXT,
            created_at TEXT,
            \(provenanceColumns)
        );
        CREATE UNIQUE INDEX attachments_provenance ON attachments(owner_id, external_source, external_id);
        CREATE INDEX attachments_task ON attachments(task_id);

        CREATE TABLE connections (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            provider TEXT NOT NULL,
            base_url TEXT NOT NULL,
            account_email TEXT,
            account_id TEXT,
            account_name TEXT,
            auth_kind TEXT NOT NULL,
            encrypted_secret BLOB,
            settings_json TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            verified_at TEXT,
            revoked_at TEXT,
            last_error TEXT,
            UNIQUE (owner_id, name)
        );

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT,
            detail_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX audit_log_owner ON audit_log(owner_id, at);

        CREATE TABLE activity_events (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail_json TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX activity_events_project ON activity_events(project_id, at);
        """

    static let v2SyncState = """
        CREATE TABLE sync_state (
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            scope_fingerprint TEXT NOT NULL,
            provider TEXT NOT NULL,
            high_water_mark TEXT,
            last_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (owner_id, scope_fingerprint)
        );

        CREATE TABLE reference_data (
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            external_id TEXT NOT NULL,
            name TEXT,
            data_json TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (owner_id, connection_id, kind, external_id)
        );
        """

    /// The effective query of a job (order, bounds, cap), so a resumed job asks for exactly the same records.
    static let v3JobQuery = """
        ALTER TABLE import_jobs ADD COLUMN query_json TEXT NOT NULL DEFAULT '{}';
        """

    /// Progress of `tributary migrate` batches, so a rerun skips the runs that finished.
    static let v4BatchRuns = """
        CREATE TABLE batch_runs (
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            batch_fingerprint TEXT NOT NULL,
            run_index INTEGER NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            job_id INTEGER,
            report_json TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (owner_id, batch_fingerprint, run_index)
        );
        """

    /// The child tables that hang off a task (their rows follow the task's project).
    static let taskChildTables = ["comments", "worklogs", "attachments", "checklist_items", "task_history"]

    /// The child tables that existed when v5 gave children a project (a migration's SQL never changes).
    static let v5TaskChildTables = ["comments", "worklogs", "attachments", "checklist_items"]

    /// Rows were unique per owner on (source, id): a second Jira site (whose issues number from 10000
    /// too) or a second destination project silently took over the first one's rows. The identity
    /// now names the source instance (Jira Cloud's cloud id, a Data Center base URL) and the
    /// destination project. Existing rows keep their data; their instance becomes the base URL of the
    /// connection that imported them (the engine adopts them for the connection's instance on its
    /// next run), and children take their task's project.
    static let v5Identity: String = {
        var sql = ""
        for table in importedTables {
            sql += "ALTER TABLE \(table) ADD COLUMN external_instance TEXT NOT NULL DEFAULT '';\n"
        }
        for table in v5TaskChildTables {
            sql += """
                ALTER TABLE \(table) ADD COLUMN project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE;
                UPDATE \(table) SET project_id = (SELECT t.project_id FROM tasks t WHERE t.id = \(table).task_id);

                """
        }
        let legacyInstance = { (table: String) in
            """
            UPDATE \(table) SET external_instance = COALESCE(
                (SELECT c.base_url FROM import_jobs j JOIN connections c ON c.id = j.connection_id
                 WHERE j.id = \(table).import_job_id),
                (SELECT json_extract(j.config_json, '$.connection.url') FROM import_jobs j
                 WHERE j.id = \(table).import_job_id),
                '')
            WHERE external_id IS NOT NULL;

            """
        }
        sql += legacyInstance("tasks") + legacyInstance("milestones")
        for table in v5TaskChildTables {
            sql += """
                UPDATE \(table) SET external_instance =
                    COALESCE((SELECT t.external_instance FROM tasks t WHERE t.id = \(table).task_id), '');

                """
        }
        sql += """
            DROP INDEX tasks_provenance;
            CREATE UNIQUE INDEX tasks_provenance
                ON tasks(owner_id, project_id, external_source, external_instance, external_id);
            DROP INDEX tasks_parent_external;
            CREATE INDEX tasks_parent_external
                ON tasks(owner_id, project_id, external_source, external_instance, parent_external_id);
            DROP INDEX tasks_container;
            CREATE INDEX tasks_container
                ON tasks(owner_id, project_id, external_source, external_instance, external_container);
            CREATE INDEX tasks_instance ON tasks(owner_id, external_source, external_instance);
            DROP INDEX milestones_provenance;
            CREATE UNIQUE INDEX milestones_provenance
                ON milestones(owner_id, project_id, external_source, external_instance, external_id);
            DROP INDEX user_profiles_provenance;
            CREATE UNIQUE INDEX user_profiles_provenance
                ON user_profiles(owner_id, external_source, external_instance, external_id);

            """
        for table in v5TaskChildTables {
            sql += """
                DROP INDEX \(table)_provenance;
                CREATE UNIQUE INDEX \(table)_provenance
                    ON \(table)(owner_id, project_id, external_source, external_instance, external_id);

                """
        }
        return sql
    }()

    /// The name an email-token credential authenticates with is kept apart from the account's email
    /// as the source reports it (`/myself` may spell it differently, or hide it); a key-check value
    /// refuses sealing with a key other than the one the database's credentials use; workspace
    /// settings remember the key file `init --key-file` chose.
    static let v6Vault = """
        ALTER TABLE connections ADD COLUMN login TEXT;
        UPDATE connections SET login = account_email WHERE auth_kind = 'email-token';

        CREATE TABLE vault_key_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sealed BLOB NOT NULL,
            created_at TEXT NOT NULL
        );

        CREATE TABLE workspace_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """

    /// `interrupted` joins the job statuses: SQLite cannot change a CHECK constraint, so the table is
    /// rebuilt (SQLite's documented procedure, foreign keys off; other tables keep referring to it by name).
    static let v7InterruptedJobs = """
        CREATE TABLE import_jobs_v7 (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL,
            provider TEXT NOT NULL,
            destination_project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
            config_json TEXT NOT NULL,
            config_fingerprint TEXT NOT NULL,
            mode TEXT NOT NULL DEFAULT 'full',
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'partial', 'interrupted')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            created_count INTEGER NOT NULL DEFAULT 0,
            updated_count INTEGER NOT NULL DEFAULT 0,
            unchanged_count INTEGER NOT NULL DEFAULT 0,
            deleted_count INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            cursor TEXT,
            error TEXT,
            resumed_from_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL,
            high_water_mark TEXT,
            pages_count INTEGER NOT NULL DEFAULT 0,
            requests_count INTEGER NOT NULL DEFAULT 0,
            retries_count INTEGER NOT NULL DEFAULT 0,
            report_json TEXT NOT NULL DEFAULT '{}',
            query_json TEXT NOT NULL DEFAULT '{}'
        );
        INSERT INTO import_jobs_v7 (id, owner_id, connection_id, provider, destination_project_id, config_json,
            config_fingerprint, mode, status, started_at, finished_at, created_count, updated_count, unchanged_count,
            deleted_count, failed_count, cursor, error, resumed_from_job_id, high_water_mark, pages_count,
            requests_count, retries_count, report_json, query_json)
        SELECT id, owner_id, connection_id, provider, destination_project_id, config_json, config_fingerprint, mode,
            status, started_at, finished_at, created_count, updated_count, unchanged_count, deleted_count,
            failed_count, cursor, error, resumed_from_job_id, high_water_mark, pages_count, requests_count,
            retries_count, report_json, query_json
        FROM import_jobs;
        DROP TABLE import_jobs;
        ALTER TABLE import_jobs_v7 RENAME TO import_jobs;
        CREATE INDEX import_jobs_owner ON import_jobs(owner_id, id);
        CREATE INDEX import_jobs_fingerprint ON import_jobs(owner_id, config_fingerprint, id);
        """

    /// A complete migration keeps what the source knew: when a task was created and resolved and who
    /// reported it, its sprints, the people it names (matched or not, for `tributary users`), the
    /// account id of every author, links between tasks (once per pair, resolved to local tasks when
    /// both ends are imported) and the change history of the fields the mapping keeps.
    static let v8CompleteRecords = """
        ALTER TABLE tasks ADD COLUMN source_created_at TEXT;
        ALTER TABLE tasks ADD COLUMN source_resolved_at TEXT;
        ALTER TABLE tasks ADD COLUMN reporter_email TEXT;
        ALTER TABLE tasks ADD COLUMN reporter_name TEXT;
        ALTER TABLE tasks ADD COLUMN reporter_external_id TEXT;
        ALTER TABLE tasks ADD COLUMN sprints_json TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE tasks ADD COLUMN assignees_json TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE comments ADD COLUMN author_external_id TEXT;
        ALTER TABLE worklogs ADD COLUMN author_external_id TEXT;
        ALTER TABLE attachments ADD COLUMN author_name TEXT;
        ALTER TABLE attachments ADD COLUMN author_external_id TEXT;

        CREATE TABLE task_links (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            external_source TEXT NOT NULL,
            external_instance TEXT NOT NULL DEFAULT '',
            external_id TEXT NOT NULL,
            link_type TEXT NOT NULL,
            outward TEXT,
            inward TEXT,
            from_external_id TEXT NOT NULL,
            to_external_id TEXT NOT NULL,
            from_task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
            to_task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
            content_hash TEXT,
            import_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL,
            imported_at TEXT
        );
        CREATE UNIQUE INDEX task_links_provenance ON task_links(owner_id, external_source, external_instance, external_id);
        CREATE INDEX task_links_from ON task_links(owner_id, external_source, external_instance, from_external_id);
        CREATE INDEX task_links_to ON task_links(owner_id, external_source, external_instance, to_external_id);
        CREATE INDEX tasks_external ON tasks(owner_id, external_source, external_instance, external_id);

        CREATE TABLE task_history (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
            task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            from_value TEXT,
            to_value TEXT,
            from_id TEXT,
            to_id TEXT,
            author_email TEXT,
            author_name TEXT,
            author_external_id TEXT,
            changed_at TEXT,
            \(provenanceColumns),
            external_instance TEXT NOT NULL DEFAULT ''
        );
        CREATE UNIQUE INDEX task_history_provenance
            ON task_history(owner_id, project_id, external_source, external_instance, external_id);
        CREATE INDEX task_history_task ON task_history(task_id, changed_at);
        """

    /// Attachments whose content a run downloaded record where it is (a content-addressed file beside
    /// the database), its SHA-256 and its size.
    static let v9AttachmentContent = """
        ALTER TABLE attachments ADD COLUMN content_sha256 TEXT;
        ALTER TABLE attachments ADD COLUMN content_size INTEGER;
        ALTER TABLE attachments ADD COLUMN content_path TEXT;
        ALTER TABLE attachments ADD COLUMN content_fetched_at TEXT;
        CREATE INDEX attachments_pending ON attachments(owner_id, project_id, id) WHERE content_sha256 IS NULL;
        """

    /// A link's end is the task of the instance with the end's id, in the writing project first. The
    /// index v8 gave that lookup lacked the project, so SQLite preferred the provenance index and read
    /// every task of the owner for each end of each link: a large import became quadratic. With the
    /// project in it the index answers the lookup alone.
    static let v10LinkEnds = """
        DROP INDEX tasks_external;
        CREATE INDEX tasks_external ON tasks(owner_id, external_source, external_instance, external_id, project_id);
        """

    /// One row per config a `tributary sync` keeps running: when it last ran and how that ended,
    /// when it runs next, and its failures in a row (for `tributary status`).
    static let v11SyncSchedules = """
        CREATE TABLE sync_schedules (
            id INTEGER PRIMARY KEY,
            owner_id INTEGER NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
            config_path TEXT NOT NULL,
            every_seconds REAL NOT NULL,
            runs INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            failures_in_row INTEGER NOT NULL DEFAULT 0,
            last_started_at TEXT,
            last_finished_at TEXT,
            last_outcome TEXT,
            last_message TEXT,
            last_job_id INTEGER,
            next_run_at TEXT,
            updated_at TEXT NOT NULL,
            UNIQUE (owner_id, config_path)
        );
        """

    /// What each job changed, so that it can be reviewed and reverted: a row per row a job inserted,
    /// and the before-image of each row it updated or deleted (written by triggers in the same
    /// transaction as the change, see `ChangeJournal`). A job remembers whether it was journaled, when
    /// its journal was pruned, and the revert job that undid it; a revert job names the job it reverts.
    /// One index only (by job): every imported row pays for the journal's, and the one question
    /// asked by row (which later jobs touched a job's rows) is asked by a revert, rarely.
    static let v12ChangeJournal = """
        CREATE TABLE change_journal (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            before_json TEXT
        );
        CREATE INDEX change_journal_job ON change_journal(job_id, id);
        ALTER TABLE import_jobs ADD COLUMN journaled INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE import_jobs ADD COLUMN journal_pruned_at TEXT;
        ALTER TABLE import_jobs ADD COLUMN reverted_by_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL;
        ALTER TABLE import_jobs ADD COLUMN reverts_job_id INTEGER REFERENCES import_jobs(id) ON DELETE SET NULL;
        """
}
