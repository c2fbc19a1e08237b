import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Hours per story point from a team's own worklogs: a sandbox world built with a known ratio
/// must give that ratio back, its outliers left out.
@Suite("Calibrating estimates")
struct CalibrationTests {
    @Test(
        "a world built with 3.5 h a point calibrates to 3.5 (within 5 %), its outliers left out",
        arguments: [3.5, 1.25])
    func knownRatio(hoursPerPoint: Double) async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 500))
        let logged = harness.sandbox.logTimeByStoryPoints(hoursPerPoint: hoursPerPoint)
        #expect(logged >= 40, "too few done issues with story points: \(logged)")
        _ = try await harness.run(try harness.configFile())
        let calibration = try harness.workspace.calibration(owner: harness.owner, project: "Engineering")
        let suggestion = try #require(calibration.suggestion)
        #expect(abs(suggestion - hoursPerPoint) / hoursPerPoint < 0.05, "suggested \(suggestion)")
        #expect(calibration.candidates == logged)
        // Every 25th issue logged six times the ratio: those, and only those, are left out.
        #expect(calibration.outliers.count == logged / 25)
        #expect(calibration.outliers.allSatisfy { $0.hoursPerPoint > hoursPerPoint * 5 && $0.reason.contains("above") })
        let middle = try #require(calibration.interquartile)
        #expect(middle.lowerBound >= hoursPerPoint * 0.8 && middle.upperBound <= hoursPerPoint * 1.2)
    }

    @Test("too few completed tasks with points and time: no suggestion, and the counts say why")
    func tooFew() {
        let samples: [(task: String, points: Double?, hours: Double)] =
            (0..<9).map { ("T-\($0)", 2, 5) } + [("T-9", nil, 4), ("T-10", 3, 0)]
        let calibration = EstimateCalibration(samples: samples)
        #expect(calibration.suggestion == nil)
        #expect(calibration.median == 2.5)
        #expect(calibration.ratios.count == 9)
        #expect(calibration.withoutPoints == 1 && calibration.withoutTime == 1)
        #expect(EstimateCalibration(samples: samples + [("T-11", 1, 2.5)]).suggestion == 2.5)
    }

    @Test("quartiles and fences: a ratio far beyond the middle half is an outlier, one near it is not")
    func fences() {
        let ratios: [Double] = [1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 30]
        let calibration = EstimateCalibration(samples: ratios.enumerated().map { ("T-\($0.offset)", 1, $0.element) })
        #expect(calibration.outliers.map(\.task) == ["T-12"])
        #expect(calibration.suggestion == 3)
        #expect(EstimateCalibration.format(3.456) == "3.46")
        #expect(EstimateCalibration.format(2) == "2.00")
    }
}
