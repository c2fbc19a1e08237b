import Foundation
import TributaryCLI

// The `tributary` executable: everything lives in TributaryCLI so that it can be tested in-process.
// Ctrl-C and SIGTERM become clean stops (an import ends after a whole page, its job interrupted).
let stop = StopRequest()
let signals = SignalTrap.install(stop)
let code = await Tributary.main(Array(CommandLine.arguments.dropFirst()), console: .standard(stop: stop), stop: stop)
withExtendedLifetime(signals) {}
exit(code)
