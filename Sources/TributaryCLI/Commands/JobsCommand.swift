import ImportCore
import WorkspaceStore

/// `tributary jobs` and `tributary jobs show ID`: the owner's import history.
enum JobsCommand {
    static let definition = CommandDefinition(
        name: "jobs", summary: "List recent import jobs, or show one with its failures and changes.",
        usage: ["jobs [--limit N]", "jobs show ID [--changes]", "jobs prune [--keep-days N]"],
        details: """
            `jobs show ID --changes` lists the rows the job created, changed and deleted (with their earlier
            state under --json), as `tributary revert ID` would undo them. Change journals are kept for 30
            days after a job ends; `jobs prune --keep-days N` drops older ones now and keeps N days from then on,
            and removes the attachment files that no row and no kept journal refers to any more.
            """,
        options: [
            OptionSpec(
                "limit", value: "N", help: "How many jobs to list (default 20), or changes to show (default 50)."),
            OptionSpec("changes", help: "With `show`: the rows the job changed."),
            OptionSpec(
                "keep-days", value: "N", help: "With `prune`: days a finished job's journal is kept (default 30)."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let limit = try context.arguments.int("limit", in: 1...10_000) ?? 20
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        let positionals = context.arguments.positionals
        if positionals == ["prune"] {
            let days = try context.arguments.int("keep-days", in: 0...36_500)
            if let days { try workspace.settings.set(Workspace.journalKeepDaysSetting, String(days)) }
            let pruned = try workspace.pruneJournals(owner: owner, keepDays: days, sweepingFiles: true)
            if context.json {
                context.console.json([
                    "prunedJobs": .number(Double(pruned.jobs)), "removedFiles": .number(Double(pruned.files.files)),
                    "removedBytes": .number(Double(pruned.files.bytes)),
                ])
            } else {
                context.console.out(
                    "dropped the change journals of \(pruned.jobs) job\(pruned.jobs == 1 ? "" : "s")"
                        + "; removed \(pruned.files.files) attachment file\(pruned.files.files == 1 ? "" : "s")"
                        + " (\(String(format: "%.1f", Double(pruned.files.bytes) / 1_048_576)) MB) that nothing refers to any more"
                )
            }
            return .ok
        }
        if positionals.first == "show" {
            guard positionals.count == 2, let id = Int64(positionals[1]) else {
                throw CLIError.usage("usage: tributary jobs show ID [--changes]")
            }
            guard let job = try workspace.jobs.find(owner: owner, id: id) else {
                throw WorkspaceError.jobNotFound(id: id)
            }
            if context.arguments.flag("changes") {
                return try JobChangesView.show(
                    job, workspace: workspace, limit: context.arguments.int("limit", in: 1...1_000_000) ?? 50,
                    context: context)
            }
            let failures = try workspace.jobs.failures(owner: owner, jobID: id)
            if context.json {
                var object = json(job).objectValue ?? [:]
                object["report"] = job.report
                object["failures"] = .array(
                    failures.map { ["record": JSONValue($0.recordKey), "reason": .string($0.reason)] })
                context.console.json(.object(object))
                return .ok
            }
            show(job, failures: failures, console: context.console)
            if job.mode == "revert", let reverted = job.report["jobId"]?.intValue {
                context.console.out("  reverts job \(reverted): `tributary revert \(job.id)` puts its changes back")
            }
            if let by = try workspace.revertingJob(owner: owner, jobID: job.id) {
                context.console.out("  reverted by job \(by)")
            }
            return .ok
        }
        guard positionals.isEmpty else {
            throw CLIError.usage(
                "unexpected \(positionals.joined(separator: " ")); usage: tributary jobs [--limit N] | jobs show ID [--changes] | jobs prune [--keep-days N]"
            )
        }
        let jobs = try workspace.jobs.list(owner: owner, limit: limit)
        if context.json {
            context.console.json(JSONValue.array(jobs.map(json)))
            return .ok
        }
        if jobs.isEmpty {
            context.console.out("no import jobs yet for \(owner.email)")
            return .ok
        }
        var table = TextTable([
            "ID", "STATUS", "MODE", "PROVIDER", "STARTED", "CREATED", "UPDATED", "UNCHANGED", "DELETED", "FAILED",
        ])
        for job in jobs {
            table.add([
                String(job.id), job.status.rawValue, job.mode, job.provider, job.startedAt, String(job.counts.created),
                String(job.counts.updated), String(job.counts.unchanged), String(job.counts.deleted),
                String(job.counts.failed),
            ])
        }
        context.console.out(table.render())
        return .ok
    }

    static func show(_ job: ImportJob, failures: [ImportFailure], console: Console) {
        console.out("job \(job.id): \(job.status.rawValue) (\(describe(job)))")
        console.out("  started   \(job.startedAt)")
        console.out("  finished  \(job.finishedAt ?? "—")")
        if let resumed = job.resumedFromJobID { console.out("  resumed   job \(resumed)") }
        console.out(
            "  created \(job.counts.created), updated \(job.counts.updated), unchanged \(job.counts.unchanged), deleted \(job.counts.deleted), failed \(job.counts.failed)"
        )
        console.out("  pages \(job.pages), requests \(job.requests), retries \(job.retries)")
        if let error = job.error { console.out("  error: \(error)") }
        for (title, key) in [
            ("unmatched assignees", "unmatchedAssignees"), ("unmatched milestones", "unmatchedMilestones"),
        ] {
            if let values = job.report[key]?.objectValue, !values.isEmpty {
                console.out(
                    "  \(title): "
                        + values.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.scalarText ?? ""))" }.joined(
                            separator: ", "))
            }
        }
        if let content = job.report["attachmentContent"] {
            console.out(
                "  attachment files: \(content["stored"]?.scalarText ?? "0") stored, \(content["missingCount"]?.scalarText ?? "0") not fetched"
            )
            for missing in content["missing"]?.arrayValue ?? [] {
                console.out(
                    "    "
                        + NotFetchedLine.text(
                            task: missing["task"]?.scalarText, filename: missing["filename"]?.scalarText ?? "",
                            attachment: missing["attachment"]?.scalarText ?? "",
                            reason: missing["reason"]?.scalarText ?? ""
                        ))
            }
        }
        for warning in job.report["warnings"]?.arrayValue ?? [] {
            console.out("  warning: \(warning.stringValue ?? "")")
        }
        if !failures.isEmpty {
            console.out("  failures:")
            for failure in failures.prefix(50) {
                console.out("    \(failure.recordKey ?? failure.externalID ?? "?"): \(failure.reason)")
            }
            if failures.count > 50 { console.out("    … \(failures.count - 50) more (use --json)") }
        }
    }

    /// "full import from jira", "revert of job 3 (jira)".
    static func describe(_ job: ImportJob) -> String {
        if job.mode == "revert", let reverted = job.report["jobId"]?.intValue {
            return "revert of job \(reverted) (\(job.provider))"
        }
        return "\(job.mode) import from \(job.provider)"
    }

    static func json(_ job: ImportJob) -> JSONValue {
        [
            "id": .number(Double(job.id)), "status": .string(job.status.rawValue), "mode": .string(job.mode),
            "provider": .string(job.provider), "startedAt": .string(job.startedAt),
            "finishedAt": JSONValue(job.finishedAt),
            "created": .number(Double(job.counts.created)), "updated": .number(Double(job.counts.updated)),
            "unchanged": .number(Double(job.counts.unchanged)), "deleted": .number(Double(job.counts.deleted)),
            "failed": .number(Double(job.counts.failed)), "pages": .number(Double(job.pages)),
            "requests": .number(Double(job.requests)), "retries": .number(Double(job.retries)),
            "error": JSONValue(job.error),
            "resumedFrom": job.resumedFromJobID.map { .number(Double($0)) } ?? .null,
        ]
    }
}
