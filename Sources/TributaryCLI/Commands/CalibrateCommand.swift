import ImportCore
import WorkspaceStore

/// `tributary calibrate --project P`: hours per story point from the team's own completed work.
enum CalibrateCommand {
    static let definition = CommandDefinition(
        name: "calibrate", summary: "Suggest hours per story point from a project's imported worklogs.",
        usage: ["calibrate --project NAME"],
        details: """
            Reads the project's completed tasks that have story points and logged time, and suggests the
            median of their hours per story point, with the spread, how many tasks it rests on and which
            were left out as outliers (beyond 1.5 interquartile ranges). Imports turn story points into
            estimated hours with mapping.params.hoursPerStoryPoint (2.0 unless a config says otherwise).
            At least \(EstimateCalibration.minimumTasks) such tasks are needed for a suggestion.
            """,
        options: [OptionSpec("project", value: "NAME", help: "The destination project to calibrate from.")]
            + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        guard let project = context.arguments.value("project"), !project.isEmpty else {
            throw CLIError.usage("which project? `tributary calibrate --project NAME`")
        }
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        let calibration = try workspace.calibration(owner: owner, project: project)
        let suggestion = calibration.suggestion.map { (($0 * 100).rounded()) / 100 }
        if context.json {
            context.console.json([
                "project": .string(project),
                "suggestedHoursPerStoryPoint": suggestion.map(JSONValue.number) ?? .null,
                "median": calibration.median.map(JSONValue.number) ?? .null,
                "interquartile": calibration.interquartile.map { [.number($0.lowerBound), .number($0.upperBound)] }
                    ?? .null,
                "range": calibration.ratios.first.flatMap { low in
                    calibration.ratios.last.map { [.number(low), .number($0)] }
                } ?? .null,
                "tasks": .number(Double(calibration.ratios.count)),
                "candidates": .number(Double(calibration.candidates)),
                "outliers": .array(
                    calibration.outliers.map {
                        [
                            "task": .string($0.task), "hoursPerStoryPoint": .number($0.hoursPerPoint),
                            "reason": .string($0.reason),
                        ]
                    }),
                "withoutStoryPoints": .number(Double(calibration.withoutPoints)),
                "withoutLoggedTime": .number(Double(calibration.withoutTime)),
                "minimumTasks": .number(Double(EstimateCalibration.minimumTasks)),
                "apply": suggestion.map { ["mapping": ["params": ["hoursPerStoryPoint": .number($0)]]] } ?? .null,
            ])
            return .ok
        }
        let format = EstimateCalibration.format
        let skipped =
            "(\(calibration.withoutPoints) completed without story points, \(calibration.withoutTime) without logged time)"
        guard let suggestion else {
            context.console.out(
                "too few tasks to suggest anything: \(calibration.ratios.count) completed task\(calibration.ratios.count == 1 ? "" : "s") in \"\(project)\" have both story points and logged time, at least \(EstimateCalibration.minimumTasks) are needed \(skipped)"
            )
            context.console.out(
                "hint: import more of the project's history, or log time against estimated tasks, then run this again.")
            return .ok
        }
        context.console.out(
            "\(format(suggestion)) hours per story point, the median of \(calibration.ratios.count) completed tasks in \"\(project)\" \(skipped)"
        )
        if let middle = calibration.interquartile, let low = calibration.ratios.first,
            let high = calibration.ratios.last
        {
            context.console.out(
                "  spread: half of them between \(format(middle.lowerBound)) and \(format(middle.upperBound)) h/pt; all between \(format(low)) and \(format(high))"
            )
        }
        if !calibration.outliers.isEmpty {
            context.console.out("  left out as outliers (\(calibration.outliers.count)):")
            for outlier in calibration.outliers.prefix(20) {
                context.console.out("    \(outlier.task): \(format(outlier.hoursPerPoint)) h/pt, \(outlier.reason)")
            }
            if calibration.outliers.count > 20 {
                context.console.out("    … \(calibration.outliers.count - 20) more (--json)")
            }
        }
        context.console.out(
            "apply it in the run config: \"mapping\": {\"params\": {\"hoursPerStoryPoint\": \(format(suggestion))}}")
        return .ok
    }
}
